/**
 * Response headers every answer carries. Real MISP 2.5.1 sends, on each page and REST answer,
 * `Content-Security-Policy-Report-Only` with the policy below (Security.csp_enforce is off by
 * default) and `X-XSS-Protection: 1; mode=block`; we send the same. Because a report-only policy
 * does not stop framing, we also send what a careful server adds and MISP does not:
 * `X-Frame-Options: DENY` and `X-Content-Type-Options: nosniff`.
 */
const MISP_CSP =
  "default-src 'self' data: 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; worker-src 'none'; child-src 'none'; frame-src 'none'; base-uri 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; connect-src 'self'; manifest-src 'none'; report-uri /servers/cspReport";

/** What real MISP 2.5.1 sends with Security.disable_browser_cache on (observed on a hardened 2.5.1). */
const NO_BROWSER_CACHE: ReadonlyArray<[string, string]> = [
  ['expires', 'Mon, 26 Jul 1997 05:00:00 GMT'],
  ['cache-control', 'no-store, no-cache, must-revalidate, post-check=0, pre-check=0'],
];

export interface HeaderSettings {
  /** Security.csp_enforce: the same policy as Content-Security-Policy (MISP 2.5.1 does so). */
  enforceCsp: boolean;
  /** Security.disable_browser_cache. */
  noBrowserCache: boolean;
}

export function withSecurityHeaders(
  response: Response,
  settings: HeaderSettings = { enforceCsp: false, noBrowserCache: false },
): Response {
  const headers: Array<[string, string]> = [
    [settings.enforceCsp ? 'content-security-policy' : 'content-security-policy-report-only', MISP_CSP],
    ['x-xss-protection', '1; mode=block'],
    ['x-frame-options', 'DENY'],
    ['x-content-type-options', 'nosniff'],
  ];
  let target = response;
  if (settings.noBrowserCache) {
    // A cache header the action set itself is replaced: the setting forbids caching.
    target = new Response(response.body, response);
    for (const [name, value] of NO_BROWSER_CACHE) target.headers.set(name, value);
  }
  for (const [name, value] of headers) {
    if (target.headers.has(name)) continue;
    try {
      target.headers.set(name, value);
    } catch {
      target = new Response(target.body, target);
      target.headers.set(name, value);
    }
  }
  return target;
}
