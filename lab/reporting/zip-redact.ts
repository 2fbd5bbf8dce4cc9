/**
 * Playwright traces are zip files holding request bodies and page snapshots, so a password typed
 * into the login form travels inside them. This rewrites a zip with every text entry passed
 * through the redactor, reading with yauzl and writing with yazl (zip64, data descriptors and
 * UTF-8 names included). Encrypted or oversized archives are refused with UnsupportedZipError
 * so the caller can leave them out rather than publish what it could not redact.
 */
import yauzl from 'yauzl';
import yazl from 'yazl';

export class UnsupportedZipError extends Error {}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Bounds on what one archive may inflate to: a trace is megabytes, not gigabytes. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

export async function redactZip(zip: Buffer, redact: (text: string) => string): Promise<Buffer> {
  const entries = await readZip(zip);
  return writeZip(
    entries.map((e) => {
      const text = asText(e.data);
      return text === null ? e : { name: e.name, data: Buffer.from(redact(text), 'utf8') };
    }),
  );
}

export function readZip(zip: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      reject(
        error instanceof UnsupportedZipError
          ? error
          : new UnsupportedZipError(String((error as Error)?.message ?? error)),
      );
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (openError, archive) => {
      if (openError || !archive) return fail(openError ?? 'not a zip file');
      const entries: ZipEntry[] = [];
      let total = 0;
      archive.on('error', fail);
      archive.on('end', () => resolve(entries));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return archive.readEntry();
        if (entry.isEncrypted()) return fail(new UnsupportedZipError('encrypted entries are not supported'));
        total += entry.uncompressedSize;
        if (entry.uncompressedSize > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES)
          return fail(new UnsupportedZipError(`the archive inflates past ${MAX_TOTAL_BYTES} bytes`));
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? 'unreadable entry');
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

export function writeZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The text of a buffer that is valid UTF-8 without NUL bytes, else null (images, fonts). */
export function asText(data: Buffer): string | null {
  if (data.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
}
