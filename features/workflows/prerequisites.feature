@workflows @exclusive @mutates @control:MISP-WF-001
Feature: Workflows need the workflow plugin and background workers
  MISP opens its workflow system only while `Plugin.Workflow_enable` and `MISP.background_jobs`
  are on, and says which one is missing. With the plugin off no trigger fires at all: a publish
  guard built as a workflow silently stops guarding.

  Background:
    Given the workflow plugin and background workers are on

  Scenario Outline: With the <setting> off, the workflow pages say what is missing
    When the site admin switches "<setting>" off
    Then the workflow page "/workflows/triggers" says that the "<requirement>" must be enabled
    And the workflow page "/workflows/index" says that the "<requirement>" must be enabled
    And the workflow page "/workflows/editor/event-publish" says that the "<requirement>" must be enabled

    Examples:
      | requirement        | setting                |
      | workflow plugin    | Plugin.Workflow_enable |
      | background workers | MISP.background_jobs   |

  Scenario: With the plugin off, Example A no longer stops a tlp:red event
    Given the workflow "example-a" is saved as "Example A" on its trigger
    And an event shared with "This community only" and tagged "tlp:red"
    When the site admin switches "Plugin.Workflow_enable" off
    And the event is published synchronously
    Then the event is published
