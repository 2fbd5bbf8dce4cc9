/**
 * The inventory's rules: one line per problem naming the deployment, secrets only by variable
 * name, tag selection and shards over deployments.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory, resolveSecrets, selectDeployments } from '../../lab/fleet/inventory.ts';

const GOOD = `deployments:
  - name: cert-prod
    url: https://misp.example.org/
    authkey_env: PROD_MISP_AUTHKEY
    ca_file: ca.pem
    tags: [prod, eu]
  - name: partner-a
    url: http://10.0.0.5
    authkey_env: PARTNER_A_KEY
    tags: [partner]
  - name: cert-test
    url: http://misp-test.example.org
    authkey_env: TEST_KEY
    tags: [test, eu]
`;

const parse = (text: string) => parseInventory(text, 'fleet.yaml');

describe('inventory', () => {
  it('reads the shape of the issue, ca_file against the file folder', () => {
    const [prod] = parseInventory(GOOD, '/etc/fleet/fleet.yaml');
    expect(prod).toEqual({
      name: 'cert-prod',
      url: 'https://misp.example.org',
      authkeyEnv: 'PROD_MISP_AUTHKEY',
      caFile: '/etc/fleet/ca.pem',
      tags: ['prod', 'eu'],
      insecureTls: false,
    });
  });

  it.each([
    [
      'an unknown key',
      GOOD.replace('    tags: [partner]', '    tagz: [partner]'),
      /deployment 2 \("partner-a"\): unknown key "tagz"/,
    ],
    ['an unknown top key', `fleet: 1\n${GOOD}`, /unknown key "fleet"/],
    [
      'duplicate names',
      GOOD.replace('name: cert-test', 'name: cert-prod'),
      /two deployments are named "cert-prod"/,
    ],
    [
      'a secret in place of a variable name',
      GOOD.replace('PARTNER_A_KEY', 'x8Yh2-kd/9'),
      /"authkey_env" names an environment variable/,
    ],
    ['a missing url', GOOD.replace('    url: http://10.0.0.5\n', ''), /"url" must be a non-empty string/],
    ['a non-http url', GOOD.replace('http://10.0.0.5', 'ftp://10.0.0.5'), /"url" must be an http\(s\) URL/],
    [
      'a name that is no folder name',
      GOOD.replace('name: partner-a', 'name: ../etc'),
      /"name" may hold letters/,
    ],
    ['no deployments', 'deployments: []\n', /"deployments" must be a non-empty list/],
    ['broken YAML', 'deployments:\n  - name: [\n', /inventory fleet\.yaml: /],
    [
      'a duplicated key',
      GOOD.replace('    tags: [partner]', '    tags: [partner]\n    tags: [x]'),
      /inventory fleet\.yaml: .*unique/i,
    ],
  ])('refuses %s in one line', (_, text, pattern) => {
    let message = '';
    try {
      parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  });

  it('selects by tag expression (with or without @) and shards by name', () => {
    const all = parse(GOOD);
    const names = (list: { name: string }[]) => list.map((d) => d.name);
    expect(names(selectDeployments(all, 'eu', undefined).selected)).toEqual(['cert-prod', 'cert-test']);
    expect(names(selectDeployments(all, '@eu and not @test', undefined).selected)).toEqual(['cert-prod']);
    expect(() => selectDeployments(all, 'nowhere', undefined)).toThrow(/matches no deployment/);
    expect(() => selectDeployments(all, 'eu and', undefined)).toThrow(/--deployments/);
    const one = selectDeployments(all, undefined, { index: 1, total: 2 });
    const two = selectDeployments(all, undefined, { index: 2, total: 2 });
    expect(names(one.selected)).toEqual(['cert-prod', 'partner-a']);
    expect(names(two.selected)).toEqual(['cert-test']);
    expect(names(one.outside)).toEqual(names(two.selected));
  });

  it('needs the variables and CA files of the selected deployments only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
    const all = parseInventory(GOOD, join(dir, 'fleet.yaml'));
    const partner = all.filter((d) => d.name === 'partner-a');
    expect(() => resolveSecrets(partner, {})).toThrow(
      'deployment "partner-a": the environment variable PARTNER_A_KEY (authkey_env) is not set',
    );
    expect(resolveSecrets(partner, { PARTNER_A_KEY: 'k' })[0]?.authkey).toBe('k');
    const prod = all.filter((d) => d.name === 'cert-prod');
    expect(() => resolveSecrets(prod, { PROD_MISP_AUTHKEY: 'k' })).toThrow(
      /ca_file .*ca\.pem cannot be read/,
    );
    writeFileSync(join(dir, 'ca.pem'), 'x');
    expect(resolveSecrets(prod, { PROD_MISP_AUTHKEY: 'k' })).toHaveLength(1);
  });
});
