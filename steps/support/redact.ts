/**
 * Secrets must never reach a report: every secret the harness learns (passwords, auth keys,
 * TOTP secrets, chat tokens) is registered here, and every text leaving the harness passes
 * through redact(). The patterns are the reports' own (lab/reporting/redaction.ts), so both
 * lines of defence catch the same unregistered secrets.
 */
import { createRedactor, REDACTED, type Redactor } from '../../lab/reporting/redaction.ts';

export { REDACTED };

const known = new Set<string>();
let redactor: Redactor = createRedactor(known);

export function registerSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < 6 || known.has(secret)) return;
  known.add(secret);
  redactor = createRedactor(known);
}

export function redact(text: string): string {
  return redactor(text);
}
