/**
 * The gate in front of every /workflows page (WorkflowsController::beforeFilter): with background
 * workers or the workflow plugin off, real MISP 2.5.1 answers HTTP 500 with its error view
 * "Could not access Workflow system" followed by an internal error, to REST clients and browsers
 * alike. It does not say which component is missing: the view is rendered before its list of
 * missing components is set (observed on a real MISP 2.5.1; the spec's reading of the source
 * expected the reasons). Checked over REST and through the site admin's web session.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';

export const GATE_TITLE = 'Could not access Workflow system';

export async function expectWorkflowPageRefused(world: LabWorld, path: string): Promise<void> {
  const answer = await world.siteAdmin.misp.getPath(path);
  const body = typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data);
  assert.equal(
    answer.status,
    500,
    `GET ${path} answered HTTP ${answer.status} while the workflow system is off`,
  );
  assert.ok(body.includes(GATE_TITLE), `GET ${path} does not say "${GATE_TITLE}": ${body.slice(0, 400)}`);
  const page = await (await world.siteAdmin.webSession()).get(path);
  assert.equal(page.status, 500, `the page ${path} answered HTTP ${page.status} in a web session`);
  assert.ok(page.body.includes(GATE_TITLE), `the page ${path} does not show "${GATE_TITLE}"`);
  world.attach(`GET ${path} -> HTTP ${answer.status}\n\n${body.slice(0, 4000)}`, {
    mediaType: 'text/plain',
    fileName: `refused-${path.replace(/[^a-z0-9]+/gi, '-')}.txt`,
  });
}
