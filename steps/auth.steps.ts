/** Steps of features/auth: each parses its words and asks one task. */
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import * as auditLog from './tasks/auth/audit-log.ts';
import * as bruteForce from './tasks/auth/brute-force.ts';
import * as emailOtp from './tasks/auth/email-otp.ts';
import * as enrol from './tasks/auth/enrol.ts';
import * as findings from './tasks/auth/findings.ts';
import * as login from './tasks/auth/login.ts';
import * as mandatory from './tasks/auth/mandatory-otp.ts';
import * as paper from './tasks/auth/paper-tokens.ts';
import * as recovery from './tasks/auth/recovery.ts';
import * as settings from './tasks/auth/settings.ts';
import * as users from './tasks/auth/users.ts';

const firstColumn = (table: DataTable) => table.raw().map((row) => (row[0] ?? '').trim());

// People
Given('a MISP user {string} without TOTP', async function (this: LabWorld, label: string) {
  await users.createUser(this, label);
});
Given('a site admin {string} without TOTP', async function (this: LabWorld, label: string) {
  await users.createSiteAdmin(this, label);
});
Given('a MISP user {string} who has enrolled TOTP', async function (this: LabWorld, label: string) {
  await enrol.createEnrolledUser(this, label);
});
Given('a site admin {string} who has enrolled TOTP', async function (this: LabWorld, label: string) {
  await enrol.createEnrolledUser(this, label, true);
});
Given('a role with "Skip OTP Reqs" \\(perm_skip_otp)', async function (this: LabWorld) {
  await users.createSkipOtpRole(this);
});
Given('a MISP user {string} without TOTP in that role', async function (this: LabWorld, label: string) {
  await users.createUserInSkipOtpRole(this, label);
});

// Enrolment
Given('{string} has enrolled TOTP', async function (this: LabWorld, label: string) {
  await enrol.enrolTotp(this, this.actor(label));
});
When('{string} clicks her/his user name and then "Generate"', async function (this: LabWorld, label: string) {
  await enrol.openEnrolmentFromProfile(this.actor(label));
});
Then(
  'the QR code shown to {string} carries the same secret as the text under it',
  async function (this: LabWorld, label: string) {
    await enrol.scanQrCode(this, this.actor(label));
  },
);
When('{string} verifies the code her/his app shows', async function (this: LabWorld, label: string) {
  await enrol.verifyFirstCode(this.actor(label));
});
Then('MISP shows her/his 50 paper tokens', async function (this: LabWorld) {
  await enrol.expectPaperTokensPage(this, this.actorInSpotlight());
});
Then(
  "{string}'s 50 paper tokens are the HOTP codes 0 to 49 of the scanned secret",
  function (this: LabWorld, label: string) {
    paper.expectPaperTokensAreHotp(this, this.actor(label));
  },
);
Then(
  'each visit of the TOTP enrolment page shows a new 103-character secret',
  async function (this: LabWorld) {
    await enrol.expectNewSecretPerVisit(this.actorInSpotlight());
  },
);
Given('{string} has lost her/his authenticator', function (this: LabWorld, label: string) {
  enrol.forgetAuthenticator(this.actor(label));
});

// Logging in
When('{string} logs in with her/his password', async function (this: LabWorld, label: string) {
  await login.logInWithPassword(this.actor(label));
});
Given('{string} has logged in with her/his password', async function (this: LabWorld, label: string) {
  await login.logInWithPasswordOnly(this.actor(label));
});
Then(
  '{string} logs in with her/his password only and is logged in',
  async function (this: LabWorld, label: string) {
    await login.logInWithPasswordOnly(this.actor(label));
  },
);
When('{string} logs out', async function (this: LabWorld, label: string) {
  await login.logOut(this.actor(label));
});
Then('{string} is logged out', async function (this: LabWorld, label: string) {
  await login.expectLoggedOut(this.actor(label));
});
Then('MISP asks for the one-time password and nobody is logged in yet', async function (this: LabWorld) {
  await login.expectOtpAskedNotLoggedIn(this.actorInSpotlight());
});
When('{string} enters the code her/his app shows', async function (this: LabWorld, label: string) {
  await login.enterAppCode(this.actor(label));
});
When('{string} enters a wrong code', async function (this: LabWorld, label: string) {
  await login.enterWrongCode(this.actor(label));
});
When(
  '{string} logs in with her/his password and paper token {int}',
  async function (this: LabWorld, label: string, counter: number) {
    await login.logInWithPaperToken(this.actor(label), counter);
  },
);
Then('{string} is logged in', async function (this: LabWorld, label: string) {
  await login.expectLoggedIn(this.actor(label));
});
Then('MISP refuses the one-time password', async function (this: LabWorld) {
  await login.expectOtpRefused(this.actorInSpotlight());
});
Then('MISP asks for paper token {int}', async function (this: LabWorld, counter: number) {
  await login.expectPaperTokenAsked(this.actorInSpotlight(), counter);
});

// Settings
When(
  "the admin sets {string} to {word} on MISP's console",
  async function (this: LabWorld, name: string, value: string) {
    await settings.setSettingByConsole(this, name, value);
  },
);
Then(
  'the console says exactly {string} and exits with {int}',
  function (this: LabWorld, stdout: string, exitCode: number) {
    settings.expectConsoleOutput(this, stdout, exitCode);
  },
);
Then('MISP reports {string} as {word}', async function (this: LabWorld, name: string, value: string) {
  await settings.expectSetting(this, name, value);
});
Given("mandatory OTP is switched on through MISP's API", async function (this: LabWorld) {
  await settings.setSettingByRest(this, 'Security.otp_required', true);
});
When(
  '{string} sets {string} to {string} in Server Settings & Maintenance',
  async function (this: LabWorld, admin: string, name: string, value: string) {
    await settings.setSettingByPage(this, this.actor(admin), name, value);
  },
);

// Mandatory enrolment
Then('MISP sends {string} to the TOTP enrolment page', async function (this: LabWorld, label: string) {
  await mandatory.expectSentToEnrolment(this.actor(label));
});
Then(
  'every one of these pages sends {string} to the TOTP enrolment page:',
  async function (this: LabWorld, label: string, table: DataTable) {
    await mandatory.expectAllRedirectToEnrolment(this, this.actor(label), firstColumn(table));
  },
);
Then(
  'none of these pages sends {string} to the TOTP enrolment page:',
  async function (this: LabWorld, label: string, table: DataTable) {
    await mandatory.expectNoneRedirectToEnrolment(this, this.actor(label), firstColumn(table));
  },
);
Then("the auth key of {string} still reads MISP's API", async function (this: LabWorld, label: string) {
  await mandatory.expectAuthKeyWorks(this.actor(label));
});
Then('{string} lands on {string}', async function (this: LabWorld, label: string, path: string) {
  await mandatory.expectLandedOn(this.actor(label), path);
});

// Recovery
When(
  "{string} deletes the TOTP of {string} through List Users, the user's page and Delete",
  async function (this: LabWorld, admin: string, label: string) {
    await recovery.adminDeletesTotpThroughPages(this, this.actor(admin), this.actor(label));
  },
);
When(
  '{string} deletes her/his own TOTP from her/his profile',
  async function (this: LabWorld, label: string) {
    await recovery.deleteOwnTotpThroughProfile(this, this.actor(label));
  },
);
Then("MISP's OTP pages answer 403 while OTP is disabled", async function (this: LabWorld) {
  await recovery.expectOtpPagesForbidden(this.actorInSpotlight());
});

// Brute force
When(
  '{string} fails her/his password {int} times',
  async function (this: LabWorld, label: string, n: number) {
    await bruteForce.failPasswords(this.actor(label), n);
  },
);
When(
  '{string} gives the right password and fails the one-time password {int} times',
  async function (this: LabWorld, label: string, n: number) {
    await bruteForce.passwordThenWrongOtps(this.actor(label), n);
  },
);
Then(
  "MISP refuses {string}'s unused paper token {int} with 403 and the lockout message",
  async function (this: LabWorld, label: string, counter: number) {
    await bruteForce.submitPaperTokenWhileBlocked(this.actor(label), counter);
  },
);
Then(
  "MISP refuses {string}'s right password with 403 and the lockout message",
  async function (this: LabWorld, label: string) {
    await bruteForce.submitRightPasswordWhileBlocked(this.actor(label));
  },
);

// What 2FA does not solve (informational findings)
When(
  '{string} logs in twice with the same code from her/his app within one 30-second step',
  async function (this: LabWorld, label: string) {
    await login.logInTwiceWithOneCode(this.actor(label));
  },
);
Then('the replayed code is reported as a finding about {string}', function (this: LabWorld, label: string) {
  findings.reportReplay(this, this.actor(label));
});
Then(
  'the auth key of {string} alone reads her/his profile and the events, reported as a finding',
  async function (this: LabWorld, label: string) {
    await findings.demonstrateAuthKeyBypassesOtp(this, this.actor(label));
  },
);
Then(
  '{int} wrong auth keys are each refused without lockout and the key of {string} still works, reported as a finding',
  async function (this: LabWorld, attempts: number, label: string) {
    await findings.demonstrateFailedAuthKeysNotLimited(this, this.actor(label), attempts);
  },
);

// Email OTP
Given("email OTP is switched on through MISP's API", async function (this: LabWorld) {
  await emailOtp.switchOnEmailOtp(this);
});
Then(
  'MISP mails {string} a one-time password and asks for it, and nobody is logged in yet',
  async function (this: LabWorld, label: string) {
    await emailOtp.expectCodeMailedAndAsked(this, this.actor(label));
  },
);
When('{string} enters a wrong emailed code', async function (this: LabWorld, label: string) {
  await emailOtp.enterWrongCode(this, this.actor(label));
});
Then('MISP refuses the emailed code', async function (this: LabWorld) {
  await emailOtp.expectCodeRefused(this.actorInSpotlight());
});
When('{string} enters the code from the mail', async function (this: LabWorld, label: string) {
  await emailOtp.enterMailedCode(this, this.actor(label));
});

// Audit log
When('{string} gives a wrong password', async function (this: LabWorld, label: string) {
  await bruteForce.failPasswords(this.actor(label), 1);
});
When(
  '{string} gives the right password and a wrong one-time password',
  async function (this: LabWorld, label: string) {
    await bruteForce.passwordThenWrongOtps(this.actor(label), 1);
  },
);
When(
  "the admin deletes the TOTP of {string} through MISP's API",
  async function (this: LabWorld, label: string) {
    await auditLog.deleteTotpByRest(this, this.actor(label));
  },
);
Then(
  "MISP's audit log has these entries about {string}:",
  async function (this: LabWorld, label: string, table: DataTable) {
    await auditLog.expectAuditEntries(this, this.actor(label), auditLog.entriesFrom(table.hashes()));
  },
);
