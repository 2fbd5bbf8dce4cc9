/**
 * A tiny HTTPS front to a plain-HTTP server, with a self-signed CA made by openssl for
 * 127.0.0.1: what a deployment behind a private PKI looks like to the harness.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';

export interface TlsFront {
  url: string;
  caFile: string;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 (CA:TRUE, openssl's default) and its key, as files in `dir`. */
export function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'front.key');
  const cert = join(dir, 'ca.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
    { stdio: 'ignore' },
  );
  return { key, cert };
}

export async function startTlsFront(backendUrl: string, dir: string): Promise<TlsFront> {
  const { key, cert: caFile } = selfSignedCertificate(dir);
  const backend = new URL(backendUrl);
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
    const upstream = request(
      { host: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
