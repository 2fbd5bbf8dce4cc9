/** What every events service shares: storage, the trigger firer, the clock, and event upkeep. */
import type { ServerServices } from '../services.ts';
import { unixNow } from '../storage/db.ts';
import type { AuthUser } from '../users/current-user.ts';
import { actorOf } from '../users/current-user.ts';
import { EventRepository, type EventRow } from './event-repository.ts';
import { TagRepository } from './tag-repository.ts';
import { fetchEventJson, type Json } from './event-json.ts';
import { TriggerFirer } from './triggers.ts';
import { notFound } from '../http/errors.ts';
import { canViewContent, canViewEvent, type Distributed } from './event-access.ts';

export class EventsDeps {
  readonly repo: EventRepository;
  readonly tagRepo: TagRepository;
  readonly triggers: TriggerFirer;

  constructor(readonly services: ServerServices) {
    this.repo = new EventRepository(services.db);
    this.tagRepo = new TagRepository(services.db);
    this.triggers = new TriggerFirer(services);
  }

  /** Unix seconds, MISP's timestamp unit. */
  now(): number {
    return unixNow(this.services.clock);
  }

  /** 404 "Invalid event" both for unknown events and for those the user may not see, as MISP does. */
  visibleEvent(auth: AuthUser, ref: string | number | undefined): EventRow {
    const event = ref === undefined ? undefined : this.repo.findEvent(ref);
    if (!event || !this.canView(auth, event)) throw notFound('Invalid event');
    return event;
  }

  /** canViewEvent under this server's MISP.unpublishedprivate. */
  canView(auth: AuthUser, event: EventRow): boolean {
    const groups = this.services.sharingGroups.repo;
    return canViewEvent(auth, event, this.services.settings.bool('MISP.unpublishedprivate'), (id) =>
      groups.reaches(auth, id),
    );
  }

  /** Which of a visible event's attributes and objects the user sees (canViewContent). */
  contentFilter(auth: AuthUser, event: EventRow): (item: Distributed) => boolean {
    const groups = this.services.sharingGroups.repo;
    return (item) => canViewContent(auth, event, item, (id) => groups.reaches(auth, id));
  }

  /**
   * The event as this reader may see it: the attributes and objects shared with them and, for a
   * reader of another organisation, no event_creator_email (observed on MISP 2.5.1 in view and
   * restSearch).
   */
  readerView(auth: AuthUser, event: EventRow): { Event: Json } {
    const view = fetchEventJson(this.services.db, event.id, this.contentFilter(auth, event)) as {
      Event: Json;
    };
    if (!auth.role.perms.perm_site_admin && event.orgc_id !== auth.org.id)
      delete view.Event.event_creator_email;
    return view;
  }

  /** A change to an event's content bumps its timestamp and, as in MISP, unpublishes it. */
  touchEvent(eventId: number, unpublish = true): void {
    this.repo.updateEvent(eventId, { timestamp: this.now(), ...(unpublish ? { published: 0 } : {}) });
    this.repo.recountAttributes(eventId);
  }

  /** MISP's Logable lines: "Model (id)" with a "field () => (value)" change list. */
  logChange(
    auth: AuthUser | undefined,
    model: string,
    id: number,
    action: string,
    change: Record<string, unknown>,
  ): void {
    this.services.logs.write({
      title: `${model} (${id})`,
      model,
      model_id: id,
      action,
      actor: auth ? actorOf(auth) : undefined,
      change: Object.entries(change)
        .map(([field, value]) => `${field} () => (${String(value)})`)
        .join(', '),
    });
  }
}
