/**
 * Reads and parses a request body under the limits a stock MISP install has, answering before
 * anything is buffered past them. MISP's install guide sets nginx `client_max_body_size 50m` and
 * PHP `post_max_size = 50M`; PHP itself caps form fields (`max_input_vars = 1000`,
 * `max_input_nesting_level = 64`) and json_decode nests at most 512 deep. Where PHP would drop the
 * excess silently we refuse the request with a 4xx instead: no silent loss.
 */
import { HttpError } from './errors.ts';
import { FormFieldError, nestFormFields, type Body } from './form-data.ts';

export interface HttpLimits {
  /** Largest request body in bytes (nginx client_max_body_size / PHP post_max_size). */
  maxBodyBytes: number;
  /** Most form fields in one request (PHP max_input_vars). */
  maxFormFields: number;
  /** Deepest JSON nesting accepted (json_decode's default depth). */
  maxJsonDepth: number;
}

const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 50 * 1024 * 1024,
  maxFormFields: 1000,
  maxJsonDepth: 512,
};

/** Reads the limits from the environment (MISP_MAX_BODY_BYTES, …), falling back to the defaults. */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return {
    maxBodyBytes: read('MISP_MAX_BODY_BYTES', DEFAULT_HTTP_LIMITS.maxBodyBytes),
    maxFormFields: read('MISP_MAX_FORM_FIELDS', DEFAULT_HTTP_LIMITS.maxFormFields),
    maxJsonDepth: read('MISP_MAX_JSON_DEPTH', DEFAULT_HTTP_LIMITS.maxJsonDepth),
  };
}

const INVALID_JSON =
  'Invalid JSON input. Make sure that the JSON input is a correctly formatted JSON string. This request has been blocked to avoid an unfiltered request.';

function bodyTooLarge(limit: number): HttpError {
  return new HttpError(413, `Request body larger than the ${formatBytes(limit)} this server accepts.`);
}

/**
 * The raw body as text, refused with 413 as soon as it is known to pass the limit: from
 * Content-Length before reading, else while streaming (chunked bodies), so memory stays bounded.
 */
export async function readBodyText(request: Request, limits: HttpLimits): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limits.maxBodyBytes) throw bodyTooLarge(limits.maxBodyBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(limits.maxBodyBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

export async function parseBody(contentType: string, raw: string, limits: HttpLimits): Promise<Body> {
  if (raw.trim() === '') return {};
  if (contentType.includes('application/x-www-form-urlencoded'))
    return nestLimited(new URLSearchParams(raw), limits);
  if (contentType.includes('multipart/form-data'))
    return nestLimited(await multipartFields(contentType, raw), limits);
  return parseJson(raw, limits);
}

async function multipartFields(contentType: string, raw: string): Promise<Array<[string, string]>> {
  let form: FormData;
  try {
    form = await new Request('http://local', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
  } catch {
    throw new HttpError(400, 'Malformed multipart/form-data body.');
  }
  return Array.from(form as unknown as Iterable<[string, FormDataEntryValue]>).map(([k, v]) => [
    k,
    typeof v === 'string' ? v : v.name,
  ]);
}

function nestLimited(fields: Iterable<[string, string]>, limits: HttpLimits): Body {
  const list: Array<[string, string]> = [];
  for (const field of fields) {
    list.push(field);
    if (list.length > limits.maxFormFields)
      throw new HttpError(413, `More than ${limits.maxFormFields} form fields in one request.`);
  }
  try {
    return nestFormFields(list);
  } catch (error) {
    if (error instanceof FormFieldError) throw new HttpError(400, error.message);
    throw error;
  }
}

function parseJson(raw: string, limits: HttpLimits): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(405, INVALID_JSON);
  }
  // json_decode refuses deeper documents as invalid; deep ones would also overflow our own recursion.
  if (jsonDepth(parsed, limits.maxJsonDepth) > limits.maxJsonDepth) throw new HttpError(405, INVALID_JSON);
  if (typeof parsed !== 'object' || parsed === null) return { _scalar: parsed };
  return Array.isArray(parsed) ? { _list: parsed } : (parsed as Body);
}

/** Nesting depth, iteratively (no recursion on client data), stopping once past `cap`. */
function jsonDepth(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > cap) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
