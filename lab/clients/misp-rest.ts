/**
 * The transport under MispClient (misp-client.ts) and the contract runner's raw exchanges
 * (lab/contract/runner.ts): MISP's REST API as PyMISP uses it, an Authorization header with an
 * auth key, Accept and Content-Type JSON. Never throws on an HTTP status: callers assert on
 * status and body, so a 403 is a finding to report, not a crash. Every exchange lands in the
 * transcript.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { HttpTranscript } from './http-transcript.ts';

export interface MispRestOptions {
  baseUrl: string;
  authKey?: string;
  caFile?: string;
  insecureTls?: boolean;
  transcript?: HttpTranscript;
  timeoutMs?: number;
}

export interface RestAnswer<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

export class MispRestClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: MispRestOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      validateStatus: () => true,
      maxRedirects: 0,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'misp-compliance-lab',
        ...(options.authKey ? { Authorization: options.authKey } : {}),
      },
      httpsAgent: new Agent({
        ca: options.caFile ? readFileSync(options.caFile) : undefined,
        rejectUnauthorized: !options.insecureTls,
      }),
    });
  }

  /** The same transport with another auth key (the contract runner's actors). */
  as(authKey: string | undefined): MispRestClient {
    return new MispRestClient({ ...this.options, authKey });
  }

  get<T = unknown>(path: string): Promise<RestAnswer<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<RestAnswer<T>> {
    return this.request<T>('POST', path, body ?? {});
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
    const started = Date.now();
    let response: AxiosResponse<T>;
    try {
      response = await this.http.request<T>({ method, url: path, data: body });
    } catch (error) {
      this.options.transcript?.record({
        at: new Date(started).toISOString(),
        method,
        url: path,
        status: null,
        requestBody: body === undefined ? undefined : JSON.stringify(body),
        responseBody: (error as Error).message,
        durationMs: Date.now() - started,
      });
      throw new Error(
        `MISP at ${this.options.baseUrl} did not answer ${method} ${path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.options.transcript?.record({
      at: new Date(started).toISOString(),
      method,
      url: path,
      status: response.status,
      requestBody: body === undefined ? undefined : JSON.stringify(body),
      responseBody: typeof response.data === 'string' ? response.data : JSON.stringify(response.data),
      durationMs: Date.now() - started,
    });
    return {
      status: response.status,
      data: response.data,
      headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, String(v)])),
    };
  }
}
