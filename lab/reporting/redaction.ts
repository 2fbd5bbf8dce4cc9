/**
 * The report's own redaction: a second line of defence behind the harness's redact(). Every
 * text this module family writes goes through a Redactor built from the secrets the run knows
 * (the lab's admin password, auth key, chat token) plus patterns for secrets nobody registered:
 * MISP auth keys, TOTP secrets, paper tokens, password and OTP form fields, auth headers.
 */
import type { LabEnvironment } from '../targets/lab-environment.ts';

export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

const PATTERNS: Array<[RegExp, string]> = [
  // Headers: Authorization, X-MISP-AUTH, Mattermost's Token.
  [
    /\b(authorization|x-misp-auth|token)(["']?\s*[:=]\s*["']?)(Bearer\s+|Basic\s+)?[^\s"',;]{8,}/gi,
    `$1$2$3${REDACTED}`,
  ],
  // MISP's login, OTP and password forms (url-encoded or not).
  [
    /(data(?:%5B|\[)User(?:%5D|\])(?:%5B|\[)(?:password|confirm_password|current_password|otp)(?:%5D|\])=)[^&\s]*/gi,
    `$1${REDACTED}`,
  ],
  // JSON fields that hold secrets.
  [
    /("(?:password|confirm_password|authkey|auth_key|otp|secret|totp|totp_secret|token|access_token|bot_access_token|adminPassword|adminAuthKey)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi,
    `$1${REDACTED}$2`,
  ],
  // otpauth:// provisioning URIs carry the TOTP secret.
  [/(secret=)[A-Za-z2-7=%]{8,}/g, `$1${REDACTED}`],
  // The TOTP secret as the enrolment page shows it, and any long base32 run (MISP's are 103 chars).
  [/(<pre[^>]*>\s*)[A-Z2-7]{16,}(\s*<\/pre>)/g, `$1${REDACTED}$2`],
  [/\b[A-Z2-7]{32,}\b/g, REDACTED],
  // A MISP auth key: 40 letters and digits. Pure lower-case hex is a SHA-1 (an attribute), kept.
  [/\b(?![0-9a-f]{40}\b)[A-Za-z0-9]{40}\b/g, REDACTED],
  // Paper tokens as the /users/hotp page lists them ("12: 123456").
  [/(^|\s)(\d{1,2}): \d{6}\b/g, `$1$2: ${REDACTED}`],
];

export function createRedactor(knownSecrets: Iterable<string | undefined | null>): Redactor {
  const secrets = [...new Set([...knownSecrets].filter((s): s is string => !!s && s.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string) => {
    let out = text;
    // Known secrets first, longest first, and also in their URL-encoded form.
    for (const secret of secrets) {
      out = out.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** The secrets a lab environment holds (and the MISP_* secrets an external run was given). */
export function environmentSecrets(
  env: LabEnvironment | null,
  vars: NodeJS.ProcessEnv = process.env,
): string[] {
  const fromEnv = [
    'MISP_ADMIN_AUTHKEY',
    'MISP_ADMIN_PASSWORD',
    'MATTERMOST_TOKEN',
    'MATTERMOST_WEBHOOK_URL',
  ].map((name) => vars[name]);
  const hookId = env?.chat.webhookUrl.split('/hooks/')[1];
  return [
    env?.misp.adminPassword,
    env?.misp.adminAuthKey,
    env?.chat.token,
    env?.chat.webhookUrl,
    hookId,
    ...fromEnv,
  ].filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/** Redacts every string inside a JSON-like value (keys are left alone). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  return value;
}
