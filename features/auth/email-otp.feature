@auth @browser @exclusive @mutates @control:MISP-AUTH-015
Feature: Email one-time password after the password
  With Security.email_otp_enabled on, a user without TOTP who gives the right password is not yet
  logged in: MISP mails her a numeric code ("[<MISP.org> MISP] Email OTP") and asks for it on
  /users/email_otp. A wrong code is refused with "The OTP is incorrect or has expired"; the code
  from the mail logs her in, once. The setting is switched back after the scenario.

  Scenario: The code from the mail logs in; a wrong code does not
    pt-BR: O código recebido por e-mail permite entrar; um código errado, não
    Given email OTP is switched on through MISP's API
    And a MISP user "paula" without TOTP
    When "paula" logs in with her password
    Then MISP mails "paula" a one-time password and asks for it, and nobody is logged in yet
    When "paula" enters a wrong emailed code
    Then MISP refuses the emailed code
    When "paula" enters the code from the mail
    Then "paula" is logged in
