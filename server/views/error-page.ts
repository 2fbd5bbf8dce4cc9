import type { RequestContext } from '../http/context.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';

const INTERNAL_ERROR_HINT =
  'Please try your action again. If the problem persists, please contact administrator.';

/**
 * MISP's error view: the message as heading and again under "Error:"; for internal errors
 * (HTTP 500) MISP 2.5.1 adds a hint to retry (observed on a running MISP).
 */
export function errorPage(ctx: RequestContext, status: number, message: string): Html {
  return page(ctx, {
    title: status >= 500 ? 'Error' : message,
    content: html`<div class="misp-error-container">
      <h2>${message}</h2>
      <p class="error"><strong>Error: </strong>${message}${status >= 500 ? ` ${INTERNAL_ERROR_HINT}` : ''}</p>
    </div>`,
  });
}
