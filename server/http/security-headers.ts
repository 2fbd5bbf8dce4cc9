/**
 * Response headers every answer carries. Real MISP 2.5.1 sends, on each page and REST answer,
 * `Content-Security-Policy-Report-Only` with the policy below (Security.csp_enforce is off by
 * default) and `X-XSS-Protection: 1; mode=block`; we send the same. Because a report-only policy
 * does not stop framing, we also send what a careful server adds and MISP does not:
 * `X-Frame-Options: DENY` and `X-Content-Type-Options: nosniff`.
 */
const MISP_CSP =
  "default-src 'self' data: 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; worker-src 'none'; child-src 'none'; frame-src 'none'; base-uri 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; connect-src 'self'; manifest-src 'none'; report-uri /servers/cspReport";

const SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['content-security-policy-report-only', MISP_CSP],
  ['x-xss-protection', '1; mode=block'],
  ['x-frame-options', 'DENY'],
  ['x-content-type-options', 'nosniff'],
];

export function withSecurityHeaders(response: Response): Response {
  let target = response;
  for (const [name, value] of SECURITY_HEADERS) {
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
