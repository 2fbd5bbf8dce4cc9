@workflows @exclusive @mutates @workshop @browser
Feature: The workshop by hand, through MISP's pages only
  An attendee follows the slides in the browser: Example A built by drag and drop in the editor,
  a tlp:red event shared with all communities made, tagged and published from its page, the
  block read in the log; Example B tried on a datetime attribute added with "Add Attribute".
  Set-up (workflow plugin on, modules and trigger enabled, Example B's graph) is the trainer's;
  every When and Then below goes through the pages, no REST call.

  Background:
    Given the workflow plugin and background workers are on
    And the site admin is logged in to MISP in the browser

  @control:MISP-WF-009
  Scenario: Example A built in the editor stops a tlp:red event published from its page
    pt-BR: O Exemplo A montado no editor barra um evento tlp:red publicado pela página dele
    Given the trigger "event-publish" is enabled
    And the modules of the workflow "example-a" are enabled
    And the tag "tlp:red" exists
    And the tag "tlp:green" exists
    When the site admin opens the editor of the "event-publish" trigger from Administration, Workflows
    And adds "IF :: Distribution" to the workflow with
      | Scope        | Distribution of the Event |
      | Condition    | Is not                    |
      | Distribution | Organisation              |
    And adds "IF :: Tag" to the workflow with
      | Scope     | Event                   |
      | Condition | Is tagged with any (OR) |
      | Tags      | tlp:red                 |
    And adds "Stop execution" to the workflow
    And connects "Event Publish" to "IF :: Distribution"
    And connects the "then" output of "IF :: Distribution" to "IF :: Tag"
    And connects the "then" output of "IF :: Tag" to "Stop execution"
    And saves the workflow
    And the site admin creates an event by hand shared with "All communities"
    And the site admin tags the event "tlp:green" with the tag picker
    And the site admin removes the tag "tlp:green" from the event with its x
    And the site admin tags the event "tlp:red" with the tag picker
    And the site admin publishes the event from its page
    Then the event page still shows the event unpublished
    And the log page shows the publish stopped by the workflow, then MISP's "Event (N): published." line

  @control:MISP-WF-009
  Scenario: Example B clears the IDS flag of datetime attributes added by hand, the one in a file object too
    pt-BR: O Exemplo B remove a marca IDS dos atributos datetime adicionados à mão, inclusive o do objeto file
    Given the workflow "example-b" is saved as "Example B" on its trigger
    And the tag "tlp:green" exists
    When the site admin creates an event by hand shared with "Your organisation only"
    And the site admin adds by hand a "Other" attribute of type "datetime" with value "2026-12-01T10:00:00+00:00" and the IDS flag on
    And the site admin tags the attribute "2026-12-01" "tlp:green" with the tag picker
    And the site admin adds by hand a "file" object with "filename" "dropper.exe" and "creation-time" "2026-12-01T09:00:00+00:00", both flagged for IDS
    And the site admin publishes the event from its page
    Then the event page shows the event published
    And the event page shows every "datetime" attribute without its IDS flag
    And the event page shows the "filename" attribute "dropper.exe" still flagged for IDS

  @control:LAB-HELP-001
  Scenario: The lab's help page explains MISP's "published" line after a blocked publish
    pt-BR: A página de ajuda do laboratório explica a linha "published" do MISP depois de uma publicação barrada
    Then the lab help page explains that line in English and Portuguese
