/**
 * The gate in front of every /workflows page (spec §3.1, WorkflowsController::beforeFilter):
 * with background workers or the workflow plugin off, MISP shows "Could not access Workflow
 * system" and the reason instead of the page. Checked on the answer's text, so the check holds
 * whether MISP renders its error view as HTML or as JSON.
 */
import assert from 'node:assert/strict';
import type { LabWorld } from '../../support/world.ts';

export const REQUIREMENT_MESSAGES: Record<string, string> = {
  'background workers': 'Background workers must be enabled to use workflows',
  'workflow plugin':
    'The workflow plugin must be enabled to use workflows. Go to `/servers/serverSettings/Plugin` the enable the `Plugin.Workflow` setting',
};

export function requirementMessage(what: string): string {
  const message = REQUIREMENT_MESSAGES[what];
  assert.ok(
    message,
    `no known requirement "${what}" (known: ${Object.keys(REQUIREMENT_MESSAGES).join(', ')})`,
  );
  return message;
}

/** HTML-escaped backquotes and quotes are read back as text before comparing. */
function plain(text: string): string {
  return text
    .replace(/&#0?96;|&grave;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&');
}

export async function expectWorkflowPageRefused(world: LabWorld, path: string, what: string): Promise<void> {
  const answer = await world.admin.get<unknown>(path);
  const body = typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data);
  const text = plain(body);
  assert.ok(
    text.includes(requirementMessage(what)),
    `GET ${path} (HTTP ${answer.status}) does not say "${requirementMessage(what)}": ${body.slice(0, 400)}`,
  );
  assert.ok(
    !Array.isArray(answer.data),
    `GET ${path} still answered the workflow list while the ${what} are off`,
  );
  world.attach(`GET ${path} -> HTTP ${answer.status}\n\n${body.slice(0, 4000)}`, {
    mediaType: 'text/plain',
    fileName: `refused-${what.replace(/\s+/g, '-')}.txt`,
  });
}
