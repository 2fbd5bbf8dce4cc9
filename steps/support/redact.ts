/**
 * Secrets must never reach a report: every secret the harness learns (passwords, auth keys,
 * TOTP secrets, chat tokens) is registered here, and every text leaving the harness passes
 * through redact(). Patterns catch secrets we were never told about (40-char keys in headers).
 */
const known = new Set<string>();

export const REDACTED = '[REDACTED]';

export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 6) known.add(secret);
}

const PATTERNS: Array<[RegExp, string]> = [
  [
    /(authorization|x-misp-auth|token)(["']?\s*[:=]\s*["']?)(Bearer\s+)?[A-Za-z0-9._-]{20,}/gi,
    `$1$2$3${REDACTED}`,
  ],
  [/(data\[User\]\[(?:password|otp)\]=)[^&\s]*/g, `$1${REDACTED}`],
  [
    /("(?:password|authkey|otp|secret|adminPassword|adminAuthKey|token)"\s*:\s*")[^"]*(")/gi,
    `$1${REDACTED}$2`,
  ],
  [/(secret=)[A-Z2-7]{16,}/g, `$1${REDACTED}`],
];

export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret containing another is removed whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
