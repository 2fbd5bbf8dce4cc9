/**
 * The PyMISP battery side by side: the reference server (started here) and, when MISP_URL and
 * MISP_ADMIN_AUTHKEY name one, a real MISP 2.5.1. Prints one table row per call and exits 1 when
 * a call answers differently on the two servers (outside test/pymisp/known-gaps.ts).
 *   node --import tsx scripts/pymisp-battery.ts [--record] [--markdown FILE]
 * --record rewrites test/pymisp/real-misp-2.5.1.json from the real MISP's answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startMispServer } from '../server/app.ts';
import { KNOWN_GAPS } from '../test/pymisp/known-gaps.ts';
import { findPyMisp, observationText, runBattery, type Observation } from '../test/pymisp/pymisp-env.ts';

const FIXTURE = new URL('../test/pymisp/real-misp-2.5.1.json', import.meta.url);
const args = process.argv.slice(2);
const env = findPyMisp();
if ('missing' in env) {
  console.error(`pymisp-battery: ${env.missing}`);
  process.exit(2);
}
const realUrl = process.env.MISP_URL;
const realKey = process.env.MISP_ADMIN_AUTHKEY;
const server = await startMispServer();
server.services.settings.editSetting('MISP.baseurl', server.getUrl(), { cli: true, force: true });
let reference: Observation[];
try {
  reference = await runBattery(env, server.getUrl(), server.getAdmin().authKey);
} finally {
  await server.stop();
}
const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { calls: Observation[] };
const real = realUrl && realKey ? await runBattery(env, realUrl, realKey) : recorded.calls;
const source = realUrl && realKey ? `live ${realUrl}` : 'recorded (test/pymisp/real-misp-2.5.1.json)';

if (args.includes('--record')) {
  if (!realUrl || !realKey) throw new Error('--record needs MISP_URL and MISP_ADMIN_AUTHKEY');
  writeFileSync(FIXTURE, `${JSON.stringify({ ...recorded, calls: real }, null, 1)}\n`);
}

const byName = new Map(reference.map((call) => [call.name, observationText(call.obs)]));
const verdict = (obs: unknown) => {
  const text = JSON.stringify(obs);
  return text.includes('"raised"')
    ? 'raised'
    : text.includes('"status"') || text.includes('"refused"')
      ? 'error answer'
      : 'ok';
};
const rows = real.map((call) => {
  const same = byName.get(call.name) === observationText(call.obs);
  return {
    name: call.name,
    real: verdict(call.obs),
    reference: same ? 'same' : 'DIFFERS',
    gap: KNOWN_GAPS[call.name],
  };
});
const lines = [
  `PyMISP 2.5.1 battery: real MISP 2.5.1 (${source}) and the reference server`,
  '',
  '| call | real MISP 2.5.1 | reference server | note |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.real} | ${r.reference} | ${r.gap ?? ''} |`),
  '',
  `${rows.filter((r) => r.reference === 'same').length} of ${rows.length} calls answer as real MISP does; ` +
    `real MISP raised in PyMISP on ${rows.filter((r) => r.real === 'raised').length}.`,
];
console.log(lines.join('\n'));
const markdownIndex = args.indexOf('--markdown');
if (markdownIndex >= 0 && args[markdownIndex + 1])
  writeFileSync(args[markdownIndex + 1]!, `${lines.join('\n')}\n`);
const unexpected = rows.filter((r) => r.reference === 'DIFFERS' && !r.gap);
if (unexpected.length > 0) {
  console.error(
    `pymisp-battery: ${unexpected.length} calls differ: ${unexpected.map((r) => r.name).join(', ')}`,
  );
  process.exit(1);
}
