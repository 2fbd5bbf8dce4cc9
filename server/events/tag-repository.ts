/** Tags and their links to events and attributes (tables tags, event_tags, attribute_tags). */
import { createHash } from 'node:crypto';
import type { Db } from '../storage/db.ts';

export interface TagRow {
  id: number;
  name: string;
  colour: string;
  exportable: number;
  user_id: number;
  hide_tag: number;
  numerical_value: number | null;
  is_galaxy: number;
  is_custom_galaxy: number;
  local_only: number;
}

/** A tag as attached: the tag plus the link's locality and relationship. */
export interface AttachedTag extends TagRow {
  link_id: number;
  local: number;
  relationship_type: string | null;
}

export type TagTarget = { kind: 'Event'; id: number } | { kind: 'Attribute'; id: number; eventId: number };

const TAG_COLUMNS =
  't.id, t.name, t.colour, t.exportable, t.user_id, t.hide_tag, t.numerical_value, t.is_galaxy, t.is_custom_galaxy, t.local_only';

export class TagRepository {
  constructor(private readonly db: Db) {}

  find(id: number): TagRow | undefined {
    return this.db.prepare('SELECT * FROM tags WHERE id = ?').get(id) as TagRow | undefined;
  }

  findByName(name: string): TagRow | undefined {
    return this.db.prepare('SELECT * FROM tags WHERE name = ?').get(name) as TagRow | undefined;
  }

  list(): TagRow[] {
    return this.db.prepare('SELECT * FROM tags ORDER BY name').all() as TagRow[];
  }

  /** How many events and attributes use each tag (the counts /tags/index shows). */
  usage(tagId: number): { events: number; attributes: number } {
    const events = this.db.prepare('SELECT COUNT(*) AS n FROM event_tags WHERE tag_id = ?').get(tagId) as {
      n: number;
    };
    const attributes = this.db
      .prepare('SELECT COUNT(*) AS n FROM attribute_tags WHERE tag_id = ?')
      .get(tagId) as { n: number };
    return { events: events.n, attributes: attributes.n };
  }

  create(tag: { name: string; colour?: string; exportable?: boolean; user_id?: number }): TagRow {
    const info = this.db
      .prepare('INSERT INTO tags (name, colour, exportable, user_id) VALUES (?, ?, ?, ?)')
      .run(tag.name, tag.colour ?? colourFor(tag.name), tag.exportable === false ? 0 : 1, tag.user_id ?? 0);
    return this.find(Number(info.lastInsertRowid)) as TagRow;
  }

  update(id: number, changes: Partial<Omit<TagRow, 'id'>>): void {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE tags SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
  }

  /** A deleted tag leaves every event and attribute it was attached to. */
  delete(id: number): void {
    this.db.prepare('DELETE FROM event_tags WHERE tag_id = ?').run(id);
    this.db.prepare('DELETE FROM attribute_tags WHERE tag_id = ?').run(id);
    this.db.prepare('DELETE FROM tags WHERE id = ?').run(id);
  }

  attached(target: TagTarget): AttachedTag[] {
    const table = target.kind === 'Event' ? 'event_tags' : 'attribute_tags';
    const column = target.kind === 'Event' ? 'event_id' : 'attribute_id';
    return this.db
      .prepare(
        `SELECT ${TAG_COLUMNS}, l.id AS link_id, l.local, l.relationship_type FROM ${table} l JOIN tags t ON t.id = l.tag_id WHERE l.${column} = ? ORDER BY l.id`,
      )
      .all(target.id) as AttachedTag[];
  }

  link(target: TagTarget, tagId: number): AttachedTag | undefined {
    return this.attached(target).find((tag) => tag.id === tagId);
  }

  attach(target: TagTarget, tagId: number, local: boolean, relationshipType: string | null): void {
    if (target.kind === 'Event') {
      this.db
        .prepare('INSERT INTO event_tags (event_id, tag_id, local, relationship_type) VALUES (?, ?, ?, ?)')
        .run(target.id, tagId, local ? 1 : 0, relationshipType);
    } else {
      this.db
        .prepare(
          'INSERT INTO attribute_tags (attribute_id, event_id, tag_id, local, relationship_type) VALUES (?, ?, ?, ?, ?)',
        )
        .run(target.id, target.eventId, tagId, local ? 1 : 0, relationshipType);
    }
  }

  detach(target: TagTarget, tagId: number): boolean {
    const table = target.kind === 'Event' ? 'event_tags' : 'attribute_tags';
    const column = target.kind === 'Event' ? 'event_id' : 'attribute_id';
    return (
      this.db.prepare(`DELETE FROM ${table} WHERE ${column} = ? AND tag_id = ?`).run(target.id, tagId)
        .changes > 0
    );
  }
}

/** MISP picks a random colour for a new tag; a hash of the name keeps ours stable across runs. */
function colourFor(name: string): string {
  return `#${createHash('sha1').update(name).digest('hex').slice(0, 6)}`;
}
