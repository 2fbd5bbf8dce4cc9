/**
 * `/events/queryEnrichment/<attribute_id>/<module>[/Enrichment]` (EventsController::queryEnrichment):
 * GET shows the confirmation form, POST runs the module (after enrichment-before-query). REST gets
 * the module's answer, or 403 with MISP's blocked message; the browser gets a flash and the event.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { flash } from '../http/context.ts';
import { HttpError, exceptionBody, forbidden, notFound } from '../http/errors.ts';
import { htmlResponse, json, redirect, requestPath } from '../http/respond.ts';
import type { AuthUser } from '../users/current-user.ts';
import { eventsOf } from '../events/module.ts';
import { enabledEnrichmentModules, queryEnrichment } from '../workflows/enrichment.ts';
import { html } from '../views/html.ts';
import { formSecurityFields, page } from '../views/layout.ts';

async function query(ctx: RequestContext): Promise<Response> {
  const [attributeRef, moduleName] = ctx.url.pass;
  const attribute = eventsOf(ctx.services).attributes.view(ctx.auth as AuthUser, attributeRef);
  if (!ctx.services.settings.bool('Plugin.Enrichment_services_enable')) {
    throw forbidden('Enrichment services are not enabled.');
  }
  const module = enabledEnrichmentModules(ctx.services).find((candidate) => candidate.name === moduleName);
  if (!module) throw notFound('Invalid enrichment module.');
  if (ctx.method === 'GET' && !ctx.isRest) {
    return htmlResponse(
      page(ctx, {
        title: 'Enrichment',
        content: html`<form id="EventQueryEnrichmentForm" method="post" action="${requestPath(ctx)}">
          ${formSecurityFields(ctx)}
          <p>Query <strong>${module.name}</strong> for attribute ${attribute.id}?</p>
          <button type="submit" class="btn btn-primary" id="EnrichmentSubmit">Enrich</button>
        </form>`,
      }),
    );
  }
  const result = await queryEnrichment(ctx.services, attribute, module);
  if (ctx.isRest || ctx.isAjax) {
    if (result.kind === 'results') return json(result.results);
    const body = exceptionBody(result.message, requestPath(ctx));
    throw new HttpError(
      403,
      result.message,
      result.kind === 'blocked' ? { ...body, errors: result.errors } : body,
    );
  }
  if (result.kind === 'results') {
    return htmlResponse(
      page(ctx, {
        title: 'Enrichment results',
        content: html`<h2>Enrichment results</h2>
          <pre id="enrichmentResults">${JSON.stringify(result.results, null, 2)}</pre>
          <a href="/events/view/${attribute.event_id}">Back to the event</a>`,
      }),
    );
  }
  flash(ctx, 'error', result.message);
  return redirect(ctx, `/events/view/${attribute.event_id}`);
}

export const enrichmentRoutes: RouteDef[] = [
  { path: 'events/queryEnrichment', methods: ['GET', 'POST'], handler: query },
];
