@notifications @exclusive @mutates
Feature: Publishing an event notifies the team
  Workflows on "Event Publish" tell people that an event went out: the misp-modules `mattermost`
  action posts in the team's channel with a bot token (it needs `Plugin.Action_services_enable`),
  `send-mail` mails "All admins", and MISP's own `webhook` action can post to a Mattermost
  incoming hook (only while `Security.rest_client_enable_arbitrary_urls` is on, a setting MISP lets
  only its console change). The evidence is
  what arrived: the post read back from Mattermost's API, the mail read back from MailHog's.

  Background:
    Given the workflow plugin and background workers are on
    And an event shared with "This community only" and tagged "tlp:green"

  @workshop @control:MISP-NOTIFY-001
  Scenario: The bot posts in the Mattermost channel when an event is published
    pt-BR: O bot publica no canal do Mattermost quando um evento é publicado
    Given the "event-publish" workflow posts to the lab's Mattermost channel with the bot's token
    When the event is published synchronously
    Then the event is published
    And the bot's post about the event is in the channel

  @workshop @control:MISP-NOTIFY-002
  Scenario: The admins receive an email when an event is published
    pt-BR: Os administradores recebem um e-mail quando um evento é publicado
    Given the "event-publish" workflow mails "All admins"
    When the event is published synchronously
    Then the event is published
    And the site admin has received the email about the event

  @console @control:MISP-NOTIFY-003
  Scenario: MISP's webhook action posts through a Mattermost incoming hook
    pt-BR: A ação webhook do MISP publica por um incoming hook do Mattermost
    Given MISP may call arbitrary URLs
    And the "event-publish" workflow calls the channel's incoming webhook
    When the event is published synchronously
    Then the event is published
    And the webhook's post about the event is in the channel

  @console @control:MISP-NOTIFY-003
  Scenario: Without arbitrary URLs the webhook action refuses to call out
    pt-BR: Sem URLs arbitrárias, a ação webhook se recusa a chamar para fora
    Given MISP may not call arbitrary URLs
    And the "event-publish" workflow calls the channel's incoming webhook
    When the event is published synchronously
    Then the event is published
    And the workflow's log says "`Security.rest_client_enable_arbitrary_urls` is turned off"
    And no post about the event is in the channel
