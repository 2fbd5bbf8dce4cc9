/**
 * Hardens a lab or CI MISP the way the workshop's slides teach (lab/posture/hardening.ts): it
 * WRITES, so never point it at a production MISP. Reads MISP_URL, MISP_ADMIN_AUTHKEY,
 * MISP_ADMIN_EMAIL, MISP_ADMIN_PASSWORD (MISP_INSECURE_TLS=1, MISP_CA_FILE as the check does);
 * the TOTP secrets and any password it had to set go to --secrets FILE (mode 600), never to
 * the console.
 *   node --import tsx scripts/harden-misp.ts --secrets /var/tmp/real-misp-2/posture-secrets.json
 */
import { writeFileSync } from 'node:fs';
import { MispClient } from '../lab/clients/misp-client.ts';
import { hardenMisp } from '../lab/posture/hardening.ts';

const secretsAt = process.argv.indexOf('--secrets');
const secretsFile = secretsAt > 0 ? process.argv[secretsAt + 1] : undefined;
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`harden-misp: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
};
if (!secretsFile) {
  process.stderr.write('harden-misp: --secrets FILE is required (the TOTP secrets go there)\n');
  process.exit(2);
}
const url = env('MISP_URL');
const insecureTls = process.env.MISP_INSECURE_TLS === '1';
const misp = new MispClient({
  baseUrl: url,
  authKey: env('MISP_ADMIN_AUTHKEY'),
  ...(process.env.MISP_CA_FILE ? { caFile: process.env.MISP_CA_FILE } : {}),
  insecureTls,
  timeoutMs: 120_000,
});
try {
  const enrolled = await hardenMisp({
    url,
    misp,
    adminEmail: env('MISP_ADMIN_EMAIL'),
    adminPassword: env('MISP_ADMIN_PASSWORD'),
    insecureTls,
    log: (line) => process.stdout.write(`harden-misp: ${line}\n`),
  });
  writeFileSync(secretsFile, `${JSON.stringify(enrolled, null, 2)}\n`, { mode: 0o600 });
  process.stdout.write(
    `harden-misp: done; TOTP secrets of ${Object.keys(enrolled).length} users in ${secretsFile}\n`,
  );
} catch (error) {
  process.stderr.write(`harden-misp: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}
