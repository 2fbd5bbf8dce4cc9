import { After, Given, Then, When } from '@cucumber/cucumber';
import * as audit from './tasks/posture/audit.ts';
import * as checks from '../lab/posture/checks.ts';
import { exampleInstalled } from '../lab/posture/workflow-checks.ts';
import type { LabWorld } from './support/world.ts';

const maxKeyAgeDays = Number(process.env.MISP_POSTURE_MAX_KEY_AGE_DAYS || checks.DEFAULT_MAX_KEY_AGE_DAYS);

After({ tags: '@posture', timeout: 120_000 }, async function (this: LabWorld) {
  await audit.expectTargetUnchanged(this);
});

Given(
  "the auditor has read the deployment's settings, users, auth keys and workflows",
  { timeout: 120_000 },
  async function (this: LabWorld) {
    await audit.rememberTarget(this);
    await audit.readDeployment(this);
  },
);
Then('OTP is mandatory and not disabled', function (this: LabWorld) {
  audit.expectHolds(this, checks.otpMandatory(audit.postureData(this)));
});
Then('every active user has TOTP enrolled', function (this: LabWorld) {
  audit.expectHolds(this, checks.everyUserHasTotp(audit.postureData(this)));
});
Then("the brute-force lockout is at least MISP's default", function (this: LabWorld) {
  audit.expectHolds(this, checks.bruteForceAtDefaults(audit.postureData(this)));
});
Then('every usable auth key expires and none is older than the key policy', function (this: LabWorld) {
  audit.expectHolds(this, checks.authKeysRestricted(audit.postureData(this), maxKeyAgeDays));
});
When(
  'the auditor runs the event-publish workflow on synthetic tlp:red events where writes are allowed',
  { timeout: 120_000 },
  async function (this: LabWorld) {
    await audit.probeExampleA(this);
  },
);
Then(
  'the enabled event-publish trigger blocks with a workflow that means Example A',
  function (this: LabWorld) {
    audit.expectExampleA(this);
  },
);
Then('the enabled event-publish trigger runs a workflow that means Example B', function (this: LabWorld) {
  audit.expectHolds(this, exampleInstalled(audit.postureData(this), 'MISP-POSTURE-006'));
});
Then('the workflow plugin, live background workers and misp-modules are there', function (this: LabWorld) {
  audit.expectHolds(this, checks.workflowPrerequisites(audit.postureData(this)));
});
Then('the security audit items readable over the API are set', function (this: LabWorld) {
  audit.expectHolds(this, checks.securityAuditOverApi(audit.postureData(this)));
});
