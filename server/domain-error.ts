/**
 * What a service reports when it refuses: the kind of refusal and MISP's message, with no HTTP in
 * it. The dispatcher turns each kind into MISP's answer shape (spec §4.6): exceptions as
 * {name, message, url}, refused saves as 403 {saved:false, name:"Could not <action> <Model>", errors}.
 */
export type DomainErrorKind = 'not-found' | 'forbidden' | 'not-allowed' | 'bad-request' | 'save-failed';

export interface SaveFailure {
  action: string;
  model: string;
  url: string;
  errors?: unknown;
  id?: number | string;
}

const DEFAULT_MESSAGES: Record<DomainErrorKind, string> = {
  'not-found': 'Not Found',
  forbidden: 'You do not have permission to do that.',
  'not-allowed': 'You do not have permission to do that.',
  'bad-request': 'Bad Request',
  'save-failed': 'Could not save',
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message?: string,
    /** For 'save-failed': what could not be saved, and why (the message becomes `errors`). */
    readonly save?: SaveFailure,
  ) {
    super(message ?? DEFAULT_MESSAGES[kind]);
  }
}
