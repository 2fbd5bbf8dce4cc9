import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MmErrorBody } from '../mattermost-types.ts';

/**
 * An error answered to the client in Mattermost's shape. Routes throw it; the app's error handler
 * renders it, so no route has to remember the body format and nothing else ever reaches the client.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly id: string,
    message: string,
    readonly detailedError = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(error: ApiError, requestId: string): MmErrorBody {
  return {
    id: error.id,
    message: error.message,
    detailed_error: error.detailedError,
    request_id: requestId,
    status_code: error.status,
  };
}

export function renderError(c: Context, error: ApiError): Response {
  const requestId = (c.get('requestId') as string | undefined) ?? '';
  return c.json(errorBody(error, requestId), error.status);
}

// The constructors below reuse the ids and English messages Mattermost itself answers with.

export const sessionExpired = (): ApiError =>
  new ApiError(
    401,
    'api.context.session_expired.app_error',
    'Invalid or expired session, please login again.',
  );

export const forbidden = (): ApiError =>
  new ApiError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');

export const invalidBodyParam = (name: string, detail = ''): ApiError =>
  new ApiError(
    400,
    'api.context.invalid_body_param.app_error',
    `Invalid or missing ${name} in request body.`,
    detail,
  );

export const invalidUrlParam = (name: string): ApiError =>
  new ApiError(
    400,
    'api.context.invalid_url_param.app_error',
    `Invalid or missing ${name} parameter in request URL.`,
  );

export const notFound = (id: string, message: string): ApiError => new ApiError(404, id, message);

export const routeNotFound = (): ApiError =>
  new ApiError(404, 'api.context.404.app_error', 'Sorry, we could not find the page.');
