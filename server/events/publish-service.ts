/**
 * Publishing (EventsController::publish, Event::publishRouter/publish, spec §4.5 and §3.11):
 * queued as a job while MISP.background_jobs is on, else synchronous. The blocking event-publish
 * trigger runs before published=1 is saved; a failed workflow leaves the event unpublished.
 */
import { methodNotAllowed } from '../http/errors.ts';
import type { AuthUser } from '../users/current-user.ts';
import { actorOf } from '../users/current-user.ts';
import { canPublishEvent } from './event-access.ts';
import type { EventRow } from './event-repository.ts';
import { fetchEventJson } from './event-json.ts';
import { sendEventAlert } from './event-alert.ts';
import type { EventsDeps } from './deps.ts';

export type PublishAnswer =
  { kind: 'queued'; jobId: number } | { kind: 'published' } | { kind: 'blocked'; errors: string[] };

export class PublishService {
  constructor(private readonly deps: EventsDeps) {}

  /** The event the user may publish, or 405 as MISP answers it. */
  publishable(auth: AuthUser, ref: string | undefined): EventRow {
    const event = this.deps.visibleEvent(auth, ref);
    if (!canPublishEvent(auth, event)) throw methodNotAllowed('You do not have the permission to do that.');
    return event;
  }

  async publish(auth: AuthUser, ref: string | undefined, options: { forceSync?: boolean } = {}) {
    const event = this.publishable(auth, ref);
    const background = this.deps.services.settings.bool('MISP.background_jobs') && !options.forceSync;
    if (background) {
      const jobId = this.deps.services.jobs.enqueue({
        worker: 'prio',
        job_type: 'publish_event',
        job_input: `Event ID: ${event.id}`,
        org_id: auth.org.id,
        run: async () => {
          await this.publishNow(auth, event.id);
          // Quirk (Appendix B 9): EventShell takes the blocking workflow's error string for
          // success, so the job and the log say "published" even when the event was not.
          this.logPublished(auth, event.id);
          return 'Event published.';
        },
      });
      return { event, answer: { kind: 'queued', jobId } satisfies PublishAnswer };
    }
    const result = await this.publishNow(auth, event.id);
    if (!result.ok)
      return { event, answer: { kind: 'blocked', errors: result.errors } satisfies PublishAnswer };
    this.logPublished(auth, event.id);
    return { event, answer: { kind: 'published' } satisfies PublishAnswer };
  }

  /** events/alert: mail the subscribers, then publish as events/publish does (MISP's order). */
  async alert(auth: AuthUser, ref: string | undefined) {
    const event = this.publishable(auth, ref);
    await sendEventAlert(this.deps, auth, event);
    return this.publish(auth, String(event.id));
  }

  unpublish(auth: AuthUser, ref: string | undefined): EventRow {
    const event = this.publishable(auth, ref);
    this.deps.repo.updateEvent(event.id, { published: 0 });
    this.deps.services.logs.write({
      title: `Event (${event.id}): unpublished.`,
      model: 'Event',
      model_id: event.id,
      action: 'publish',
      actor: actorOf(auth),
    });
    return event;
  }

  /** Event::publish: the blocking trigger first, then published=1 and publish_timestamp. */
  private async publishNow(
    auth: AuthUser,
    eventId: number,
  ): Promise<{ ok: true } | { ok: false; errors: string[] }> {
    const outcome = await this.deps.triggers.blocking(
      'event-publish',
      () => fetchEventJson(this.deps.services.db, eventId),
      { eventId, user: auth },
    );
    if (outcome && !outcome.success) {
      this.deps.services.logs.write({
        title: 'Publishing stopped by a blocking workflow.',
        model: 'Event',
        model_id: eventId,
        action: 'publish',
        change: `Returned message: ${outcome.errors.join(', ')}`,
      });
      return { ok: false, errors: outcome.errors };
    }
    if (!this.deps.repo.findEvent(eventId)) return { ok: false, errors: ['Invalid event'] };
    this.deps.repo.updateEvent(eventId, { published: 1, publish_timestamp: this.deps.now() });
    return { ok: true };
  }

  private logPublished(auth: AuthUser, eventId: number): void {
    this.deps.services.logs.write({
      title: `Event (${eventId}): published.`,
      model: 'Event',
      model_id: eventId,
      action: 'publish',
      actor: actorOf(auth),
    });
  }
}
