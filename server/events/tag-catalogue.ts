/**
 * The tag catalogue beyond listing and adding (TagsController view/search/edit/delete, PyMISP's
 * get_tag, search_tags, update_tag, delete_tag), with MISP 2.5.1's answers: view is the bare tag
 * with its counts, search a list of {Tag}, an unknown tag 405 "Invalid Tag".
 */
import { DomainError } from '../domain-error.ts';
import type { AuthUser } from '../users/current-user.ts';
import { flag, type Input } from './attribute-validation.ts';
import { wrapped } from './attribute-service.ts';
import type { Json } from './event-json.ts';
import { like } from './search-terms.ts';
import type { TagRow } from './tag-repository.ts';
import type { EventsDeps } from './deps.ts';

/** A tag as add, edit and search answer it. */
export function tagRecordJson(tag: TagRow): Json {
  return {
    id: String(tag.id),
    name: tag.name,
    colour: tag.colour,
    exportable: tag.exportable === 1,
    org_id: '0',
    user_id: String(tag.user_id),
    hide_tag: tag.hide_tag === 1,
    numerical_value: tag.numerical_value === null ? null : String(tag.numerical_value),
    is_galaxy: tag.is_galaxy === 1,
    is_custom_galaxy: tag.is_custom_galaxy === 1,
    local_only: tag.local_only === 1,
  };
}

export class TagCatalogue {
  constructor(private readonly deps: EventsDeps) {}

  view(ref: string | undefined): Json {
    const tag = this.find(ref);
    const usage = this.deps.tagRepo.usage(tag.id);
    return { ...tagRecordJson(tag), count: usage.events, attribute_count: usage.attributes };
  }

  /** tags/search: `tagname` as a LIKE pattern, or exactly with strict_tagname. */
  search(body: Input): Json[] {
    const name = typeof body.tagname === 'string' ? body.tagname : '';
    const strict = flag(body.strict_tagname, false);
    return this.deps.tagRepo
      .list()
      .filter((tag) => (strict ? tag.name === name : like(tag.name, name.includes('%') ? name : `%${name}%`)))
      .map((tag) => ({ Tag: tagRecordJson(tag) }));
  }

  edit(auth: AuthUser, ref: string | undefined, body: Input): Json {
    if (!auth.role.perms.perm_tag_editor) throw new DomainError('forbidden');
    const tag = this.find(ref);
    const data = wrapped(body, 'Tag');
    const errors: Record<string, string[]> = {};
    const name = typeof data.name === 'string' ? data.name.trim() : tag.name;
    const other = this.deps.tagRepo.findByName(name);
    if (name === '') errors.name = ['valueNotEmpty'];
    else if (other && other.id !== tag.id) errors.name = ['A similar name already exists.'];
    const colour = typeof data.colour === 'string' ? data.colour : tag.colour;
    if (!/^#[0-9a-f]{6}$/i.test(colour)) errors.colour = ['Colour has to be in the RGB format (#FFFFFF)'];
    if (Object.keys(errors).length > 0)
      throw new DomainError('save-failed', undefined, {
        action: 'edit',
        model: 'Tag',
        url: `/tags/edit/${tag.id}`,
        errors,
      });
    const bit = (key: string, current: number) =>
      data[key] === undefined ? current : flag(data[key], false) ? 1 : 0;
    this.deps.tagRepo.update(tag.id, {
      name,
      colour,
      exportable: bit('exportable', tag.exportable),
      hide_tag: bit('hide_tag', tag.hide_tag),
      local_only: bit('local_only', tag.local_only),
    });
    this.deps.logChange(auth, 'Tag', tag.id, 'edit', { name, colour });
    return { Tag: tagRecordJson(this.find(String(tag.id))) };
  }

  delete(auth: AuthUser, ref: string | undefined): TagRow {
    if (!auth.role.perms.perm_tag_editor) throw new DomainError('forbidden');
    const tag = this.find(ref);
    this.deps.repo.transaction(() => this.deps.tagRepo.delete(tag.id));
    this.deps.logChange(auth, 'Tag', tag.id, 'delete', { name: tag.name });
    return tag;
  }

  private find(ref: string | undefined): TagRow {
    const text = (ref ?? '').trim();
    const tag = /^\d+$/.test(text)
      ? this.deps.tagRepo.find(Number(text))
      : this.deps.tagRepo.findByName(text);
    if (!tag) throw new DomainError('not-allowed', 'Invalid Tag');
    return tag;
  }
}
