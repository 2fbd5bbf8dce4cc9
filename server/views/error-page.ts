import type { RequestContext } from '../http/context.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';

/** MISP's error view: the status as heading, the escaped message below. */
export function errorPage(ctx: RequestContext, status: number, message: string): Html {
  const title =
    status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : status === 400 ? 'Bad Request' : 'Error';
  return page(ctx, {
    title,
    content: html`<h2>${title}</h2>
      <p class="error"><strong>Error: </strong>${message}</p>`,
  });
}
