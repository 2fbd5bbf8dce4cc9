// Captured messages, newest first, in bounded memory whatever a sender does:
// - at most `maxMessages` messages and `maxTotalBytes` in all; past either the oldest are dropped;
// - at most `maxMemoryBytes` held in memory; past it the oldest in-memory messages move to files
//   in a private temporary folder (0700) and are read back one at a time when asked for.
// Sizes count the raw message plus its MailHog JSON, which is what a message costs to keep.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemMatches, type MailHogItem, type SearchKind } from './mailhog-item.ts';

export interface StoredMessage {
  item: MailHogItem;
  /** The message exactly as received over SMTP (dot-unstuffed, final line break kept), for .eml download. */
  raw: Buffer;
}

export interface MessageStoreLimits {
  maxMessages: number;
  maxTotalBytes: number;
  maxMemoryBytes: number;
}

const DEFAULT_STORE_LIMITS: MessageStoreLimits = {
  maxMessages: 5000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxMemoryBytes: 64 * 1024 * 1024,
};

export type MessageListener = (item: MailHogItem) => void;

interface Entry {
  id: string;
  bytes: number;
  /** In memory, or null once moved to `<spill folder>/<id>.json|.eml`. */
  kept: StoredMessage | null;
}

export class MessageStore {
  // Newest first: every listing MailHog offers is in that order.
  private entries: Entry[] = [];
  private readonly listeners = new Set<MessageListener>();
  private readonly limits: MessageStoreLimits;
  private totalBytes = 0;
  private memoryBytes = 0;
  private spillFolder: string | null = null;

  constructor(limits: Partial<MessageStoreLimits> | number = {}) {
    this.limits = {
      ...DEFAULT_STORE_LIMITS,
      ...(typeof limits === 'number' ? { maxMessages: limits } : limits),
    };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isSafeInteger(value) || value < 1)
        throw new Error(`mail service: ${name} must be a positive integer, got ${value}`);
    }
  }

  add(message: StoredMessage): void {
    const bytes = message.raw.length + Buffer.byteLength(JSON.stringify(message.item));
    this.entries.unshift({ id: message.item.ID, bytes, kept: message });
    this.totalBytes += bytes;
    this.memoryBytes += bytes;
    while (
      this.entries.length > 1 &&
      (this.entries.length > this.limits.maxMessages || this.totalBytes > this.limits.maxTotalBytes)
    )
      this.drop(this.entries.length - 1);
    this.spillOldest();
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
    return this.entries.length;
  }

  /** Bytes held in memory and in all (for tests and the lab's status). */
  get usage(): { memoryBytes: number; totalBytes: number } {
    return { memoryBytes: this.memoryBytes, totalBytes: this.totalBytes };
  }

  /** Items newest first, `start` and `limit` applied before anything is read from disk. */
  *items(start = 0, limit = Infinity): Generator<MailHogItem> {
    for (const entry of this.entries.slice(start, start + limit)) {
      const message = this.load(entry);
      if (message) yield message.item;
    }
  }

  get(id: string): StoredMessage | undefined {
    const entry = this.entries.find((candidate) => candidate.id === id);
    return entry ? this.load(entry) : undefined;
  }

  delete(id: string): boolean {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index < 0) return false;
    this.drop(index);
    return true;
  }

  clear(): void {
    while (this.entries.length > 0) this.drop(this.entries.length - 1);
  }

  /** Ids of the matching messages, newest first; messages on disk are read one at a time. */
  search(kind: SearchKind, query: string): string[] {
    return this.entries
      .filter((entry) => {
        const message = this.load(entry);
        return message !== undefined && itemMatches(message.item, kind, query);
      })
      .map((entry) => entry.id);
  }

  /** Calls `listener` for every message added from now on; returns the unsubscribe function. */
  subscribe(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Removes every message and the spill folder. */
  close(): void {
    this.clear();
    if (this.spillFolder) rmSync(this.spillFolder, { recursive: true, force: true });
    this.spillFolder = null;
  }

  private spillOldest(): void {
    for (let i = this.entries.length - 1; i >= 0 && this.memoryBytes > this.limits.maxMemoryBytes; i -= 1) {
      const entry = this.entries[i]!;
      if (!entry.kept) continue;
      const base = this.pathOf(entry.id);
      writeFileSync(`${base}.json`, JSON.stringify(entry.kept.item), { mode: 0o600 });
      writeFileSync(`${base}.eml`, entry.kept.raw, { mode: 0o600 });
      entry.kept = null;
      this.memoryBytes -= entry.bytes;
    }
  }

  private load(entry: Entry): StoredMessage | undefined {
    if (entry.kept) return entry.kept;
    const base = this.pathOf(entry.id);
    try {
      return {
        item: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as MailHogItem,
        raw: readFileSync(`${base}.eml`),
      };
    } catch {
      return undefined; // removed underneath us (clear() racing a read): the message is gone
    }
  }

  private drop(index: number): void {
    const [entry] = this.entries.splice(index, 1);
    if (!entry) return;
    this.totalBytes -= entry.bytes;
    if (entry.kept) this.memoryBytes -= entry.bytes;
    else for (const ext of ['.json', '.eml']) rmSync(`${this.pathOf(entry.id)}${ext}`, { force: true });
  }

  private pathOf(id: string): string {
    this.spillFolder ??= mkdtempSync(join(tmpdir(), 'misp-lab-mail-'));
    // Ids are ours (base64url and a fixed host); keep only safe characters anyway.
    return join(this.spillFolder, id.replace(/[^A-Za-z0-9_.@-]/g, '_'));
  }
}
