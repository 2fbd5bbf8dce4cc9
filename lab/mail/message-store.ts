// In-memory store of captured messages, newest first, bounded so a runaway sender cannot eat
// the lab's memory: past `maxMessages` the oldest message is dropped.
import { itemMatches, type MailHogItem, type SearchKind } from './mailhog-item.ts';

export interface StoredMessage {
  item: MailHogItem;
  /** The message exactly as received over SMTP (dot-unstuffed, final line break kept), for .eml download. */
  raw: Buffer;
}

export type MessageListener = (item: MailHogItem) => void;

export class MessageStore {
  // Newest first: every listing MailHog offers is in that order.
  private messages: StoredMessage[] = [];
  private readonly listeners = new Set<MessageListener>();

  constructor(readonly maxMessages: number) {
    if (!Number.isInteger(maxMessages) || maxMessages < 1) {
      throw new Error(`mail service: maxMessages must be a positive integer, got ${maxMessages}`);
    }
  }

  add(message: StoredMessage): void {
    this.messages.unshift(message);
    if (this.messages.length > this.maxMessages) this.messages.length = this.maxMessages;
    for (const listener of this.listeners) {
      try {
        listener(message.item);
      } catch (error) {
        // One broken subscriber (say a dropped event stream) must not lose the message for others.
        console.error('mail service: message listener failed:', error);
      }
    }
  }

  get count(): number {
    return this.messages.length;
  }

  list(): MailHogItem[] {
    return this.messages.map((message) => message.item);
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.find((message) => message.item.ID === id);
  }

  delete(id: string): boolean {
    const before = this.messages.length;
    this.messages = this.messages.filter((message) => message.item.ID !== id);
    return this.messages.length < before;
  }

  clear(): void {
    this.messages = [];
  }

  search(kind: SearchKind, query: string): MailHogItem[] {
    return this.list().filter((item) => itemMatches(item, kind, query));
  }

  /** Calls `listener` for every message added from now on; returns the unsubscribe function. */
  subscribe(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
