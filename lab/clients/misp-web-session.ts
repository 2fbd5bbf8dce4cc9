/**
 * MISP as a browser sees it, without a browser: a cookie session opened through the login form,
 * for the few pages MISP serves to web sessions only. Real MISP 2.5.1 answers
 * `GET /workflows/editor/<trigger>.json` with HTTP 500 (the action has no JSON view, though it
 * creates the trigger's workflow before it fails), so the harness opens the editor as a person
 * would: logged in, HTML. CakePHP's Security component wants the form's own token fields back
 * (`data[_Token][key|fields|unlocked]`), so they are read from the login page first.
 */
import { request, type APIRequestContext } from 'playwright-core';
import type { HttpTranscript } from './http-transcript.ts';

export interface MispWebSessionOptions {
  baseUrl: string;
  insecureTls?: boolean;
  transcript?: HttpTranscript;
}

export interface WebAnswer {
  status: number;
  /** The path MISP ended on after its redirects (/users/login when the session is gone). */
  finalPath: string;
  body: string;
}

export class MispWebSessionError extends Error {}

const TOKEN_FIELDS = ['key', 'fields', 'unlocked'] as const;

/** The hidden `data[_Token][…]` values of the first form in an HTML page. */
export function formTokens(html: string): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const field of TOKEN_FIELDS) {
    const input = new RegExp(`<input[^>]*name="data\\[_Token\\]\\[${field}\\]"[^>]*>`).exec(html)?.[0];
    const value = input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
    if (value !== undefined) tokens[`data[_Token][${field}]`] = decodeHtml(value);
  }
  return tokens;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#039;/g, "'");
}

export class MispWebSession {
  private constructor(
    private readonly http: APIRequestContext,
    private readonly options: MispWebSessionOptions,
  ) {}

  /** Logs in through /users/login; fails with one line when MISP keeps showing the form. */
  static async logIn(
    options: MispWebSessionOptions,
    email: string,
    password: string,
  ): Promise<MispWebSession> {
    const http = await request.newContext({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      // Like the browser: a private CA reaches it through NODE_EXTRA_CA_CERTS, not MISP_CA_FILE.
      ignoreHTTPSErrors: options.insecureTls === true,
    });
    const session = new MispWebSession(http, options);
    const form = await session.get('/users/login');
    const answer = await session.postForm('/users/login', formTokens(form.body), {
      'data[User][email]': email,
      'data[User][password]': password,
    });
    if (['/users/login', '/users/otp', '/users/email_otp'].includes(answer.finalPath)) {
      await http.dispose();
      throw new MispWebSessionError(
        `MISP did not open a web session for ${email} (it shows ${answer.finalPath} after the password)`,
      );
    }
    return session;
  }

  /** Opening a trigger's editor creates the trigger's workflow when it has none yet. */
  openWorkflowEditor(triggerId: string): Promise<WebAnswer> {
    return this.get(`/workflows/editor/${triggerId}`);
  }

  /** The analyst's "Enrich" on one attribute: MISP's results page (its REST form answers 500). */
  queryEnrichment(attributeId: string, module: string): Promise<WebAnswer> {
    return this.get(`/events/queryEnrichment/${attributeId}/${module}/Enrichment`);
  }

  async get(path: string): Promise<WebAnswer> {
    return this.exchange('GET', path, () => this.http.get(path));
  }

  /** A form post as a browser makes it: `_method=POST`, the page's tokens, then the fields. */
  async postForm(
    path: string,
    tokens: Record<string, string>,
    fields: Record<string, string>,
  ): Promise<WebAnswer> {
    const form = { _method: 'POST', ...tokens, ...fields };
    return this.exchange('POST', path, () => this.http.post(path, { form }), Object.keys(fields));
  }

  async close(): Promise<void> {
    await this.http.dispose();
  }

  private async exchange(
    method: string,
    path: string,
    send: () => ReturnType<APIRequestContext['get']>,
    fieldNames: string[] = [],
  ): Promise<WebAnswer> {
    const started = Date.now();
    let response;
    try {
      response = await send();
    } catch (error) {
      throw new MispWebSessionError(
        `MISP at ${this.options.baseUrl} did not answer ${method} ${path}: ${(error as Error).message}`,
      );
    }
    const body = await response.text();
    this.options.transcript?.record({
      at: new Date(started).toISOString(),
      method,
      url: `${path} (web session)`,
      status: response.status(),
      // Field values (a password) never reach the transcript, only their names.
      requestBody: fieldNames.length > 0 ? `form fields: ${fieldNames.join(', ')}` : undefined,
      responseBody: `${body.length} bytes of ${response.headers()['content-type'] ?? 'unknown type'}`,
      durationMs: Date.now() - started,
    });
    return { status: response.status(), finalPath: new URL(response.url()).pathname, body };
  }
}
