/** /tags/*: the tag list, tag creation, and attaching/removing tags on events and attributes (§4.4). */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { exceptionBody, HttpError, saveSuccessBody } from '../http/errors.ts';
import { htmlResponse, json, redirect } from '../http/respond.ts';
import { wrapped } from '../events/attribute-service.ts';
import { tagAddPage } from '../views/events/tag-add-form.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';
import { html } from '../views/html.ts';
import { page } from '../views/layout.ts';

const user = (ctx: RequestContext): AuthUser => ctx.auth as AuthUser;

function index(ctx: RequestContext): Response {
  const tags = eventsOf(ctx.services).tags.index();
  if (ctx.isRest) return json(tags);
  return htmlResponse(
    page(ctx, {
      title: 'Tags',
      content: html`<h2>Tags</h2>
        <table id="tagIndexTable">
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Events</th>
            <th>Attributes</th>
          </tr>
          ${tags.Tag.map(
            (tag) =>
              html`<tr>
                <td>${String(tag.id)}</td>
                <td>
                  <span class="tag label" style="background-color:${String(tag.colour)}"
                    >${String(tag.name)}</span
                  >
                </td>
                <td>${String(tag.count)}</td>
                <td>${String(tag.attribute_count)}</td>
              </tr>`,
          )}
        </table>`,
    }),
  );
}

/** REST creates and answers the tag; a browser gets MISP's form, then the tag list and a flash. */
function add(ctx: RequestContext): Response {
  if (ctx.method === 'GET') {
    if (ctx.isRest) throw new HttpError(405, 'You do not have permission to do that.');
    return htmlResponse(tagAddPage(ctx));
  }
  if (ctx.isRest) return json(eventsOf(ctx.services).tags.add(user(ctx), ctx.body));
  try {
    eventsOf(ctx.services).tags.add(user(ctx), ctx.body);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 403 || !error.body) throw error;
    flash(ctx, 'error', 'The tag could not be saved. Please, try again.');
    const errors = (error.body.errors ?? {}) as Record<string, string[]>;
    const submitted = wrapped(ctx.body, 'Tag');
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return htmlResponse(
      tagAddPage(ctx, { name: text(submitted.name), colour: text(submitted.colour) }, errors),
    );
  }
  // What MISP 2.5.1 answers a browser (observed): the tag list with this flash.
  flash(ctx, 'success', 'The tag has been saved.');
  return redirect(ctx, '/tags/index');
}

export const tagRoutes: RouteDef[] = [
  { path: 'tags/index', methods: ['GET', 'POST'], handler: index },
  {
    path: 'tags/view',
    methods: ['GET'],
    handler: (ctx) => json(eventsOf(ctx.services).tagCatalogue.view(ctx.url.pass[0])),
  },
  {
    path: 'tags/search',
    methods: ['GET', 'POST'],
    handler: (ctx) =>
      json(
        eventsOf(ctx.services).tagCatalogue.search(ctx.url.pass[0] ? { tagname: ctx.url.pass[0] } : ctx.body),
      ),
  },
  {
    path: 'tags/edit',
    methods: ['POST', 'PUT'],
    handler: (ctx) => json(eventsOf(ctx.services).tagCatalogue.edit(user(ctx), ctx.url.pass[0], ctx.body)),
  },
  {
    path: 'tags/delete',
    methods: ['POST', 'DELETE'],
    handler: (ctx) => {
      const tag = eventsOf(ctx.services).tagCatalogue.delete(user(ctx), ctx.url.pass[0]);
      // MISP 2.5.1 answers a delete with the message only (recorded in fixtures/misp-recordings).
      return json(exceptionBody('Tag deleted.', `/tags/delete/${tag.id}`));
    },
  },
  { path: 'tags/add', methods: ['GET', 'POST'], handler: add },
  {
    path: 'tags/attachTagToObject',
    methods: ['POST'],
    handler: async (ctx) => {
      const message = await eventsOf(ctx.services).tags.attach(user(ctx), ctx.body);
      return json(saveSuccessBody(message, '/tags/attachTagToObject'));
    },
  },
  {
    path: 'tags/removeTagFromObject',
    methods: ['POST'],
    handler: async (ctx) => {
      const message = await eventsOf(ctx.services).tags.remove(user(ctx), ctx.body);
      return json(saveSuccessBody(message, '/tags/removeTagFromObject'));
    },
  },
];
