@workflows @exclusive @mutates @control:MISP-WF-008
Feature: Enrichment guard: tlp:red data never reaches a third party
  Enrichment sends an attribute's value to a service outside the organisation. The default
  blueprint "PAP:RED and tlp:red Blocking" (IF :: Tag, scope Inherited Attribute, any of PAP:RED
  or tlp:red → Stop execution), placed on the blocking trigger "Enrichment Before Query", stops
  the query before it leaves MISP. The third party here is the lab's own HTTP service, which
  keeps every request it receives: what it never received never left.

  Background:
    Given the workflow plugin and background workers are on
    And the enrichment module "lab_lookup" queries the lab's third-party service
    And the blueprint "PAP:RED and tlp:red Blocking" is the "enrichment-before-query" workflow
    And the seed event "enrichment" shared with "Your organisation only" and tagged "tlp:green"

  Scenario: A tlp:red attribute is never sent; an unmarked one is
    Given the attribute "203.0.113.50" is tagged "tlp:red"
    When the analyst enriches "203.0.113.50" with "lab_lookup"
    Then MISP refuses the enrichment because the workflow blocked it
    And the third-party service never received "203.0.113.50"
    When the analyst enriches "lookup-example.invalid" with "lab_lookup"
    Then MISP answers with the enrichment results
    And the third-party service received "lookup-example.invalid"

  Scenario: An attribute inherits tlp:red from its event
    Given the event is tagged "tlp:red"
    When the analyst enriches "lookup-example.invalid" with "lab_lookup"
    Then MISP refuses the enrichment because the workflow blocked it
    And the third-party service never received "lookup-example.invalid"
