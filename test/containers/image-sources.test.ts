/**
 * The images copy named folders of the repository, not the whole tree; a source that an image's
 * entry point imports from outside those folders crashes the container at start (CI saw it: the
 * mail image lacked lab/url-host.ts). This walks each entry point's relative imports and checks
 * every file is inside what the Dockerfile copies, so the mistake fails here, without an engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support.ts';

const IMAGES = [
  { dockerfile: 'docker/Dockerfile', entries: ['bin/misp-server.mjs'] },
  {
    dockerfile: 'docker/lab-services/Dockerfile',
    entries: [
      'docker/lab-services/mail.ts',
      'docker/lab-services/chat.ts',
      'docker/lab-services/bootstrap.ts',
    ],
  },
];

/** A Docker glob as a RegExp source: `*` within one path segment, `**` across them. */
function globPattern(glob: string): string {
  return glob
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '<globstar>')
    .replace(/\*/g, '[^/]*')
    .replace(/<globstar>/g, '.*');
}

/** The context paths a Dockerfile copies in (COPY lines without --from), as path matchers. */
function copiedSources(dockerfile: string): RegExp[] {
  const matchers: RegExp[] = [];
  for (const line of readFileSync(join(REPO_ROOT, dockerfile), 'utf8').split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'COPY' || words.some((word) => word.startsWith('--from'))) continue;
    for (const source of words.slice(1, -1).filter((word) => !word.startsWith('--'))) {
      // A copied folder brings everything under it.
      matchers.push(new RegExp(`^${globPattern(source.replace(/\/$/, ''))}(/.*)?$`));
    }
  }
  return matchers;
}

/** Whether .dockerignore leaves the file in the build context (its last matching line decides). */
function inBuildContext(file: string): boolean {
  let kept = true;
  for (const raw of readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (new RegExp(`^${globPattern(negated ? line.slice(1) : line)}$`).test(file)) kept = negated;
  }
  return kept;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every repository file reached from the entries through relative imports. */
function importClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(REPO_ROOT, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    for (const [, specifier] of text.matchAll(IMPORT)) {
      const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier as string));
      if (!existsSync(join(REPO_ROOT, target)))
        throw new Error(`${file} imports ${specifier}, which does not exist`);
      if (!target.endsWith('.test.ts')) queue.push(target);
    }
  }
  return seen;
}

describe('container images', () => {
  for (const image of IMAGES) {
    it(`${image.dockerfile} copies every source its entry points import`, () => {
      const copied = copiedSources(image.dockerfile);
      const closure = importClosure(image.entries);
      expect(closure.size).toBeGreaterThan(image.entries.length);
      const missing = [...closure].filter((file) => !copied.some((matcher) => matcher.test(file)));
      expect(missing).toEqual([]);
      expect([...closure].filter((file) => !inBuildContext(file))).toEqual([]);
    });
  }

  it('notices a file outside the copied folders', () => {
    const copied = copiedSources('docker/lab-services/Dockerfile');
    expect(copied.some((matcher) => matcher.test('lab/mail/mail-service.ts'))).toBe(true);
    expect(copied.some((matcher) => matcher.test('lab/browser.ts'))).toBe(false);
    expect(inBuildContext('lab/browser.ts')).toBe(false);
    expect(inBuildContext('server/app.test.ts')).toBe(false);
    expect(inBuildContext('server/storage/data-lock.ts')).toBe(true);
  });
});

describe('a crashed container', () => {
  it('is reported by its error line, not by Node’s closing version line', async () => {
    const { crashLine } = await import('../../lab/containers/host-network.ts');
    const header = '\u0001\u0000\u0000\u0000\u0000\u0000\u0000/';
    const logs = [
      `${header}node:internal/modules/esm/resolve:275`,
      `${header}    throw new ERR_MODULE_NOT_FOUND(`,
      `${header}Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/app/lab/url-host.ts'`,
      `${header}    at finalizeResolution (node:internal/modules/esm/resolve:275:11)`,
      `${header}Node.js v20.20.2`,
    ].join('\n');
    expect(crashLine(logs)).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/app/lab/url-host.ts'");
    expect(crashLine('listening\nbye\n')).toBe('bye');
  });
});
