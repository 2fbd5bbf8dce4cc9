/**
 * The roll-up's rules without running anything: the fleet's exit is the worst deployment's
 * (2 > 1 > 3 > 0, and 3 when deployments were left to other shards), a row per deployment in
 * JUnit with an <error> for one not audited, credentials in a URL never shown.
 */
import { describe, expect, it } from 'vitest';
import {
  buildFleetReport,
  fleetJunit,
  withoutCredentials,
  worstExitCode,
  type FleetRow,
} from '../../lab/fleet/rollup.ts';
import { fleetHtml } from '../../lab/fleet/fleet-html.ts';

const row = (name: string, exitCode: FleetRow['exitCode'], extra: Partial<FleetRow> = {}): FleetRow => ({
  name,
  url: `https://${name}.example`,
  tags: [],
  exitCode,
  durationMs: 1000,
  reportsDir: `deployments/${name}`,
  mispVersion: '2.5.1',
  controls: {
    'MISP-AUTH-001': {
      status: exitCode === 1 ? 'failed' : 'passed',
      ...(exitCode === 1 ? { detail: 'OTP <off>' } : {}),
    },
  },
  ...extra,
});

const fleet = (rows: FleetRow[], outside: { name: string; reason: string }[] = []) =>
  buildFleetReport({
    inventory: 'fleet.yaml',
    selection: { profile: 'posture' },
    concurrency: 2,
    startedAt: '2026-12-02T00:00:00Z',
    finishedAt: '2026-12-02T00:01:00Z',
    deployments: rows,
    outside,
  });

describe('fleet roll-up', () => {
  it('exits on the worst deployment: 2 > 1 > 3 > 0', () => {
    expect(worstExitCode([0, 3, 1])).toBe(1);
    expect(worstExitCode([1, 2, 0])).toBe(2);
    expect(worstExitCode([0, 3])).toBe(3);
    expect(worstExitCode([0, 0])).toBe(0);
    expect(fleet([row('a', 0)]).exitCode).toBe(0);
    expect(fleet([row('a', 0)], [{ name: 'b', reason: 'left to another shard' }]).exitCode).toBe(3);
    expect(fleet([]).exitCode).toBe(2);
  });

  it('JUnit: a testsuite per deployment, a failure per failed control, an error for a deployment not audited', () => {
    const report = fleet([
      row('b', 1),
      row('a', 2, { error: 'preflight: cannot reach MISP', controls: {} }),
      row('c', 0),
    ]);
    expect(report.deployments.map((d) => d.name)).toEqual(['a', 'b', 'c']);
    const xml = fleetJunit(report);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuite name="a"[^>]*errors="1"/);
    expect(xml).toMatch(/<error message="preflight: cannot reach MISP"/);
    expect(xml).toMatch(/classname="b\.MISP-AUTH-001"[\s\S]*?<failure message="OTP &lt;off&gt;"/);
    const html = fleetHtml(report);
    expect(html).toContain('data-deployment="b" data-exit-code="1"');
    expect(html).toContain('data-control="MISP-AUTH-001" data-status="failed"');
    expect(html).toContain('OTP &#60;off&#62;');
    expect(html).not.toContain('OTP <off>');
  });

  it('never shows credentials written into a URL', () => {
    expect(withoutCredentials('https://user:s3cret@misp.example/')).toBe('https://misp.example');
  });
});
