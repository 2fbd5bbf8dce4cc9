/**
 * The posture audit against the reference server as installed: it finds the gaps real MISP 2.5.1
 * as installed shows, and it writes nothing (audit log, settings, users, events, workflows read
 * before and after). A write in between is caught, so the comparison can fail. The scope rule:
 * controls outside the posture profile do not make the run "not run".
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MispClient } from '../../lab/clients/misp-client.ts';
import * as checks from '../../lab/posture/checks.ts';
import { readPosture } from '../../lab/posture/posture-data.ts';
import { snapshotDifferences, snapshotTarget } from '../../lab/posture/target-snapshot.ts';
import { exampleInstalled } from '../../lab/posture/workflow-checks.ts';
import { whyNotSelected, type RunSelection } from '../../lab/reporting/not-run.ts';
import { profileScope, withinScope } from '../../lab/cli/run-selection.ts';
import { hardenMisp } from '../../lab/posture/hardening.ts';
import { PASSWORD, startLab, type Lab } from '../server/support/lab-server.ts';

let lab: Lab;
let admin: MispClient;

beforeEach(async () => {
  lab = await startLab();
  const { authKey } = lab.addUser('auditor@lab.test', { roleId: 1 });
  admin = new MispClient({ baseUrl: lab.url, authKey });
});
afterEach(async () => {
  await lab.stop();
});

it('finds the gaps of a fresh install and writes nothing', async () => {
  const before = await snapshotTarget(admin);
  const data = await readPosture(admin, lab.url);
  expect(checks.otpMandatory(data).findings).toEqual([
    'Security.otp_required is false: OTP is not mandatory',
  ]);
  expect(checks.everyUserHasTotp(data).findings[0]).toMatch(
    /^2 active users without TOTP: admin@admin\.test \(admin, site admin/,
  );
  expect(exampleInstalled(data, 'MISP-POSTURE-005').findings).toEqual([
    'MISP refuses its workflow pages: Example A (the tlp:red publish guard) cannot run',
  ]);
  expect(checks.bruteForceAtDefaults(data).findings).toEqual([]);
  const after = await snapshotTarget(admin);
  expect(snapshotDifferences(before, after)).toEqual([]);
});

it('passes every posture control once hardened as the workshop teaches, reading without writing', async () => {
  const enrolled = await hardenMisp({
    url: lab.url,
    misp: admin,
    adminEmail: 'admin@admin.test',
    adminPassword: PASSWORD,
    now: lab.now,
  });
  expect(Object.keys(enrolled).sort()).toEqual(['admin@admin.test', 'auditor@lab.test']);
  const before = await snapshotTarget(admin);
  const data = await readPosture(admin, lab.url);
  const results = [
    checks.otpMandatory(data),
    checks.everyUserHasTotp(data),
    checks.bruteForceAtDefaults(data),
    checks.authKeysRestricted(data),
    exampleInstalled(data, 'MISP-POSTURE-005'),
    exampleInstalled(data, 'MISP-POSTURE-006'),
    checks.workflowPrerequisites(data),
    checks.securityAuditOverApi(data),
  ];
  expect(results.flatMap((r) => r.findings)).toEqual([]);
  expect(snapshotDifferences(before, await snapshotTarget(admin))).toEqual([]);
});

it('catches a write between the two snapshots', async () => {
  const before = await snapshotTarget(admin);
  await admin.setServerSetting('Security.otp_required', true);
  const changes = snapshotDifferences(before, await snapshotTarget(admin));
  expect(changes).toContain('settings.Security.otp_required: false → true');
  expect(changes.some((c) => c.startsWith('auditLog'))).toBe(true);
});

it('leaves controls outside the posture profile out of scope, not unrun', () => {
  const scope = profileScope('posture', 'external');
  expect(scope).toBe('@posture');
  expect(withinScope('not @mutates', scope)).toBe('(not @mutates) and @posture');
  const selection: RunSelection = { profile: 'posture', scope, mutationsLeftOut: true, cucumberArgs: [] };
  expect(whyNotSelected(['@auth', '@mutates'], selection).code).toBe('out-of-scope');
  // The default profile on a real deployment keeps the not-run rule for what it leaves out.
  expect(profileScope('default', 'external')).toBeUndefined();
  expect(
    whyNotSelected(['@auth', '@mutates'], { ...selection, profile: 'default', scope: undefined }).code,
  ).toBe('mutates-left-out');
  expect(profileScope('ci', 'embedded')).toBe('not @posture');
});

/** A scenario result of one control, as the message stream gives it. */
const scenario = (
  id: string,
  status: 'passed' | 'skipped',
  notRun?: { code: 'out-of-scope' | 'not-selected' | 'not-applicable' | 'skipped' },
) => ({
  id,
  name: id,
  feature: 'f',
  uri: 'features/x.feature',
  line: 1,
  tags: [`@control:${id}`],
  status,
  attempts: status === 'passed' ? 1 : 0,
  flaky: false,
  durationMs: 1,
  steps: [],
  attachments: [],
  ...(notRun ? { notRun } : {}),
});

it('exits 0 when only out-of-scope controls did not run, 3 when a selected one did not', async () => {
  const { decideVerdicts } = await import('../../lab/reporting/verdicts.ts');
  const { loadCatalogue } = await import('../../lab/reporting/catalogue.ts');
  const catalogue = loadCatalogue();
  const posture = catalogue.controls.filter((c) => c.area === 'posture').map((c) => scenario(c.id, 'passed'));
  const others = catalogue.controls
    .filter((c) => c.area !== 'posture')
    .map((c) => scenario(c.id, 'skipped', { code: 'out-of-scope' }));
  const now = new Date();
  const verdicts = decideVerdicts([...posture, ...others], catalogue, [], now);
  expect(verdicts.exitCode).toBe(0);
  expect(verdicts.controls.filter((c) => c.notRunReasons?.[0]?.code === 'out-of-scope')).toHaveLength(
    others.length,
  );
  const oneUnselected = [
    ...posture.slice(1),
    scenario(posture[0]!.id, 'skipped', { code: 'not-selected' }),
    ...others,
  ];
  expect(decideVerdicts(oneUnselected, catalogue, [], now).exitCode).toBe(3);
});

it('exits 0 when a control cannot apply to the target (a page only the lab has, on a real MISP), 3 on a plain skip', async () => {
  const { decideVerdicts } = await import('../../lab/reporting/verdicts.ts');
  const { loadCatalogue } = await import('../../lab/reporting/catalogue.ts');
  const catalogue = loadCatalogue();
  const now = new Date();
  const run = (help: ReturnType<typeof scenario>) => [
    ...catalogue.controls.filter((c) => c.id !== 'LAB-HELP-001').map((c) => scenario(c.id, 'passed')),
    help,
  ];
  const notApplicable = decideVerdicts(
    run(scenario('LAB-HELP-001', 'skipped', { code: 'not-applicable' })),
    catalogue,
    [],
    now,
  );
  expect(notApplicable.exitCode).toBe(0);
  expect(notApplicable.controls.find((c) => c.id === 'LAB-HELP-001')?.status).toBe('not-run');
  const skipped = decideVerdicts(
    run(scenario('LAB-HELP-001', 'skipped', { code: 'skipped' })),
    catalogue,
    [],
    now,
  );
  expect(skipped.exitCode).toBe(3);
});
