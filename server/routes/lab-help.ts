/**
 * /lab/help: the lab's own page (not MISP's), in English and pt-BR (?lang=pt-BR), on how to read
 * what MISP 2.5.1 logs after a publish that a blocking workflow stopped. Observed on a real MISP
 * (fixtures/misp-samples-observed/workshop-pages.json): "Publishing stopped by a blocking
 * workflow." is followed by "Event (N): published." although the event stays unpublished.
 */
import type { RequestContext, RouteDef } from '../http/context.ts';
import { htmlResponse } from '../http/respond.ts';
import { labHelpPage, type HelpLanguage } from '../views/lab-help-page.ts';

function help(ctx: RequestContext): Response {
  const lang: HelpLanguage = ctx.hono.req.query('lang')?.toLowerCase() === 'pt-br' ? 'pt-BR' : 'en';
  return htmlResponse(labHelpPage(ctx, lang));
}

export const labHelpRoutes: RouteDef[] = [
  { path: 'lab/help', public: true, methods: ['GET'], handler: help },
];
