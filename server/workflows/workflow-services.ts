/**
 * The server side of the engine's WorkflowServices port: settings, the events services (acting as
 * the workflow's SYSTEM user), the mailer, users, outgoing HTTP and Mattermost.
 *
 * Attribute saves take MISP's fast-update path: the row is validated and written, the event is
 * touched, but attribute-after-save is not fired again, so a workflow on that trigger that edits
 * attributes cannot loop on itself.
 */
import type { ServerServices } from '../services.ts';
import { eventsOf } from '../events/module.ts';
import { fetchEventJson } from '../events/event-json.ts';
import { flag, type Input } from '../events/attribute-validation.ts';
import { HttpError } from '../http/errors.ts';
import type {
  MattermostPost,
  TagChange,
  WorkflowHttpRequest,
  WorkflowHttpResponse,
  WorkflowMail,
  WorkflowMailUser,
  WorkflowServices,
} from './engine/index.ts';
import type { PhpMap } from './engine/php.ts';
import { workflowAuthUser } from './execution-user.ts';
import { mattermostBaseUrl, sendRequest } from './outbound-http.ts';

/** Fields a workflow module may change on an attribute; anything else keeps its stored value. */
const EDITABLE_ATTRIBUTE_FIELDS = [
  'type',
  'category',
  'value',
  'to_ids',
  'distribution',
  'sharing_group_id',
  'comment',
  'disable_correlation',
  'first_seen',
  'last_seen',
] as const;

export class ServerWorkflowServices implements WorkflowServices {
  constructor(private readonly services: ServerServices) {}

  private get events() {
    return eventsOf(this.services);
  }

  private systemUser() {
    const auth = workflowAuthUser(this.services);
    if (!auth) throw new Error('Could not find a valid user to run the workflow.');
    return auth;
  }

  getSetting(name: string): unknown {
    return this.services.settings.get(name);
  }

  async saveAttribute(attribute: PhpMap): Promise<boolean> {
    const { deps, attributes } = this.events;
    const current = deps.repo.findAttribute(String(attribute.id ?? ''));
    if (!current || current.deleted) return false;
    const input: Input = {
      type: current.type,
      category: current.category,
      value: current.type.includes('|') ? `${current.value1}|${current.value2}` : current.value1,
      to_ids: current.to_ids === 1,
      distribution: current.distribution,
      sharing_group_id: current.sharing_group_id,
      comment: current.comment,
      disable_correlation: current.disable_correlation === 1,
      first_seen: current.first_seen,
      last_seen: current.last_seen,
      object_relation: current.object_relation ?? undefined,
    };
    for (const field of EDITABLE_ATTRIBUTE_FIELDS) {
      if (attribute[field] !== undefined) input[field] = attribute[field];
    }
    input.to_ids = flag(input.to_ids, current.to_ids === 1);
    const built = attributes.prepare([input], current.event_id, current.object_id, current.id)[0];
    if (!built?.ok) return false;
    deps.repo.transaction(() => {
      const { uuid: _uuid, event_id: _event, object_id: _object, ...changes } = built.row;
      deps.repo.updateAttribute(current.id, changes);
      deps.touchEvent(current.event_id);
    });
    deps.logChange(this.systemUser(), 'Attribute', current.id, 'edit', {
      event_id: current.event_id,
      to_ids: built.row.to_ids,
    });
    return true;
  }

  async attachTag(change: TagChange): Promise<boolean> {
    const uuid = this.targetUuid(change);
    if (!uuid || change.tags.length === 0) return false;
    try {
      await this.events.tags.attach(this.systemUser(), {
        uuid,
        tag: change.tags,
        local: change.local === true,
        ...(change.relationshipType ? { relationship_type: change.relationshipType } : {}),
      });
      return true;
    } catch (error) {
      if (error instanceof HttpError) return false;
      throw error;
    }
  }

  async removeTag(change: TagChange): Promise<boolean> {
    const uuid = this.targetUuid(change);
    if (!uuid) return false;
    let removed = false;
    for (const tag of change.tags) {
      if (change.local !== null && !this.hasLink(change, tag, change.local)) continue;
      try {
        await this.events.tags.remove(this.systemUser(), { uuid, tag });
        removed = true;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
    }
    return removed;
  }

  async sendMail(mail: WorkflowMail): Promise<void> {
    const { settings, mailer } = this.services;
    if (settings.bool('MISP.disable_emailing')) {
      throw new Error('E-mailing is disabled on this instance (MISP.disable_emailing).');
    }
    await mailer.send({
      from: settings.string('MISP.email'),
      to: mail.to,
      subject: mail.subject,
      text: mail.body,
    });
  }

  async listUsers(filter: { admins?: boolean } = {}): Promise<WorkflowMailUser[]> {
    const { users } = this.services;
    return users
      .list()
      .filter((user) => !user.disabled)
      .filter((user) => !filter.admins || users.role(user.role_id)?.perms.perm_site_admin === true)
      .map((user) => ({ id: String(user.id), email: user.email, org_id: String(user.org_id) }));
  }

  async httpRequest(request: WorkflowHttpRequest): Promise<WorkflowHttpResponse> {
    return sendRequest({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      allowSelfSigned: request.allowSelfSigned,
    });
  }

  async publishEvent(eventId: string | number): Promise<true | string | false> {
    try {
      const { answer } = await this.events.publishing.publish(this.systemUser(), String(eventId), {
        forceSync: true,
      });
      if (answer.kind === 'blocked') return answer.errors.join(', ');
      return true;
    } catch (error) {
      if (error instanceof HttpError) return error.message;
      throw error;
    }
  }

  async fetchEvent(eventId: string | number): Promise<{ Event: PhpMap } | null> {
    return fetchEventJson(this.services.db, eventId) as { Event: PhpMap } | null;
  }

  /** misp-modules' mattermost: `POST <host>/api/v4/posts` with the bot's token. */
  async mattermostPost(post: MattermostPost): Promise<void> {
    const base = mattermostBaseUrl(post.hostname);
    const response = await sendRequest({
      url: `${base}/api/v4/posts`,
      method: 'POST',
      headers: { Authorization: `Bearer ${post.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel_id: post.channelId, message: post.message }),
    });
    if (response.status < 200 || response.status >= 300) {
      let reason = response.body.slice(0, 300);
      try {
        reason = String((JSON.parse(response.body) as { message?: string }).message ?? reason);
      } catch {
        // Not JSON: keep the raw text.
      }
      throw new Error(`Mattermost at ${base} answered ${response.status}: ${reason}`);
    }
  }

  now(): Date {
    return new Date(this.services.clock());
  }

  private targetUuid(change: TagChange): string | undefined {
    const { repo } = this.events.deps;
    if (change.scope === 'event') return repo.findEvent(String(change.eventId))?.uuid;
    return repo.findAttribute(String(change.attributeId ?? ''))?.uuid;
  }

  /** Removal with a locality only touches links of that locality. */
  private hasLink(change: TagChange, tagName: string, local: boolean): boolean {
    const { tagRepo, repo } = this.events.deps;
    const tag = tagRepo.findByName(tagName);
    if (!tag) return false;
    const target =
      change.scope === 'event'
        ? ({ kind: 'Event', id: Number(change.eventId) } as const)
        : ({
            kind: 'Attribute',
            id: Number(change.attributeId),
            eventId: repo.findAttribute(String(change.attributeId))?.event_id ?? 0,
          } as const);
    const link = tagRepo.link(target, tag.id);
    return link !== undefined && (link.local === 1) === local;
  }
}
