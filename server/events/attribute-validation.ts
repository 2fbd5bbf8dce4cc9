/**
 * Turns an attribute as a client sends it (PyMISP's flat dict, ints possibly as strings) into a
 * row, or into MISP's validation errors: `{field: [message]}` as MispAttribute's rules answer.
 */
import { randomUUID } from 'node:crypto';
import { isUuid, type NewAttribute } from './event-repository.ts';
import {
  categoryAllowsType,
  defaultCategory,
  defaultToIds,
  isCompositeType,
  isKnownType,
} from './describe-types.ts';
import { checkValue, normaliseValue } from './value-rules.ts';
import { seenTime } from './seen-time.ts';

export type ValidationErrors = Record<string, string[]>;
export type Input = Record<string, unknown>;

export const GENERIC_VALUE_ERROR =
  'Value not in the right type/format. Please double check the value or select type "other".';
const CATEGORY_ERROR = 'Options depend on the selected category.';
const ATTRIBUTE_DISTRIBUTION_ERROR =
  'Options: Your organisation only, This community only, Connected communities, All communities, Sharing group, Inherit event';

export interface AttributeContext {
  eventId: number;
  objectId: number;
  now: number;
  /** Inside an object the relation names the attribute's role (filename, creation-time, …). */
  inObject: boolean;
  uuidTaken: (uuid: string) => boolean;
}

export type AttributeBuild = { ok: true; row: NewAttribute } | { ok: false; errors: ValidationErrors };

export function buildAttribute(input: Input, context: AttributeContext): AttributeBuild {
  const errors: ValidationErrors = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);

  const type = typeof input.type === 'string' ? input.type.trim() : '';
  const typeKnown = isKnownType(type);
  if (!typeKnown) fail('type', CATEGORY_ERROR);

  const category =
    typeof input.category === 'string' && input.category.trim() !== ''
      ? input.category.trim()
      : (defaultCategory(type) ?? '');
  if (typeKnown && !categoryAllowsType(category, type)) fail('category', CATEGORY_ERROR);

  let value1 = '';
  let value2 = '';
  const raw = typeof input.value === 'number' ? String(input.value) : input.value;
  if (typeof raw !== 'string' || raw.trim() === '') {
    fail('value', 'stringNotEmpty');
  } else if (typeKnown) {
    const value = normaliseValue(type, raw);
    const composite = isCompositeType(type);
    if (composite && value.split('|').length !== 2) {
      fail('value', 'Composite type found but the value not in the composite (value1|value2) format.');
    } else {
      const verdict = checkValue(type, value);
      if (verdict !== true) fail('value', verdict === false ? GENERIC_VALUE_ERROR : verdict);
      [value1 = '', value2 = ''] = composite ? value.split('|') : [value, ''];
    }
  }

  const distribution = integer(input.distribution, 5);
  if (distribution === null || distribution < 0 || distribution > 5)
    fail('distribution', ATTRIBUTE_DISTRIBUTION_ERROR);

  let uuid: string = randomUUID();
  if (input.uuid !== undefined && input.uuid !== null && input.uuid !== '') {
    if (typeof input.uuid !== 'string' || !isUuid(input.uuid))
      fail('uuid', 'Please provide a valid RFC 4122 UUID');
    else if (context.uuidTaken(input.uuid.toLowerCase())) fail('uuid', 'The UUID provided is not unique');
    else uuid = input.uuid.toLowerCase();
  }

  const relation = typeof input.object_relation === 'string' ? input.object_relation.trim() : '';
  if (context.inObject && relation === '') fail('object_relation', 'valueNotEmpty');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    row: {
      uuid,
      event_id: context.eventId,
      object_id: context.objectId,
      object_relation: context.inObject ? relation : null,
      type,
      category,
      value1,
      value2,
      to_ids: flag(input.to_ids, defaultToIds(type)) ? 1 : 0,
      timestamp: context.now,
      distribution: distribution ?? 5,
      sharing_group_id: distribution === 4 ? (integer(input.sharing_group_id, 0) ?? 0) : 0,
      comment: typeof input.comment === 'string' ? input.comment : '',
      deleted: 0,
      disable_correlation: flag(input.disable_correlation, false) ? 1 : 0,
      first_seen: seenTime(input.first_seen),
      last_seen: seenTime(input.last_seen),
    },
  };
}

/** PyMISP sends ints as strings; null means "present but not an integer". */
export function integer(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

/** MISP's tinyint flags arrive as booleans, 0/1 or their strings. */
export function flag(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return fallback;
}
