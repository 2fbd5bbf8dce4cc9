// Splits a raw message the way MailHog presents it: headers with their values as sent (folded
// lines joined, encoded words left encoded), the body still transfer-encoded, and multipart
// bodies cut into parts. Clients such as the `mailhog` npm package decode these themselves.

export interface MailHogContent {
  Headers: Record<string, string[]>;
  Body: string;
  Size: number;
  MIME: MailHogMime | null;
}

export interface MailHogMime {
  Parts: MailHogContent[];
}

// Untrusted input: a message nesting multiparts without end must not exhaust the stack.
const MAX_MIME_DEPTH = 16;

/** Headers and body of one entity (a whole message or one MIME part); `MIME` is filled for nested multiparts. */
export function parseContent(data: string, depth = 0): MailHogContent {
  const blankLine = /\r?\n\r?\n/.exec(data);
  // Like MailHog: without a blank line there is no header block, everything is body.
  const headerBlock = blankLine ? data.slice(0, blankLine.index) : '';
  const body = blankLine ? data.slice(blankLine.index + blankLine[0].length) : data;
  const content: MailHogContent = {
    Headers: parseHeaders(headerBlock),
    Body: body,
    Size: Buffer.byteLength(data),
    MIME: null,
  };
  if (depth > 0) content.MIME = parseMimeBody(content, depth);
  return content;
}

/** The parts of a multipart entity, or null when it is not multipart. */
export function parseMimeBody(content: MailHogContent, depth = 0): MailHogMime | null {
  const boundary = multipartBoundary(content.Headers);
  if (boundary === undefined || depth >= MAX_MIME_DEPTH) return null;
  return { Parts: splitMultipart(content.Body, boundary).map((part) => parseContent(part, depth + 1)) };
}

/** First value of a header, looked up without regard to case. */
export function headerValue(headers: Record<string, string[]>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && values.length > 0) return values[0];
  }
  return undefined;
}

function parseHeaders(block: string): Record<string, string[]> {
  // A Map, not an object literal: a header named "__proto__" must stay an ordinary entry.
  const headers = new Map<string, string[]>();
  let lastValues: string[] | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (lastValues && /^[ \t]/.test(line)) {
      // Continuation line: MailHog joins it to the previous value, whitespace kept, line break dropped.
      lastValues[lastValues.length - 1] += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header line; MailHog skips these too
    const name = line.slice(0, colon);
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).replace(/^[ \t]+/, ''));
    headers.set(name, values);
    lastValues = values;
  }
  return Object.fromEntries(headers);
}

function multipartBoundary(headers: Record<string, string[]>): string | undefined {
  const contentType = headerValue(headers, 'Content-Type');
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const match = /\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Part texts between delimiter lines (RFC 2046 §5.1.1); preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  // The line break before a delimiter belongs to the delimiter, not to the part.
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let partStart = -1;
  for (const match of body.matchAll(delimiter)) {
    if (partStart >= 0) parts.push(body.slice(partStart, match.index));
    if (match[1]) return parts; // closing delimiter
    partStart = match.index + match[0].length;
  }
  // A message cut short before its closing delimiter keeps what arrived.
  if (partStart >= 0 && partStart < body.length) parts.push(body.slice(partStart));
  return parts;
}
