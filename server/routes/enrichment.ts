/**
 * `/events/queryEnrichment/<attribute_id>/<module>[/Enrichment]` (EventsController::queryEnrichment)
 * as real MISP 2.5.1 answers it (observed on a running MISP with misp-modules' hashlookup): a
 * browser (GET or POST, not AJAX) runs the module and gets the "Enrichment Results" page, or MISP's
 * internal-error page (HTTP 500) when enrichment-before-query blocked the query. REST clients get
 * HTTP 500 once the module was asked, whatever it answered: MISP has no JSON view for the results
 * and turns the blocked message into an internal error. Before the query, MISP refuses with 405.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, methodNotAllowed } from '../http/errors.ts';
import { htmlResponse } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';
import { enabledEnrichmentModules, queryEnrichment } from '../workflows/enrichment.ts';
import { html } from '../views/html.ts';
import { page } from '../views/layout.ts';

const INTERNAL_ERROR = 'An Internal Error Has Occurred.';

async function query(ctx: RequestContext): Promise<Response> {
  const [attributeRef, moduleName] = ctx.url.pass;
  if (!ctx.services.settings.bool('Plugin.Enrichment_services_enable')) {
    throw methodNotAllowed('Enrichment services are not enabled.');
  }
  const modules = enabledEnrichmentModules(ctx.services);
  if (modules.length === 0) throw methodNotAllowed('No valid Enrichment options found for this attribute.');
  let attribute;
  try {
    attribute = eventsOf(ctx.services).attributes.view(ctx.auth as AuthUser, attributeRef);
  } catch {
    throw methodNotAllowed('Attribute not found or you are not authorised to see it.');
  }
  const module = modules.find((candidate) => candidate.name === moduleName);
  // MISP finds no module of that name and answers the module server's "not reachable".
  if (!module) throw new HttpError(500, INTERNAL_ERROR);
  const result = await queryEnrichment(ctx.services, attribute, module);
  if (ctx.isRest || ctx.isAjax || result.kind === 'blocked') throw new HttpError(500, INTERNAL_ERROR);
  if (result.kind === 'failed') flash(ctx, 'error', result.message);
  return htmlResponse(
    page(ctx, {
      title: 'Enrichment Results',
      content: html`<div class="index">
        <h2>Enrichment Results</h2>
        <pre id="enrichmentResults">
${result.kind === 'results' ? JSON.stringify(result.results, null, 2) : ''}</pre>
        <a href="/events/view/${attribute.event_id}">Back to the event</a>
      </div>`,
    }),
  );
}

export const enrichmentRoutes: RouteDef[] = [
  { path: 'events/queryEnrichment', methods: ['GET', 'POST'], handler: query },
];
