@auth @mutates @exclusive @browser
Feature: Mandatory two-factor enrolment (Security.otp_required)
  With Security.otp_required on, a user without TOTP can still give her password, but every page
  then leads to the TOTP enrolment page until she enrols. The administrator switches it on either
  on MISP's console or on the server settings page. Roles with "Skip OTP Reqs" are exempt, and
  the REST API with an auth key is never redirected.

  Background:
    Given a MISP user "bob" without TOTP

  @console @control:MISP-AUTH-004
  Scenario: Switched on by the console, mandatory OTP makes a user without TOTP enrol at next login
    pt-BR: Ativado pelo console, o OTP obrigatório faz o usuário sem TOTP se cadastrar no próximo login
    When the admin sets "Security.otp_required" to true on MISP's console
    Then the console says exactly 'Setting "Security.otp_required" changed to true' and exits with 0
    And MISP reports "Security.otp_required" as true
    When "bob" logs in with his password
    Then MISP sends "bob" to the TOTP enrolment page
    And the QR code shown to "bob" carries the same secret as the text under it
    When "bob" verifies the code his app shows
    Then MISP shows his 50 paper tokens
    And none of these pages sends "bob" to the TOTP enrolment page:
      | /events/index  |
      | /users/view/me |

  @workshop @control:MISP-AUTH-005
  Scenario: Switched on in Server Settings & Maintenance, as the slides show, it has the same effect
    pt-BR: Ativado em Server Settings & Maintenance, como mostram os slides, tem o mesmo efeito
    Given a site admin "olivia" without TOTP
    And "olivia" has logged in with her password
    When "olivia" sets "Security.otp_required" to "true" in Server Settings & Maintenance
    Then MISP reports "Security.otp_required" as true
    When "bob" logs in with his password
    Then MISP sends "bob" to the TOTP enrolment page

  @control:MISP-AUTH-006
  Scenario: No deep link takes a user without TOTP past mandatory enrolment, while REST is not redirected
    pt-BR: Nenhum link direto leva um usuário sem TOTP além do cadastro obrigatório, e o REST não é redirecionado
    Given mandatory OTP is switched on through MISP's API
    When "bob" logs in with his password
    Then every one of these pages sends "bob" to the TOTP enrolment page:
      | /                                |
      | /events/index                    |
      | /events/add                      |
      | /events/view/1                   |
      | /users/view/me                   |
      | /users/hotp                      |
      | /users/routeafterlogin           |
      | /admin/users/index               |
      | /admin/users/add                 |
      | /servers/serverSettings          |
      | /servers/serverSettings/Security |
      | /workflows/triggers              |
      | /admin/logs/index                |
    And the auth key of "bob" still reads MISP's API

  @control:MISP-AUTH-007
  Scenario: Only a role with "Skip OTP Reqs" is exempt from mandatory enrolment
    pt-BR: Só um perfil com "Skip OTP Reqs" fica isento do cadastro obrigatório
    Given mandatory OTP is switched on through MISP's API
    And a role with "Skip OTP Reqs" (perm_skip_otp)
    And a MISP user "dave" without TOTP in that role
    When "dave" logs in with his password
    Then "dave" lands on "/"
    And none of these pages sends "dave" to the TOTP enrolment page:
      | /events/index  |
      | /events/add    |
      | /users/view/me |
    When "bob" logs in with his password
    Then MISP sends "bob" to the TOTP enrolment page
