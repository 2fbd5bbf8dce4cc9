@workflows @exclusive @mutates
Feature: Example A: a tlp:red event never leaves the organisation
  The workshop's first workflow, on the blocking trigger "Event Publish": if the event is shared
  beyond the organisation (IF :: Distribution, scope event, "Is not" Organisation) and tagged
  tlp:red (IF :: Tag, scope event, "Is tagged with any (OR)"), "Stop execution" cancels the
  publish. Built once in the editor as the slides do, then loaded from its MISP JSON export for
  the four combinations of distribution and tag.

  Background:
    Given the workflow plugin and background workers are on

  @workshop @browser @control:MISP-WF-002
  Scenario: The trainer builds Example A in the workflow editor and it stops a tlp:red event
    pt-BR: O instrutor monta o Exemplo A no editor de workflows e ele barra um evento tlp:red
    Given the trigger "event-publish" is enabled
    And the modules of the workflow "example-a" are enabled
    And the tag "tlp:red" exists
    And the site admin is logged in to MISP in the browser
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
    Then the saved "event-publish" workflow means the same as the workflow "example-a"
    Given an event shared with "This community only" and tagged "tlp:red"
    When the event is published synchronously
    Then the publish is blocked

  @control:MISP-WF-002
  Scenario Outline: Example A blocks only tlp:red events shared beyond the organisation: <distribution>, <tag>
    pt-BR: O Exemplo A barra só eventos tlp:red compartilhados além da organização: <distribution>, <tag>
    Given the workflow "example-a" is saved as "Example A" on its trigger
    And an event shared with "<distribution>" and tagged "<tag>"
    When the event is published synchronously
    Then the publish is <outcome>

    Examples:
      | distribution           | tag       | outcome |
      | Your organisation only | tlp:red   | allowed |
      | This community only    | tlp:red   | blocked |
      | Your organisation only | tlp:green | allowed |
      | This community only    | tlp:green | allowed |

  @control:MISP-WF-003
  Scenario: A blocked publish leaves the event as it was and logs why
    pt-BR: Uma publicação barrada deixa o evento como estava e registra o motivo
    Given the workflow "example-a" is saved as "Example A" on its trigger
    And an event shared with "This community only" and tagged "tlp:green"
    And the event has been published
    When the event is tagged "tlp:red"
    And the event is published synchronously
    Then MISP refuses to publish the event
    And the event is still unpublished, with its earlier publish timestamp
    And the log says the workflow's "Stop execution" stopped the publish

  @control:MISP-WF-004 @control:MISP-WF-003
  Scenario: In background mode MISP answers "Job queued", yet the event stays unpublished
    pt-BR: Em segundo plano o MISP responde "Job queued", mas o evento continua não publicado
    Given the workflow "example-a" is saved as "Example A" on its trigger
    And an event shared with "This community only" and tagged "tlp:red"
    When the event is published in the background
    Then MISP answers "Job queued"
    But once the job has run the event is still unpublished, with its earlier publish timestamp
    And the log says the workflow's "Stop execution" stopped the publish
