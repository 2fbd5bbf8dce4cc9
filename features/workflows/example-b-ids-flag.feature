@workflows @exclusive @mutates
Feature: Example B: timestamps are not indicators
  The workshop's second workflow: Filter :: Generic (Label A, `Event._AttributeFlattened.{n}`,
  type equals datetime) → Attribute IDS Flag operation (remove) → Filter :: Remove filter (all).
  On publish, datetime attributes lose the IDS flag, those inside objects too, and nothing else
  changes. The seed event holds datetime, ip-src, domain and md5 attributes and a file object
  with a filename and a creation-time, all flagged for IDS.

  Background:
    Given the workflow plugin and background workers are on
    And the workflow "example-b" is saved as "Example B" on its trigger

  @workshop @control:MISP-WF-005 @control:MISP-WF-006
  Scenario: Publishing removes the IDS flag from datetime attributes only
    pt-BR: A publicação tira a flag IDS só dos atributos datetime
    Given the seed event "example-b" shared with "This community only" and tagged "tlp:green"
    When the event is published synchronously
    Then the event is published
    And only the datetime attributes lost their IDS flag, the one inside the file object too

  @control:MISP-WF-005
  Scenario: A file object added later is covered too
    pt-BR: Um objeto file adicionado depois também é coberto
    Given the seed event "example-a" shared with "Your organisation only" and tagged "tlp:green"
    And a file object with a creation-time is added to the event
    When the event is published synchronously
    Then the event is published
    And only the datetime attributes lost their IDS flag, the one inside the file object too
