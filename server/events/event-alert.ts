/**
 * events/alert (EventsController::alert, Event::sendAlertEmail): the event is published and every
 * user who asked for alerts (autoalert) and may see it gets a mail. Mail goes out as MISP's email
 * worker would send it; a failure is logged, never thrown at the client.
 */
import type { AuthUser } from '../users/current-user.ts';
import { actorOf } from '../users/current-user.ts';
import type { EventRow } from './event-repository.ts';
import type { EventsDeps } from './deps.ts';
import { loadAuthUser } from '../users/current-user.ts';

const THREAT_LEVELS: Record<number, string> = { 1: 'High', 2: 'Medium', 3: 'Low', 4: 'Undefined' };

export async function sendEventAlert(deps: EventsDeps, auth: AuthUser, event: EventRow): Promise<number> {
  const { settings, users, mailer, logs } = deps.services;
  if (settings.bool('MISP.disable_emailing')) return 0;
  const recipients = users
    .list()
    .filter((user) => user.autoalert === 1 && user.disabled === 0)
    .filter((user) => {
      const recipient = loadAuthUser(users, user.id);
      return recipient !== null && deps.canView(recipient, event);
    })
    .map((user) => user.email);
  if (recipients.length === 0) return 0;
  const tags = deps.tagRepo.attached({ kind: 'Event', id: event.id }).map((tag) => tag.name);
  const tlp = tags.find((name) => name.toLowerCase().startsWith('tlp:'))?.toUpperCase() ?? 'TLP:AMBER';
  const org = settings.string('MISP.org') || 'ORGNAME';
  const baseurl = settings.string('MISP.baseurl');
  const subject = `[${org} MISP] Event ${event.id} - ${THREAT_LEVELS[event.threat_level_id] ?? 'Undefined'} - ${tlp}`;
  const attributes = deps.repo.attributes(event.id);
  const text = [
    '==============================================',
    `URL         : ${baseurl}/events/view/${event.id}`,
    `Event ID    : ${event.id}`,
    `Date        : ${event.date}`,
    `Reported by : ${org}`,
    `Threat Level: ${THREAT_LEVELS[event.threat_level_id] ?? 'Undefined'}`,
    `Info        : ${event.info}`,
    `Tags        : ${tags.join(', ')}`,
    '==============================================',
    'Attributes (* indicates a new or modified attribute since last update):',
    ...attributes.map(
      (a) => `* ${a.category}/${a.type}: ${a.type.includes('|') ? `${a.value1}|${a.value2}` : a.value1}`,
    ),
    '==============================================',
  ].join('\n');
  try {
    for (const to of recipients)
      await mailer.send({ to: [to], subject, text, from: settings.string('MISP.email') || 'misp@localhost' });
  } catch (error) {
    logs.write({
      title: `Could not send the alert for Event (${event.id}): ${(error as Error).message}`,
      model: 'Event',
      model_id: event.id,
      action: 'email',
      actor: actorOf(auth),
    });
  }
  return recipients.length;
}
