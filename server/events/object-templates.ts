/**
 * The object templates this server offers on the event page's "Add Object" (MISP keeps the
 * misp-objects library; this server only the file template the workshop needs). Read from a real
 * MISP 2.5.1 (GET /objectTemplates/view/<id>.json, instance 5): name, uuid, version, description,
 * each element's relation, type, ui-priority and disable_correlation. Categories and IDS defaults
 * come from the type, as MISP's form fills them.
 */
import { DESCRIBE_TYPES } from './describe-types.ts';

export interface TemplateElement {
  relation: string;
  type: string;
  uiPriority: number;
  disableCorrelation: boolean;
  /** The categories the template allows; empty: the type's categories. */
  categories: string[];
}

export interface ObjectTemplate {
  id: number;
  uuid: string;
  name: string;
  version: string;
  metaCategory: string;
  description: string;
  elements: TemplateElement[];
}

/** [relation, type, ui-priority, disable_correlation, categories] as MISP's file template has them. */
const FILE_ELEMENTS: Array<[string, string, number, boolean, string[]?]> = [
  ['access-time', 'datetime', 0, false],
  ['attachment', 'attachment', 1, false],
  ['authentihash', 'authentihash', 0, false],
  ['certificate', 'x509-fingerprint-sha1', 0, false],
  ['compilation-timestamp', 'datetime', 0, false],
  ['creation-time', 'datetime', 0, false],
  ['entropy', 'float', 1, true],
  ['file-encoding', 'text', 0, true],
  [
    'filename',
    'filename',
    1,
    true,
    ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  ],
  ['fullpath', 'text', 0, false],
  ['imphash', 'imphash', 0, false],
  ['malware-sample', 'malware-sample', 1, false],
  ['md5', 'md5', 1, false],
  ['mimetype', 'mime-type', 0, true],
  ['modification-time', 'datetime', 0, false],
  ['path', 'text', 0, true],
  [
    'pattern-in-file',
    'pattern-in-file',
    1,
    false,
    ['Artifacts dropped', 'Payload installation', 'External analysis'],
  ],
  ['sha1', 'sha1', 1, false],
  ['sha224', 'sha224', 0, false],
  ['sha256', 'sha256', 1, false],
  ['sha3-224', 'sha3-224', 0, false],
  ['sha3-256', 'sha3-256', 0, false],
  ['sha3-384', 'sha3-384', 0, false],
  ['sha3-512', 'sha3-512', 0, false],
  ['sha384', 'sha384', 0, false],
  ['sha512', 'sha512', 1, false],
  ['sha512/224', 'sha512/224', 0, false],
  ['sha512/256', 'sha512/256', 0, false],
  ['size-in-bytes', 'size-in-bytes', 0, true],
  ['ssdeep', 'ssdeep', 0, false],
  ['state', 'text', 0, true],
  ['telfhash', 'telfhash', 0, false],
  ['text', 'text', 1, true],
  ['tlsh', 'tlsh', 0, false],
  ['vhash', 'vhash', 0, false],
];

export const OBJECT_TEMPLATES: ObjectTemplate[] = [
  {
    id: 1,
    uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
    name: 'file',
    version: '24',
    metaCategory: 'file',
    description: 'File object describing a file with meta-information',
    elements: FILE_ELEMENTS.map(([relation, type, uiPriority, disableCorrelation, categories]) => ({
      relation,
      type,
      uiPriority,
      disableCorrelation,
      categories: categories ?? [],
    })),
  },
];

export function findTemplate(id: string | undefined): ObjectTemplate | undefined {
  return OBJECT_TEMPLATES.find((template) => String(template.id) === id);
}

/** MISP's form order: the template's important elements first, then by relation. */
export function formElements(template: ObjectTemplate): TemplateElement[] {
  return [...template.elements].sort(
    (a, b) => b.uiPriority - a.uiPriority || a.relation.localeCompare(b.relation),
  );
}

/** The category MISP preselects for an element, and the ones it offers. */
export function categoriesOf(element: TemplateElement): { preselected: string; offered: string[] } {
  const defaults = DESCRIBE_TYPES.sane_defaults[element.type];
  const offered =
    element.categories.length > 0
      ? element.categories
      : DESCRIBE_TYPES.categories.filter((c) =>
          DESCRIBE_TYPES.category_type_mappings[c]?.includes(element.type),
        );
  return { preselected: defaults?.default_category ?? offered[0] ?? 'Other', offered };
}

export function defaultToIds(element: TemplateElement): boolean {
  return DESCRIBE_TYPES.sane_defaults[element.type]?.to_ids === 1;
}
