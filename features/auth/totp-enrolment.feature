@auth @mutates @browser
Feature: TOTP enrolment and login with a second factor
  MISP's built-in two-factor login as the workshop slides show it: a user enrols an authenticator
  app from her profile, receives 50 paper tokens, and from then on needs a one-time password after
  her password. The codes come from the lab's own authenticator (otplib), never from MISP.

  Background:
    Given a MISP user "alice" without TOTP

  @workshop @control:MISP-AUTH-001 @control:MISP-AUTH-003
  Scenario: A user enrols TOTP from her profile, then logs in with the app and with paper token 0
    pt-BR: Uma usuária cadastra o TOTP no seu perfil e depois entra com o aplicativo e com o token em papel 0
    Given "alice" has logged in with her password
    When "alice" clicks her user name and then "Generate"
    Then the QR code shown to "alice" carries the same secret as the text under it
    When "alice" verifies the code her app shows
    Then MISP shows her 50 paper tokens
    When "alice" logs out
    And "alice" logs in with her password
    Then MISP asks for the one-time password and nobody is logged in yet
    When "alice" enters the code her app shows
    Then "alice" is logged in
    When "alice" logs out
    And "alice" logs in with her password and paper token 0
    Then "alice" is logged in

  @control:MISP-AUTH-002
  Scenario: Paper tokens are the HOTP codes of the secret, each accepted once and only in order
    pt-BR: Os tokens em papel são os códigos HOTP do segredo, cada um aceito uma vez e só em ordem
    Given "alice" has enrolled TOTP
    Then "alice"'s 50 paper tokens are the HOTP codes 0 to 49 of the scanned secret
    When "alice" logs in with her password and paper token 1
    Then MISP refuses the one-time password
    When "alice" logs in with her password and paper token 0
    Then "alice" is logged in
    When "alice" logs in with her password and paper token 0
    Then MISP refuses the one-time password
    And MISP asks for paper token 1

  @control:MISP-AUTH-003
  Scenario: A password alone or a wrong one-time password does not log an enrolled user in
    pt-BR: Só a senha, ou uma senha de uso único errada, não deixa entrar um usuário cadastrado
    Given "alice" has enrolled TOTP
    When "alice" logs in with her password
    Then MISP asks for the one-time password and nobody is logged in yet
    When "alice" enters a wrong code
    Then MISP refuses the one-time password

  @control:MISP-AUTH-001
  Scenario: Every visit of the enrolment page makes a new secret
    pt-BR: Cada visita à página de cadastro gera um novo segredo
    Given "alice" has logged in with her password
    Then each visit of the TOTP enrolment page shows a new 103-character secret

  @control:MISP-AUTH-003
  Scenario: Each person's browser session is her own: one logs out, the other stays logged in
    pt-BR: A sessão de navegador de cada pessoa é só dela: uma sai, a outra continua conectada
    Given "alice" has enrolled TOTP
    And a MISP user "bruno" without TOTP
    And "bruno" has logged in with his password
    When "alice" logs in with her password
    And "alice" enters the code her app shows
    Then "alice" is logged in
    When "alice" logs out
    Then "alice" is logged out
    And "bruno" is logged in
    When "bruno" logs out
    Then "bruno" is logged out
