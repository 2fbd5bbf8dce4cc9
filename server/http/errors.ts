/**
 * MISP's REST answer shapes (spec §4.6): exceptions as {name, message, url}, save failures as
 * 403 {saved:false,…}, successes as {saved:true, success:true,…}. Routes throw HttpError; the
 * dispatcher renders it as JSON for REST and as an error page for browsers.
 */
import type { DomainError } from '../domain-error.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message = 'Bad Request') => new HttpError(400, message);
export const forbidden = (message = 'You do not have permission to do that.') => new HttpError(403, message);
export const notFound = (message = 'Not Found') => new HttpError(404, message);
export const methodNotAllowed = (message = 'You do not have permission to do that.') =>
  new HttpError(405, message);

export function exceptionBody(message: string, url: string): Record<string, string> {
  return { name: message, message, url };
}

export function saveSuccessBody(message: string, url: string, id?: number | string): Record<string, unknown> {
  const body: Record<string, unknown> = { saved: true, success: true, name: message, message, url };
  if (id !== undefined) body.id = String(id);
  return body;
}

export function saveFailBody(
  name: string,
  url: string,
  errors: unknown,
  id?: number | string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { saved: false, name, message: name, url, errors };
  if (id !== undefined) body.id = String(id);
  return body;
}

/** A 403 save failure thrown from a route ("Could not <action> <Model>"). */
export function saveFailure(
  action: string,
  model: string,
  url: string,
  errors: unknown,
  id?: number | string,
): HttpError {
  const name = `Could not ${action} ${model}`;
  return new HttpError(403, name, saveFailBody(name, url, errors, id));
}

const STATUS_OF: Record<DomainError['kind'], number> = {
  'not-found': 404,
  forbidden: 403,
  'not-allowed': 405,
  'bad-request': 400,
  'save-failed': 403,
};

/** A service's refusal in MISP's shape: a refused save carries `errors`, the rest are exceptions. */
export function httpErrorOf(error: DomainError): HttpError {
  if (error.kind === 'save-failed' && error.save) {
    const { action, model, url, errors, id } = error.save;
    return saveFailure(action, model, url, errors ?? error.message, id);
  }
  return new HttpError(STATUS_OF[error.kind], error.message);
}
