/**
 * Tags (TagsController index/add/attachTagToObject/removeTagFromObject, spec §4.4): local tags
 * only for the host organisation, unknown tags created only with perm_tag_editor, a global event
 * tag unpublishes the event, every new link fires tag-attached-after-save.
 */
import { forbidden, notFound, saveFailure } from '../http/errors.ts';
import type { AuthUser } from '../users/current-user.ts';
import { actorOf } from '../users/current-user.ts';
import { flag, type Input } from './attribute-validation.ts';
import { wrapped } from './attribute-service.ts';
import { canModifyEvent } from './event-access.ts';
import { tagJson, type Json } from './event-json.ts';
import { tagRecordJson } from './tag-catalogue.ts';
import type { TagRow, TagTarget } from './tag-repository.ts';
import type { EventsDeps } from './deps.ts';

type Target = TagTarget & { label: string };

export class TagService {
  constructor(private readonly deps: EventsDeps) {}

  index(): { Tag: Json[] } {
    return { Tag: this.deps.tagRepo.list().map((tag) => this.indexJson(tag)) };
  }

  add(auth: AuthUser, body: Input): { Tag: Json } {
    if (!auth.role.perms.perm_tag_editor) throw forbidden();
    const data = wrapped(body, 'Tag');
    const name = typeof data.name === 'string' ? data.name.trim() : '';
    const errors: Record<string, string[]> = {};
    if (name === '') errors.name = ['valueNotEmpty'];
    else if (this.deps.tagRepo.findByName(name)) errors.name = ['A similar name already exists.'];
    const colour =
      typeof data.colour === 'string' && /^#[0-9a-f]{6}$/i.test(data.colour) ? data.colour : undefined;
    if (data.colour !== undefined && colour === undefined)
      errors.colour = ['Colour has to be in the RGB format (#FFFFFF)'];
    if (Object.keys(errors).length > 0) throw saveFailure('add', 'Tag', '/tags/add', errors);
    const tag = this.deps.tagRepo.create({
      name,
      colour,
      exportable: flag(data.exportable, true),
      user_id: 0,
    });
    this.deps.logChange(auth, 'Tag', tag.id, 'add', { name: tag.name, colour: tag.colour });
    return { Tag: tagRecordJson(tag) };
  }

  async attach(auth: AuthUser, body: Input): Promise<string> {
    const target = this.target(auth, body.uuid);
    const local = flag(body.local, false);
    this.checkTagRights(auth, target, local);
    const relationship =
      typeof body.relationship_type === 'string' && body.relationship_type !== ''
        ? body.relationship_type
        : null;
    const successes: string[] = [];
    const already: string[] = [];
    const reasons: Record<string, string> = {};
    const attached: TagRow[] = [];
    for (const ref of tagRefs(body.tag)) {
      const resolved = this.resolve(auth, ref);
      if (typeof resolved === 'string') {
        reasons[ref] = resolved;
        continue;
      }
      if (this.deps.tagRepo.link(target, resolved.id)) {
        already.push(
          `${target.kind} already has the requested tag attached, no changes had to be made for tag ${resolved.name}.`,
        );
        continue;
      }
      this.deps.tagRepo.attach(target, resolved.id, local, relationship);
      attached.push(resolved);
      const message = `${local ? 'Local' : 'Global'} tag ${resolved.name}(${resolved.id}) successfully attached to ${target.kind}(${target.id}).`;
      successes.push(message);
      this.log(auth, target, message);
    }
    if (attached.length > 0 && !local) this.touch(target);
    for (const tag of attached) await this.fireAttached(auth, target, tag);
    const failures = Object.keys(reasons).length;
    if (failures > 0 || (successes.length === 0 && already.length === 0)) {
      throw saveFailure(
        'attachTagToObject',
        'Tag',
        '/tags/attachTagToObject',
        `Failed to attach ${Math.max(failures, 1)} tags. Reasons: ${JSON.stringify(failures > 0 ? reasons : { tag: 'No tag given.' })}`,
      );
    }
    return (successes.length > 0 ? successes : already).join(' ');
  }

  async remove(auth: AuthUser, body: Input): Promise<string> {
    const target = this.target(auth, body.uuid);
    const ref = tagRefs(body.tag)[0] ?? '';
    const tag = /^\d+$/.test(ref) ? this.deps.tagRepo.find(Number(ref)) : this.deps.tagRepo.findByName(ref);
    const link = tag ? this.deps.tagRepo.link(target, tag.id) : undefined;
    if (!tag || !link) throw notFound('Invalid tag.');
    this.checkTagRights(auth, target, link.local === 1);
    this.deps.tagRepo.detach(target, tag.id);
    if (link.local !== 1) this.touch(target);
    const message = `Tag ${tag.name}(${tag.id}) successfully removed from ${target.kind}(${target.id}).`;
    this.log(auth, target, message);
    return message;
  }

  /**
   * Tags sent inside an event or attribute (`Tag: [{name, local?}]`, MISP's captureTag and
   * handleEventTag/handleAttributeTag): unknown ones are created if allowed, known links kept.
   */
  async attachNested(auth: AuthUser, tagTarget: TagTarget, tags: Input[]): Promise<void> {
    if (!auth.role.perms.perm_tagger && !auth.role.perms.perm_site_admin) return;
    const target: Target = { ...tagTarget, label: tagTarget.kind };
    for (const entry of tags) {
      const resolved = typeof entry.name === 'string' ? this.resolve(auth, entry.name) : 'No name.';
      if (typeof resolved === 'string' || this.deps.tagRepo.link(target, resolved.id)) continue;
      const local = flag(entry.local, false);
      this.deps.tagRepo.attach(target, resolved.id, local, null);
      await this.fireAttached(auth, target, resolved, local);
    }
  }

  private target(auth: AuthUser, uuid: unknown): Target {
    const ref = typeof uuid === 'string' ? uuid.trim() : '';
    const event = ref ? this.deps.repo.eventExistsByUuid(ref) : undefined;
    if (event) {
      this.deps.visibleEvent(auth, event.id);
      return { kind: 'Event', id: event.id, label: 'Event' };
    }
    const attribute = ref && !/^\d+$/.test(ref) ? this.deps.repo.findAttribute(ref) : undefined;
    if (!attribute || attribute.deleted) throw notFound('Invalid Target.');
    this.deps.visibleEvent(auth, attribute.event_id);
    return { kind: 'Attribute', id: attribute.id, eventId: attribute.event_id, label: 'Attribute' };
  }

  private checkTagRights(auth: AuthUser, target: Target, local: boolean): void {
    const perms = auth.role.perms;
    if (!perms.perm_tagger && !perms.perm_site_admin) throw forbidden();
    if (local) {
      const hostOrg = this.deps.services.settings.number('MISP.host_org_id');
      if (!perms.perm_site_admin && auth.org.id !== hostOrg)
        throw forbidden('Local tags can only be added by users of the host organisation.');
      return;
    }
    const eventId = target.kind === 'Event' ? target.id : target.eventId;
    const event = this.deps.repo.findEvent(eventId);
    if (!event || !canModifyEvent(auth, event)) throw forbidden();
  }

  /** A tag by id or name; an unknown name is created for tag editors. A string explains a refusal. */
  private resolve(auth: AuthUser, ref: string): TagRow | string {
    const byId = /^\d+$/.test(ref) ? this.deps.tagRepo.find(Number(ref)) : undefined;
    if (/^\d+$/.test(ref)) return byId ?? 'Invalid Tag.';
    const name = ref.trim();
    if (name === '') return 'Invalid Tag.';
    const existing = this.deps.tagRepo.findByName(name);
    if (existing) return existing;
    if (!auth.role.perms.perm_tag_editor) return 'Tag not found and insufficient privileges to create it.';
    const created = this.deps.tagRepo.create({ name, user_id: 0 });
    this.deps.logChange(auth, 'Tag', created.id, 'add', { name: created.name, colour: created.colour });
    return created;
  }

  /** Global tags change the object: an event is unpublished, an attribute's timestamp moves. */
  private touch(target: Target): void {
    if (target.kind === 'Event') this.deps.touchEvent(target.id);
    else {
      this.deps.repo.updateAttribute(target.id, { timestamp: this.deps.now() });
      this.deps.touchEvent(target.eventId, false);
    }
  }

  private async fireAttached(auth: AuthUser, target: Target, tag: TagRow, local?: boolean): Promise<void> {
    const eventId = target.kind === 'Event' ? target.id : target.eventId;
    const link = this.deps.tagRepo.link(target, tag.id);
    await this.deps.triggers.afterSave(
      'tag-attached-after-save',
      () => ({
        Tag: {
          ...tagJson({
            ...tag,
            link_id: link?.link_id ?? 0,
            local: (local ?? link?.local === 1) ? 1 : 0,
            relationship_type: link?.relationship_type ?? null,
          }),
          event_id: String(eventId),
          ...(target.kind === 'Attribute' ? { attribute_id: String(target.id) } : {}),
        },
      }),
      { eventId, user: auth },
    );
  }

  private log(auth: AuthUser, target: Target, title: string): void {
    this.deps.services.logs.write({
      title,
      model: target.kind,
      model_id: target.id,
      action: 'tag',
      actor: actorOf(auth),
    });
  }

  private indexJson(tag: TagRow): Json {
    const usage = this.deps.tagRepo.usage(tag.id);
    return {
      ...tagRecordJson(tag),
      count: usage.events,
      attribute_count: usage.attributes,
      favourite: false,
    };
  }
}

/** `tag` may be a name, an id, a list of either, or a JSON-encoded list (PyMISP and the UI send all). */
function tagRefs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(tagRefs);
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return tagRefs(JSON.parse(text) as unknown);
    } catch {
      return [text];
    }
  }
  return text === '' ? [] : [text];
}
