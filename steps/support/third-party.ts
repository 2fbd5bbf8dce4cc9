/**
 * A stand-in for a third-party enrichment service (a threat-intel lookup outside the
 * organisation): a real HTTP server on loopback that answers every request and keeps what it
 * received, so a scenario can prove which values left MISP and which never did.
 *
 * On the embedded target MISP runs on this machine and reaches 127.0.0.1. On an external MISP,
 * set MISP_LAB_THIRD_PARTY_HOST to an address of this machine the MISP can reach (the server
 * then listens on all interfaces and the URL handed to MISP names that host).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  body: string;
  at: string;
}

export class ThirdPartyService {
  readonly received: ReceivedRequest[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ThirdPartyService> {
    const advertisedHost = process.env.MISP_LAB_THIRD_PARTY_HOST;
    const listenHost = advertisedHost ? '0.0.0.0' : '127.0.0.1';
    let service: ThirdPartyService | null = null;
    const server = createServer((request, response) => {
      readBody(request)
        .then((body) => {
          service?.received.push({
            method: request.method ?? 'GET',
            path: request.url ?? '/',
            body,
            at: new Date().toISOString(),
          });
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(lookupAnswer(request.url ?? '/')));
        })
        .catch(() => {
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end('{"error":"unreadable request"}');
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, listenHost, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    service = new ThirdPartyService(server, `http://${advertisedHost ?? '127.0.0.1'}:${port}`);
    return service;
  }

  /** Requests whose body or path carries the value: what the third party learnt about it. */
  requestsMentioning(value: string): ReceivedRequest[] {
    return this.received.filter((r) => r.body.includes(value) || decodeURIComponent(r.path).includes(value));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A hashlookup API's answer (misp-modules' hashlookup asks GET <api>//lookup/<type>/<hash>): the
 * hash is "known", from the lab, so the module has results to show.
 */
function lookupAnswer(path: string): Record<string, string> {
  const [, type = '', hash = ''] = /\/lookup\/([a-z0-9]+)\/([^/?]+)/i.exec(path) ?? [];
  return {
    'SHA-1': type.toLowerCase() === 'sha1' ? hash.toUpperCase() : 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
    ...(type.toLowerCase() === 'md5' ? { MD5: hash.toUpperCase() } : {}),
    source: 'misp-compliance-lab third party',
    FileName: 'looked-up-by-the-lab.bin',
  };
}

const MAX_BODY = 1_000_000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
