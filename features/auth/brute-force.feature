@auth @mutates @browser @control:MISP-AUTH-010
Feature: Brute-force lockout of the login
  MISP counts failed logins per IP address and email over SecureAuth.expire (300 s). Wrong
  passwords and wrong one-time passwords share the count; at five failures the login answers 403,
  even for the right password or an unused paper token.

  Scenario: Three wrong passwords and two wrong one-time passwords lock the login
    pt-BR: Três senhas erradas e duas senhas de uso único erradas bloqueiam o login
    Given a MISP user "erin" who has enrolled TOTP
    When "erin" fails her password 3 times
    And "erin" gives the right password and fails the one-time password 2 times
    Then MISP refuses "erin"'s unused paper token 0 with 403 and the lockout message
    And MISP refuses "erin"'s right password with 403 and the lockout message
