/**
 * The posture checks as pure functions: each gap gives its own precise finding (admins first,
 * role and last login), the A/B containment on the graph's meaning, and the probe's skip rule.
 */
import { describe, expect, it } from 'vitest';
import * as checks from '../../lab/posture/checks.ts';
import type { PostureData } from '../../lab/posture/posture-data.ts';
import { exampleInstalled, probeSkipReason } from '../../lab/posture/workflow-checks.ts';
import { loadGraphFixture, missingMeaning, type DrawflowGraph } from '../../lab/workflows/graph-meaning.ts';

const NOW = Date.UTC(2026, 11, 2) / 1000;
const hardenedSettings = Object.fromEntries([
  ['Security.otp_required', true],
  ['Security.otp_disabled', false],
  ['Security.advanced_authkeys', true],
  ['SecureAuth.amount', 5],
  ['SecureAuth.expire', 300],
  ['Plugin.Workflow_enable', true],
  ['MISP.background_jobs', true],
  ['Plugin.Action_services_enable', true],
  ['Security.password_policy_length', 12],
  ...checks.AUDITED_SETTINGS.map((s) => [s.name, true]),
]);

function data(overrides: Partial<PostureData> = {}): PostureData {
  const queue = { ok: true, workers: [{ alive: true }] };
  return {
    url: 'https://misp.example',
    settings: { ...hardenedSettings },
    workers: { default: queue, prio: queue, email: queue },
    activeUsers: [
      {
        id: '1',
        email: 'admin@x',
        role: 'admin',
        siteAdmin: true,
        orgAdmin: true,
        lastLogin: 0,
        totpSet: true,
      },
    ],
    authKeys: [{ id: '3', owner: 'admin@x', created: NOW - 86_400, expiration: NOW + 86_400 }],
    triggers: [
      {
        id: 'event-publish',
        enabled: true,
        blocking: true,
        workflow: { id: '1', name: 'A and B', graph: loadGraphFixture('example-a-and-b') },
      },
    ],
    modules: [{ id: 'mattermost', name: 'Mattermost', module_type: 'action', disabled: false }],
    readAt: NOW,
    ...overrides,
  };
}

const all = (d: PostureData) => [
  checks.otpMandatory(d),
  checks.everyUserHasTotp(d),
  checks.bruteForceAtDefaults(d),
  checks.authKeysRestricted(d),
  exampleInstalled(d, 'MISP-POSTURE-005'),
  exampleInstalled(d, 'MISP-POSTURE-006'),
  checks.workflowPrerequisites(d),
  checks.securityAuditOverApi(d),
];

describe('posture checks', () => {
  it('pass on a deployment set as the workshop teaches', () => {
    expect(all(data()).flatMap((r) => r.findings)).toEqual([]);
  });

  it('list the users without TOTP, admins first, with role and last login', () => {
    const users = [
      {
        id: '2',
        email: 'bob@x',
        role: 'User',
        siteAdmin: false,
        orgAdmin: false,
        lastLogin: NOW - 3600,
        totpSet: false,
      },
      {
        id: '3',
        email: 'carol@x',
        role: 'Org Admin',
        siteAdmin: false,
        orgAdmin: true,
        lastLogin: 0,
        totpSet: false,
      },
      {
        id: '1',
        email: 'root@x',
        role: 'admin',
        siteAdmin: true,
        orgAdmin: true,
        lastLogin: 0,
        totpSet: false,
      },
      {
        id: '4',
        email: 'dave@x',
        role: 'User',
        siteAdmin: false,
        orgAdmin: false,
        lastLogin: 0,
        totpSet: true,
      },
    ];
    expect(checks.everyUserHasTotp(data({ activeUsers: users })).findings).toEqual([
      '3 active users without TOTP: root@x (admin, site admin, last login never), carol@x (Org Admin, org admin, last login never), bob@x (User, last login 2026-12-01 23:00 UTC)',
    ]);
  });

  it('give one finding per gap', () => {
    const d = data({
      settings: {
        ...hardenedSettings,
        'Security.otp_required': false,
        'Security.otp_disabled': true,
        'SecureAuth.amount': 20,
        'SecureAuth.expire': 60,
        'Security.csp_enforce': false,
      },
      authKeys: [
        { id: '7', owner: 'a@x', created: NOW - 400 * 86_400, expiration: 0 },
        { id: '8', owner: 'b@x', created: NOW - 500 * 86_400, expiration: NOW - 1 },
      ],
    });
    expect(checks.otpMandatory(d).findings).toHaveLength(2);
    expect(checks.bruteForceAtDefaults(d).findings).toEqual([
      "SecureAuth.amount is 20: more failed logins than MISP's default of 5 before the lockout",
      "SecureAuth.expire is 60 s: a shorter lockout than MISP's default of 300 s",
    ]);
    // The expired key #8 is harmless; #7 never expires and is older than the policy.
    expect(checks.authKeysRestricted(d).findings).toEqual([
      '1 auth key never expires: #7 of a@x (created 2025-10-28 00:00 UTC)',
      '1 usable auth key is older than 365 days: #7 of a@x (created 2025-10-28 00:00 UTC)',
    ]);
    expect(checks.securityAuditOverApi(d).findings).toEqual([
      'Security.csp_enforce is false: the content security policy is only reported',
    ]);
  });

  it('name what is missing in the workflow set-up', () => {
    const d = data({ triggers: [{ id: 'event-publish', enabled: false, blocking: true }], workers: {} });
    expect(exampleInstalled(d, 'MISP-POSTURE-005').findings).toEqual([
      'the "event-publish" trigger is disabled: no workflow runs on publish',
      'no workflow is saved on "event-publish": Example A (the tlp:red publish guard) is missing',
    ]);
    expect(checks.workflowPrerequisites(d).findings).toEqual([
      'no live background worker on the queues default, prio, email',
    ]);
    expect(checks.workflowPrerequisites(data({ triggers: undefined })).findings).toEqual([
      'MISP refuses its workflow pages ("Could not access Workflow system")',
    ]);
  });
});

function graphWith(edit: (graph: DrawflowGraph) => void, fixture = 'example-a-and-b'): DrawflowGraph {
  const graph = structuredClone(loadGraphFixture(fixture));
  edit(graph);
  return graph;
}

describe('Example A and B on the graph meaning', () => {
  const chained = loadGraphFixture('example-a-and-b');
  it('finds A and B in the chained graph and each in its own fixture', () => {
    expect(missingMeaning(chained, loadGraphFixture('example-a'))).toEqual([]);
    expect(missingMeaning(chained, loadGraphFixture('example-b'))).toEqual([]);
    expect(missingMeaning(loadGraphFixture('example-b'), loadGraphFixture('example-b'))).toEqual([]);
  });

  it('does not find B in Example A alone, nor A once its tag is changed', () => {
    expect(missingMeaning(loadGraphFixture('example-a'), loadGraphFixture('example-b'))).toContain(
      'step attribute_ids_flag_operation(action=remove)',
    );
    const green = graphWith((g) => (g['3']!.data.indexed_params!.tags = ['tlp:green']));
    expect(missingMeaning(green, loadGraphFixture('example-a'))).toEqual([
      'step tag-if(condition=in_or, scope=event, tags=[tlp:red])',
    ]);
  });

  it('does not find B when a path from the trigger goes on without it', () => {
    // Distribution's else branch left open: publishes shared within the organisation skip B.
    const open = graphWith((g) => {
      (g['2']!.outputs as Record<string, { connections: unknown[] }>).output_2!.connections = [];
    });
    expect(missingMeaning(open, loadGraphFixture('example-b'))).toEqual([
      'generic-filter-data is not reached on every path from event-publish that goes on',
    ]);
  });

  it('runs the executeWorkflow probe only where writes are allowed, never over a step that acts on MISP', () => {
    // MISP counts and logs every run: a read-only audit never calls it, whatever the graph.
    expect(probeSkipReason(loadGraphFixture('example-a'), false)).toMatch(/counts every run/);
    expect(probeSkipReason(chained, false)).toMatch(/counts every run.*--allow-mutations/);
    expect(probeSkipReason(loadGraphFixture('example-a'), true)).toBeUndefined();
    // B's IDS-flag step edits only the attributes handed to it; the probe's events have none.
    expect(probeSkipReason(chained, true)).toBeUndefined();
    const publishing = graphWith((g) => {
      g['6']!.data = { ...g['6']!.data, id: 'publish-event', module_type: 'action' };
    });
    expect(probeSkipReason(publishing, true)).toMatch(
      /side effects \(publish-event\): running it would act on MISP/,
    );
  });
});
