/**
 * Evidence per control, for an auditor who was not there: reports/evidence/<control-id>/ holds,
 * for each of its scenarios, a summary and every attachment decoded to a file (screenshots,
 * traces, transcripts, .eml, chat posts, MISP log entries), named after the step that attached
 * it and captioned. Every text (also inside trace zips) passes the report's redactor again.
 * manifest.json lists every file with its SHA-256 and caption, with the run id, tool version
 * and time; manifest.json.sha256 holds the manifest's own digest (`sha256sum -c` checks it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { Redactor } from './redaction.ts';
import type { ScenarioResult } from './run-results.ts';
import type { ControlVerdict } from './verdicts.ts';
import { asText, redactZip, UnsupportedZipError } from './zip-redact.ts';

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  control?: string;
  scenario?: string;
  mediaType?: string;
  /** What the file shows, for an auditor citing it: step, attempt, kind. */
  caption?: string;
}

export const EVIDENCE_DIR = 'evidence';

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'application/zip': '.zip',
  'message/rfc822': '.eml',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/x.cucumber.log+plain': '.log.txt',
};

/** Writes the evidence folders; returns one manifest row per file written. */
export async function writeEvidence(
  reportsDir: string,
  controls: ControlVerdict[],
  scenarios: ScenarioResult[],
  redact: Redactor,
): Promise<ManifestFile[]> {
  const root = join(reportsDir, EVIDENCE_DIR);
  rmSync(root, { recursive: true, force: true });
  const rows: ManifestFile[] = [];
  const write = (
    path: string,
    data: Buffer | string,
    extra: Omit<ManifestFile, 'path' | 'sha256' | 'bytes'>,
  ) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeFileSync(path, bytes);
    rows.push({ path: relative(reportsDir, path), ...hashOf(bytes), ...extra });
  };
  for (const control of controls) {
    const mine = scenarios.filter((s) => s.tags.includes(`@control:${control.id}`) && s.attempts > 0);
    for (const [index, scenario] of mine.entries()) {
      const dir = join(
        root,
        safeName(control.id),
        `${String(index + 1).padStart(2, '0')}-${slug(redact(scenario.name))}`,
      );
      mkdirSync(dir, { recursive: true });
      const base = { control: control.id, scenario: redact(scenario.name) };
      const used = new Set<string>(['scenario.txt']);
      const named = scenario.attachments.map((attachment, n) => ({
        attachment,
        name: uniqueName(used, attachmentName(attachment, n)),
        caption: redact(captionOf(attachment)),
      }));
      write(join(dir, 'scenario.txt'), redact(summary(scenario, named)), {
        ...base,
        mediaType: 'text/plain',
        caption: 'the scenario: steps, statuses and the evidence files below',
      });
      for (const { attachment, name, caption } of named) {
        const decoded = decode(attachment);
        const textual = isTextual(attachment.mediaType, name);
        const row = { ...base, mediaType: attachment.mediaType, caption };
        if (attachment.mediaType === 'application/zip' || name.endsWith('.zip')) {
          try {
            write(join(dir, name), await redactZip(decoded, redact), row);
          } catch (error) {
            if (!(error instanceof UnsupportedZipError)) throw error;
            // Unreadable archives could hold secrets we cannot redact: leave them out, say so.
            write(join(dir, `${name}.omitted.txt`), `omitted: ${error.message}\n`, {
              ...base,
              mediaType: 'text/plain',
            });
          }
        } else if (textual) {
          const text = asText(decoded) ?? decoded.toString('utf8');
          write(join(dir, name), redact(text), row);
        } else {
          write(join(dir, name), decoded, row);
        }
      }
    }
  }
  return rows;
}

/**
 * manifest.json: evidence rows plus the report files themselves, each with its SHA-256, the run
 * id, tool version and time; then manifest.json.sha256 with the manifest's own digest.
 * Returns that digest.
 */
export function writeManifest(
  reportsDir: string,
  evidence: ManifestFile[],
  reportFiles: string[],
  run: { runId: string; toolVersion: string },
): string {
  const reports = reportFiles.map((file) => ({
    path: relative(reportsDir, file),
    ...hashOf(readFileSync(file)),
  }));
  const manifest = {
    generatedAt: new Date().toISOString(),
    runId: run.runId,
    tool: run.toolVersion,
    algorithm: 'sha256',
    files: evidence,
    reports,
  };
  mkdirSync(join(reportsDir, EVIDENCE_DIR), { recursive: true });
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  writeFileSync(join(reportsDir, EVIDENCE_DIR, 'manifest.json'), bytes);
  const digest = hashOf(bytes).sha256;
  writeFileSync(join(reportsDir, EVIDENCE_DIR, 'manifest.json.sha256'), `${digest}  manifest.json\n`);
  return digest;
}

/** "screenshot after step \"When …\"", "(attempt 1 of a retried scenario)". */
function captionOf(a: ScenarioResult['attachments'][number]): string {
  const kind = KIND[a.mediaType.split(';')[0]!.trim()] ?? a.mediaType;
  const where = a.step ? `at step "${a.step}"` : 'in a hook (before or after the steps)';
  return `${kind} ${where}${a.attempt > 1 ? `, attempt ${a.attempt}` : ''}${a.fileName ? ` (${basename(a.fileName)})` : ''}`;
}

const KIND: Record<string, string> = {
  'image/png': 'screenshot',
  'image/jpeg': 'screenshot',
  'application/zip': 'Playwright trace',
  'message/rfc822': 'mail as received',
  'application/json': 'JSON',
  'text/plain': 'text',
  'text/html': 'page source',
};

function summary(s: ScenarioResult, files: { name: string; caption: string }[]): string {
  return [
    `Scenario: ${s.name}`,
    `Feature: ${s.feature} (${s.uri})`,
    `Tags: ${s.tags.join(' ')}`,
    `Status: ${s.status}${s.flaky ? ' (flaky: passed after a retry)' : ''}, attempts: ${s.attempts}, ${s.durationMs} ms`,
    '',
    ...s.steps.map((step) => `  [${step.status}] ${step.text}`),
    ...(s.errorMessage ? ['', 'Error:', s.errorMessage] : []),
    ...(files.length > 0 ? ['', 'Evidence:', ...files.map((f) => `  ${f.name}: ${f.caption}`)] : []),
    '',
  ].join('\n');
}

function decode(a: ScenarioResult['attachments'][number]): Buffer {
  return a.encoding === 'BASE64' ? Buffer.from(a.body, 'base64') : Buffer.from(a.body, 'utf8');
}

function isTextual(mediaType: string, name: string): boolean {
  return (
    /^text\//.test(mediaType) ||
    /(json|xml|rfc822|javascript|x-www-form-urlencoded|x-ndjson)/.test(mediaType) ||
    /\.(txt|json|eml|html|xml|log|csv|ndjson)$/i.test(name)
  );
}

/** The file's own name, else its number, kind and step: "03-screenshot-the-otp-is-refused.png". */
function attachmentName(a: ScenarioResult['attachments'][number], index: number): string {
  const given = a.fileName ? safeName(basename(a.fileName)) : '';
  const type = a.mediaType.split(';')[0]!.trim();
  const extension = EXTENSIONS[type] ?? '.bin';
  const described = `${String(index + 1).padStart(2, '0')}-${slug(`${KIND[type] ?? 'attachment'} ${a.step}`).slice(0, 50)}`;
  const name = given || `${described}${extension}`;
  return extname(name) ? name : `${name}${extension}`;
}

function uniqueName(used: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n += 1) {
    const ext = extname(name);
    candidate = `${name.slice(0, name.length - ext.length)}-${n}${ext}`;
  }
  used.add(candidate);
  return candidate;
}

function hashOf(bytes: Buffer): { sha256: string; bytes: number } {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Names from attachments are untrusted: no path separators, no dot-dot, nothing odd. */
function safeName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'scenario'
  );
}
