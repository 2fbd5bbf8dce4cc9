@workflows @exclusive @mutates @control:MISP-WF-008
Feature: Enrichment guard: tlp:red data never reaches a third party
  Enrichment sends an attribute's value to a service outside the organisation. The default
  blueprint "PAP:RED and tlp:red Blocking" (IF :: Tag, scope Inherited Attribute, any of PAP:RED
  or tlp:red → Stop execution), placed on the blocking trigger "Enrichment Before Query", stops
  the query before it leaves MISP. The module is misp-modules' `hashlookup`, pointed at the lab's
  own HTTP service as its hashlookup API (Plugin.Enrichment_hashlookup_custom_API); that service
  keeps every request it receives: what it never received never left. The analyst enriches from
  MISP's pages: over REST MISP 2.5.1 answers HTTP 500 either way (it has no JSON view for results).

  Background:
    Given the workflow plugin and background workers are on
    And the enrichment module "hashlookup" queries the lab's third-party service
    And the blueprint "PAP:RED and tlp:red Blocking" is the "enrichment-before-query" workflow
    And the seed event "enrichment" shared with "Your organisation only" and tagged "tlp:green"

  Scenario: A tlp:red attribute is never sent; an unmarked one is
    pt-BR: Um atributo tlp:red nunca é enviado; um sem marcação é
    Given the attribute "e99a18c428cb38d5f260853678922e03" is tagged "tlp:red"
    When the analyst enriches "e99a18c428cb38d5f260853678922e03" with "hashlookup"
    Then MISP refuses the enrichment because the workflow blocked it
    And the third-party service never received "e99a18c428cb38d5f260853678922e03"
    When the analyst enriches "5d41402abc4b2a76b9719d911017c592" with "hashlookup"
    Then MISP answers with the enrichment results
    And the third-party service received "5d41402abc4b2a76b9719d911017c592"

  Scenario: An attribute inherits tlp:red from its event
    pt-BR: Um atributo herda o tlp:red do seu evento
    Given the event is tagged "tlp:red"
    When the analyst enriches "5d41402abc4b2a76b9719d911017c592" with "hashlookup"
    Then MISP refuses the enrichment because the workflow blocked it
    And the third-party service never received "5d41402abc4b2a76b9719d911017c592"
