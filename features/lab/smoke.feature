@lab @control:LAB-SMOKE-001
Feature: The lab is wired end to end
  Before any compliance check means anything, every part of the lab must carry real traffic:
  the MISP server, the mail catcher, the chat server and a real browser.

  Scenario: Every service of the lab carries real traffic
    pt-BR: Todo serviço do laboratório transporta tráfego real
    Then MISP answers its heartbeat and reports its version to the site admin
    When an email with a unique subject is sent over SMTP to "smoke@lab.test"
    Then the mail API shows that email addressed to "smoke@lab.test"
    When the bot posts a unique message in the lab's chat channel
    Then the chat channel shows that message
    When someone opens MISP in the browser
    Then the browser shows MISP's login form
