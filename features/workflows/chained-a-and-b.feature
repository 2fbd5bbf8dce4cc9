@workflows @exclusive @mutates @control:MISP-WF-007
Feature: Examples A and B chained in one workflow
  The slides' last example: one "Event Publish" workflow where Example A's guard comes first and
  Example B runs on both of its "else" branches. A stopped publish must not touch the event; an
  allowed one must clean the datetime attributes as Example B alone does.

  Background:
    Given the workflow plugin and background workers are on
    And the workflow "example-a-and-b" is saved as "Examples A and B" on its trigger

  @workshop
  Scenario Outline: <distribution>, <tag>: the publish is <outcome>
    pt-BR: <distribution>, <tag>: a publicação é <resultado>
    Given the seed event "example-b" shared with "<distribution>" and tagged "<tag>"
    When the event is published synchronously
    Then the publish is <outcome>
    And <ids flags>

    Examples:
      | distribution           | tag       | outcome | resultado | ids flags                                                                  |
      | This community only    | tlp:red   | blocked | barrada   | every attribute still has its IDS flag                                     |
      | This community only    | tlp:green | allowed | permitida | only the datetime attributes lost their IDS flag, the one inside the file object too |
      | Your organisation only | tlp:red   | allowed | permitida | only the datetime attributes lost their IDS flag, the one inside the file object too |
