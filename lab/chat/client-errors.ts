import type { MmErrorBody, MmPost } from './mattermost-types.ts';

/** An error answer of a Mattermost server, with the fields of its JSON error body. */
export class MattermostError extends Error {
  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** Mattermost's error id, such as `api.context.session_expired.app_error`; '' if the body had none. */
    readonly id: string,
    /** Mattermost's own English message. */
    readonly serverMessage: string,
    readonly requestId = '',
    readonly detailedError = '',
    where = '',
  ) {
    super(`${serverMessage} (HTTP ${status}${id ? ` ${id}` : ''}${where ? ` on ${where}` : ''})`);
    this.name = 'MattermostError';
  }
}

/** The server could not be reached at all (refused, DNS, timeout): a one-line reason, no stack soup. */
export class MattermostUnreachableError extends Error {
  constructor(baseUrl: string, cause: unknown) {
    super(`Mattermost at ${baseUrl} is not reachable: ${reasonOf(cause)}`, { cause });
    this.name = 'MattermostUnreachableError';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return 'no answer before the request timed out';
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return cause.errors.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
  }
  if (cause instanceof Error) return cause.message || ((cause as NodeJS.ErrnoException).code ?? cause.name);
  return error instanceof Error ? error.message : String(error);
}

export async function errorFromResponse(
  response: Response,
  method: string,
  path: string,
): Promise<MattermostError> {
  const where = `${method} ${path}`;
  const text = await response.text().catch(() => '');
  let body: Partial<MmErrorBody> | undefined;
  try {
    body = JSON.parse(text) as Partial<MmErrorBody>;
  } catch {
    body = undefined;
  }
  if (body && typeof body.message === 'string') {
    return new MattermostError(
      response.status,
      typeof body.id === 'string' ? body.id : '',
      body.message,
      typeof body.request_id === 'string' ? body.request_id : '',
      typeof body.detailed_error === 'string' ? body.detailed_error : '',
      where,
    );
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new MattermostError(
    response.status,
    '',
    snippet || response.statusText || 'no error body',
    '',
    '',
    where,
  );
}

/** A short listing of posts for timeout messages: when, who, and the start of the message. */
export function describePosts(posts: MmPost[]): string {
  if (posts.length === 0) return 'No posts were seen.';
  const shown = posts.slice(-10).map((post) => {
    const override = post.props['override_username'];
    const author =
      typeof override === 'string' && override ? `${override} (webhook)` : `user ${post.user_id}`;
    const text = post.message.length > 80 ? `${post.message.slice(0, 77)}...` : post.message;
    return `[${new Date(post.create_at).toISOString()} ${author}] ${JSON.stringify(text)}`;
  });
  const skipped = posts.length > shown.length ? ` (last ${shown.length} shown)` : '';
  return `Seen ${posts.length} post(s)${skipped}: ${shown.join('; ')}`;
}
