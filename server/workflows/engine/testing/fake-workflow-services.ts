/**
 * In-memory WorkflowServices for unit tests only: records every call so tests can assert on
 * what modules asked the outside world to do.
 */
import type { PhpMap } from '../php.ts';
import type {
  MattermostPost,
  TagChange,
  WorkflowHttpRequest,
  WorkflowHttpResponse,
  WorkflowMail,
  WorkflowMailUser,
  WorkflowServices,
} from '../services.ts';

export interface FakeUser extends WorkflowMailUser {
  siteAdmin: boolean;
}

export class FakeWorkflowServices implements WorkflowServices {
  settings: Record<string, unknown> = {};
  savedAttributes: PhpMap[] = [];
  /** Attribute ids whose save fails validation. */
  rejectAttributeIds = new Set<string>();
  attachedTags: TagChange[] = [];
  removedTags: TagChange[] = [];
  mails: WorkflowMail[] = [];
  users: FakeUser[] = [];
  httpRequests: WorkflowHttpRequest[] = [];
  httpResponse: WorkflowHttpResponse | Error = { status: 200, body: '{}' };
  published: string[] = [];
  publishResult: true | string | false = true;
  events = new Map<string, { Event: PhpMap }>();
  attributes = new Map<string, { Attribute: PhpMap; Object?: PhpMap }>();
  mattermostPosts: MattermostPost[] = [];
  mattermostError: Error | null = null;
  clock = new Date('2026-11-29T10:00:00Z');

  getSetting(name: string): unknown {
    return this.settings[name];
  }

  async saveAttribute(attribute: PhpMap): Promise<boolean> {
    if (this.rejectAttributeIds.has(String(attribute.id))) return false;
    this.savedAttributes.push(structuredClone(attribute));
    return true;
  }

  async attachTag(change: TagChange): Promise<boolean> {
    this.attachedTags.push(change);
    return true;
  }

  async removeTag(change: TagChange): Promise<boolean> {
    this.removedTags.push(change);
    return true;
  }

  async sendMail(mail: WorkflowMail): Promise<void> {
    this.mails.push(mail);
  }

  async listUsers(filter: { admins?: boolean } = {}): Promise<WorkflowMailUser[]> {
    return this.users.filter((user) => !filter.admins || user.siteAdmin);
  }

  async httpRequest(request: WorkflowHttpRequest): Promise<WorkflowHttpResponse> {
    this.httpRequests.push(request);
    if (this.httpResponse instanceof Error) throw this.httpResponse;
    return this.httpResponse;
  }

  async publishEvent(eventId: string | number): Promise<true | string | false> {
    this.published.push(String(eventId));
    return this.publishResult;
  }

  async fetchEvent(eventId: string | number): Promise<{ Event: PhpMap } | null> {
    const event = this.events.get(String(eventId));
    return event ? structuredClone(event) : null;
  }

  async fetchAttribute(attributeId: string | number): Promise<{ Attribute: PhpMap; Object?: PhpMap } | null> {
    const attribute = this.attributes.get(String(attributeId));
    return attribute ? structuredClone(attribute) : null;
  }

  async mattermostPost(post: MattermostPost): Promise<void> {
    if (this.mattermostError) throw this.mattermostError;
    this.mattermostPosts.push(post);
  }

  now(): Date {
    return this.clock;
  }
}
