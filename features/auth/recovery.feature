@auth @mutates @browser
Feature: Recovery after a lost authenticator
  A user who lost her phone asks an administrator, who deletes her TOTP; she logs in with her
  password and enrols again. A site administrator who lost his own authenticator has nobody to
  ask: the console's break-glass switch Security.otp_disabled lets him in, and must be switched
  back off before he enrols again.

  @control:MISP-AUTH-008
  Scenario: An admin deletes a user's TOTP; she logs in with her password and enrols again
    pt-BR: Um admin apaga o TOTP de uma usuária; ela entra com a senha e se cadastra de novo
    Given a MISP user "alice" who has enrolled TOTP
    And "alice" has lost her authenticator
    And a site admin "olivia" without TOTP
    And "olivia" has logged in with her password
    When "olivia" deletes the TOTP of "alice" through List Users, the user's page and Delete
    Then "alice" logs in with her password only and is logged in
    When "alice" clicks her user name and then "Generate"
    Then the QR code shown to "alice" carries the same secret as the text under it
    When "alice" verifies the code her app shows
    Then MISP shows her 50 paper tokens

  @console @exclusive @control:MISP-AUTH-009
  Scenario: A site admin who lost his authenticator gets in with the console's break-glass switch
    pt-BR: Um admin do site que perdeu o autenticador entra com a chave de emergência do console
    Given a site admin "grace" who has enrolled TOTP
    And "grace" has lost her authenticator
    When the admin sets "Security.otp_disabled" to true on MISP's console
    Then the console says exactly 'Setting "Security.otp_disabled" changed to true' and exits with 0
    And "grace" logs in with her password only and is logged in
    And MISP's OTP pages answer 403 while OTP is disabled
    When the admin sets "Security.otp_disabled" to false on MISP's console
    Then the console says exactly 'Setting "Security.otp_disabled" changed to false' and exits with 0
    And MISP reports "Security.otp_disabled" as false
    When "grace" deletes her own TOTP from her profile
    And "grace" clicks her user name and then "Generate"
    Then the QR code shown to "grace" carries the same secret as the text under it
    When "grace" verifies the code her app shows
    Then MISP shows her 50 paper tokens
