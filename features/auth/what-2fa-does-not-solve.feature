@auth @mutates
Feature: What two-factor login does not solve
  Informational findings: each scenario passes when it shows the weakness on the target, and
  leaves a "FINDING:" note that the reports list as a finding, not as a passed control.

  @browser @control:MISP-AUTH-011
  Scenario: An auth key bypasses the second factor entirely
    pt-BR: Uma chave de API ignora por completo o segundo fator
    Given a MISP user "frank" who has enrolled TOTP
    Then the auth key of "frank" alone reads his profile and the events, reported as a finding

  @control:MISP-AUTH-012
  Scenario: Failed auth keys are not brute-force limited
    pt-BR: Chaves de API erradas não são limitadas contra força bruta
    Given a MISP user "frank" without TOTP
    Then 20 wrong auth keys are each refused without lockout and the key of "frank" still works, reported as a finding

  @browser @control:MISP-AUTH-013
  Scenario: A TOTP code can be used again within its 30-second step
    pt-BR: Um código TOTP pode ser usado de novo dentro do seu intervalo de 30 segundos
    Given a MISP user "frank" who has enrolled TOTP
    When "frank" logs in twice with the same code from his app within one 30-second step
    Then the replayed code is reported as a finding about "frank"
