@auth @mutates @browser @control:MISP-AUTH-014
Feature: Authentication events in MISP's audit log
  An attack on the second factor, or an abused recovery, must leave a trace an auditor can find:
  MISP logs failed logins, wrong one-time passwords, a new TOTP and a deleted TOTP, each with its
  own title, and /admin/logs/index.json finds them by MISP's named filters (model:, action:, title:).
  In the titles below <email> and <id> are the user's, <ip> is any address MISP saw.

  Scenario: A failed login, a wrong one-time password, a new TOTP and its deletion are each logged
    pt-BR: Um login falho, uma senha de uso único errada, um novo TOTP e a sua exclusão ficam registrados, cada um
    Given a MISP user "quinn" who has enrolled TOTP
    When "quinn" gives a wrong password
    And "quinn" gives the right password and a wrong one-time password
    And the admin deletes the TOTP of "quinn" through MISP's API
    Then MISP's audit log has these entries about "quinn":
      | model | action     | title                                                      |
      | User  | login_fail | Failed login attempt using username <email> from IP: <ip>. |
      | User  | login_fail | User (<id>): <email> wrong OTP token                       |
      | User  | update     | User (<id>): <email> TOTP token created                    |
      | User  | update     | User (<id>): <email> TOTP deleted                          |
