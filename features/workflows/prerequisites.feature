@workflows @exclusive @mutates @control:MISP-WF-001
Feature: Workflows need the workflow plugin and background workers
  MISP opens its workflow system only while `Plugin.Workflow_enable` and `MISP.background_jobs`
  are on. MISP 2.5.1 then answers HTTP 500 with "Could not access Workflow system" and does not
  say which of the two is missing (observed on a real MISP 2.5.1). With the plugin off no trigger
  fires at all: a publish guard built as a workflow silently stops guarding.

  Background:
    Given the workflow plugin and background workers are on

  Scenario Outline: With <setting> off, the workflow pages refuse
    pt-BR: Com <setting> desligado, as páginas de workflows recusam
    When the site admin switches "<setting>" off
    Then the workflow page "/workflows/triggers" answers MISP's "Could not access Workflow system" error
    And the workflow page "/workflows/index" answers MISP's "Could not access Workflow system" error
    And the workflow page "/workflows/editor/event-publish" answers MISP's "Could not access Workflow system" error

    Examples:
      | setting                |
      | Plugin.Workflow_enable |
      | MISP.background_jobs   |

  Scenario: With the plugin off, Example A no longer stops a tlp:red event
    pt-BR: Com o plugin desligado, o Exemplo A deixa de barrar um evento tlp:red
    Given the workflow "example-a" is saved as "Example A" on its trigger
    And an event shared with "This community only" and tagged "tlp:red"
    When the site admin switches "Plugin.Workflow_enable" off
    And the event is published synchronously
    Then the event is published
