/**
 * The port through which workflow modules touch the world. The engine never does I/O itself;
 * the server implements this interface over its storage, mailer and HTTP client.
 */
import type { PhpMap } from './php.ts';

export interface WorkflowMail {
  to: string[];
  subject: string;
  body: string;
}

export interface WorkflowMailUser {
  id: number | string;
  email: string;
  [key: string]: unknown;
}

export interface WorkflowHttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** Already encoded (JSON text or form-urlencoded text); undefined for GET. */
  body?: string;
  contentType: 'json' | 'form';
  allowSelfSigned: boolean;
}

export interface WorkflowHttpResponse {
  status: number;
  body: string;
}

export interface TagChange {
  scope: 'event' | 'attribute';
  eventId: string | number;
  attributeId?: string | number;
  tags: string[];
  /** true local, false global, null any (removal only). */
  local: boolean | null;
  relationshipType?: string;
}

export interface MattermostPost {
  hostname: string;
  token: string;
  channelId: string;
  message: string;
}

export interface WorkflowServices {
  /** A server setting such as `Security.rest_client_enable_arbitrary_urls`. */
  getSetting(name: string): unknown;
  /** Saves an edited attribute; false when validation fails. */
  saveAttribute(attribute: PhpMap): Promise<boolean>;
  /** Attaches tags (created when missing) and touches the event; true if any change succeeded. */
  attachTag(change: TagChange): Promise<boolean>;
  removeTag(change: TagChange): Promise<boolean>;
  sendMail(mail: WorkflowMail): Promise<void>;
  /** Every user, or only site admins. */
  listUsers(filter?: { admins?: boolean }): Promise<WorkflowMailUser[]>;
  httpRequest(request: WorkflowHttpRequest): Promise<WorkflowHttpResponse>;
  /** `Event::publish`: true when published, else MISP's error text. */
  publishEvent(eventId: string | number): Promise<true | string | false>;
  /** The event as `GET /events/view/<id>.json` returns it, seen as site admin. */
  fetchEvent(eventId: string | number): Promise<{ Event: PhpMap } | null>;
  /** An attribute as `GET /attributes/view/<id>.json` returns it (for attribute-scoped triggers). */
  fetchAttribute?(attributeId: string | number): Promise<{ Attribute: PhpMap; Object?: PhpMap } | null>;
  /** Posts a message through Mattermost's API (misp-modules `mattermost`). */
  mattermostPost(post: MattermostPost): Promise<void>;
  now(): Date;
}
