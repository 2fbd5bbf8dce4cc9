/**
 * A small browser stand-in for HTTP-level tests: real fetch against the server's port, cookies
 * kept by hand, redirects not followed (tests assert them), and Cake forms read from the HTML so
 * their hidden CSRF fields are posted back exactly as a browser would.
 */
export interface WebResponse {
  status: number;
  location: string | null;
  /** The Location's path and query, for short assertions. */
  locationPath: string | null;
  text: string;
  headers: Headers;
}

export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<WebResponse> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.baseUrl + path, {
      method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location,
      locationPath: location
        ? new URL(location, this.baseUrl).pathname + new URL(location, this.baseUrl).search
        : null,
      text: await response.text(),
      headers: response.headers,
    };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.request(path, { headers });
  }

  /** GETs `pagePath`, fills the form `formId` (hidden fields kept) and posts it to its action. */
  async submitForm(pagePath: string, formId: string, fields: Record<string, string>): Promise<WebResponse> {
    const page = await this.get(pagePath);
    if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${page.status}`);
    const form = readForm(page.text, formId);
    return this.request(form.action, { form: { ...form.fields, ...fields } });
  }

  sessionCookie(): string | undefined {
    return this.cookies.get('CAKEPHP');
  }
}

export interface ParsedForm {
  action: string;
  fields: Record<string, string>;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[m[1]!] = decodeEntities(m[2]!);
  return attrs;
}

/** The named inputs of one form (last value wins, as PHP reads repeated names). */
export function readForm(pageHtml: string, formId: string): ParsedForm {
  const start = pageHtml.search(new RegExp(`<form\\b[^>]*\\bid="${formId}"`));
  if (start < 0) throw new Error(`form #${formId} not found`);
  const end = pageHtml.indexOf('</form>', start);
  const markup = pageHtml.slice(start, end);
  const formTag = /<form\b[^>]*>/.exec(markup)![0];
  const fields: Record<string, string> = {};
  for (const m of markup.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (!a.name || (a.type === 'checkbox' && !('checked' in a))) continue;
    fields[a.name] = a.value ?? '';
  }
  for (const m of markup.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const a = attributes(/<select\b[^>]*>/.exec(m[0])![0]);
    const selected =
      /<option\b[^>]*value="([^"]*)"[^>]*selected/.exec(m[1]!) ?? /<option\b[^>]*value="([^"]*)"/.exec(m[1]!);
    if (a.name) fields[a.name] = selected ? decodeEntities(selected[1]!) : '';
  }
  return { action: attributes(formTag).action ?? '', fields };
}

/** The text of the element with this id (tags stripped, entities decoded, whitespace squeezed). */
export function textOf(pageHtml: string, id: string): string | null {
  const m = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1\\s*>`).exec(pageHtml);
  return m
    ? decodeEntities(m[2]!.replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim()
    : null;
}

/** MISP's flash messages: `<div class="alert alert-…"><button class="close">×</button> text</div>`. */
export function flashes(pageHtml: string): string[] {
  return [...pageHtml.matchAll(/<div\s+class="alert alert-[a-z]+"[^>]*>([\s\S]*?)<\/div>/g)].map((m) =>
    decodeEntities(m[1]!.replace(/<button[^>]*>[\s\S]*?<\/button>/g, '').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
