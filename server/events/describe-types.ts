/**
 * MISP's attribute type catalogue (`GET /attributes/describeTypes.json`): types, categories, which
 * types each category allows and each type's default category and to_ids. The data is the
 * `result` a real MISP 2.5.1 answered (server/data/describe-types.json).
 */
import { readFileSync } from 'node:fs';

export interface DescribeTypes {
  sane_defaults: Record<string, { default_category: string; to_ids: number }>;
  types: string[];
  categories: string[];
  category_type_mappings: Record<string, string[]>;
}

export const DESCRIBE_TYPES: DescribeTypes = JSON.parse(
  readFileSync(new URL('../data/describe-types.json', import.meta.url), 'utf8'),
) as DescribeTypes;

const TYPES = new Set(DESCRIBE_TYPES.types);

export function isKnownType(type: string): boolean {
  return TYPES.has(type);
}

export function categoryAllowsType(category: string, type: string): boolean {
  return DESCRIBE_TYPES.category_type_mappings[category]?.includes(type) === true;
}

export function defaultCategory(type: string): string | undefined {
  return DESCRIBE_TYPES.sane_defaults[type]?.default_category;
}

export function defaultToIds(type: string): boolean {
  return DESCRIBE_TYPES.sane_defaults[type]?.to_ids === 1;
}

/** Composite types hold two values joined by '|' (value1|value2). */
export function isCompositeType(type: string): boolean {
  return type.includes('|');
}
