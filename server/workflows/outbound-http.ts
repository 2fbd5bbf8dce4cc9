/**
 * Outgoing HTTP for workflow modules (webhook, Mattermost) and enrichment: node:http(s) so that a
 * webhook may allow self-signed certificates, with a timeout so a silent peer cannot hold a
 * publish forever. Failures are Errors with a sentence a log reader understands.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface OutboundRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  allowSelfSigned?: boolean;
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  body: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function sendRequest(options: OutboundRequest): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.reject(new Error(`invalid URL \`${options.url}\``));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new Error(`unsupported URL scheme \`${url.protocol}\` in ${options.url}`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: options.method,
        headers: {
          ...(options.headers ?? {}),
          ...(options.body !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(options.body)) }
            : {}),
        },
        timeout: timeoutMs,
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.allowSelfSigned } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => reject(new Error(`${options.method} ${url.origin}: ${error.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`${options.method} ${url.origin}${url.pathname} failed: ${error.code ?? error.message}`),
      ),
    );
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * Mattermost's base URL the way misp-modules' mattermostdriver builds it: a bare host name means
 * https on 443; a value with a scheme keeps its scheme and port.
 */
export function mattermostBaseUrl(hostname: string): string {
  const trimmed = hostname.trim().replace(/\/+$/, '');
  if (trimmed === '') throw new Error('No Mattermost hostname configured.');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
