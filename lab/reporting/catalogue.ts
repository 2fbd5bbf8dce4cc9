/**
 * The control catalogue (fixtures/controls/catalogue.json): what each @control:<id> tag means,
 * how bad its failure is, and which standards it answers to. Loaded strictly: a broken catalogue
 * would silently change every verdict, so any problem is one clear error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CATALOGUE = fileURLToPath(
  new URL('../../fixtures/controls/catalogue.json', import.meta.url),
);

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const AREAS = ['auth', 'workflows', 'notifications', 'posture', 'lab'] as const;
export type Area = (typeof AREAS)[number];
export type ControlKind = 'control' | 'informational finding';

export interface Control {
  id: string;
  title: string;
  titlePtBr?: string;
  rationale: string;
  rationalePtBr?: string;
  /** What to set, where in MISP's UI, which console line; in both languages. */
  remediation?: string;
  remediationPtBr?: string;
  area: Area;
  kind: ControlKind;
  severity: Severity;
  impact: number;
  planned?: boolean;
  /** Framework key (see Catalogue.frameworks) → references, e.g. {"nist-800-53": ["AC-7"]}. */
  mappings: Record<string, string[]>;
}

export interface Catalogue {
  version: number;
  frameworks: Record<string, string>;
  controls: Control[];
}

export class CatalogueError extends Error {}

/** Impact range [from, to) of each severity, as Chef InSpec maps them. */
const IMPACT_RANGE: Record<Severity, [number, number]> = {
  critical: [0.9, 1],
  high: [0.7, 0.9],
  medium: [0.4, 0.7],
  low: [0.01, 0.4],
  info: [0, 0.01],
};

export function loadCatalogue(path: string = DEFAULT_CATALOGUE): Catalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`cannot read the control catalogue ${path}: ${(error as Error).message}`);
  }
  const problems = validateCatalogue(raw);
  if (problems.length > 0)
    throw new CatalogueError(`invalid control catalogue ${path}:\n  ${problems.join('\n  ')}`);
  return raw as Catalogue;
}

export function validateCatalogue(raw: unknown): string[] {
  const problems: string[] = [];
  const root = raw as Partial<Catalogue> | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.controls))
    return ['the file must be an object with a "controls" array'];
  const frameworks = root.frameworks ?? {};
  const seen = new Set<string>();
  root.controls.forEach((c: Partial<Control>, index) => {
    const where = `controls[${index}]${typeof c?.id === 'string' ? ` (${c.id})` : ''}`;
    if (typeof c?.id !== 'string' || !/^[A-Z]+(-[A-Z]+)*-\d{3}$/.test(c.id))
      problems.push(`${where}: "id" must look like MISP-AUTH-001`);
    else if (seen.has(c.id)) problems.push(`${where}: duplicate id`);
    else seen.add(c.id);
    for (const field of ['title', 'rationale'] as const)
      if (typeof c?.[field] !== 'string' || c[field] === '')
        problems.push(`${where}: "${field}" is required`);
    for (const field of ['titlePtBr', 'rationalePtBr', 'remediation', 'remediationPtBr'] as const)
      if (c?.[field] !== undefined && (typeof c[field] !== 'string' || c[field] === ''))
        problems.push(`${where}: "${field}" must be a text`);
    if (!AREAS.includes(c?.area as Area))
      problems.push(`${where}: "area" must be one of ${AREAS.join(', ')}`);
    if (c?.kind !== 'control' && c?.kind !== 'informational finding')
      problems.push(`${where}: "kind" must be "control" or "informational finding"`);
    if (!SEVERITIES.includes(c?.severity as Severity))
      problems.push(`${where}: "severity" must be one of ${SEVERITIES.join(', ')}`);
    else if (typeof c.impact !== 'number' || c.impact < 0 || c.impact > 1)
      problems.push(`${where}: "impact" must be a number from 0.0 to 1.0`);
    else if (!impactFits(c.severity as Severity, c.impact))
      problems.push(`${where}: impact ${c.impact} does not fit severity ${c.severity}`);
    if (c?.planned !== undefined && typeof c.planned !== 'boolean')
      problems.push(`${where}: "planned" must be true or false`);
    if (!c?.mappings || typeof c.mappings !== 'object') problems.push(`${where}: "mappings" is required`);
    else
      for (const [framework, refs] of Object.entries(c.mappings)) {
        if (!(framework in frameworks)) problems.push(`${where}: unknown framework "${framework}"`);
        if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string'))
          problems.push(`${where}: mappings.${framework} must be a list of strings`);
      }
  });
  return problems;
}

function impactFits(severity: Severity, impact: number): boolean {
  const [low, high] = IMPACT_RANGE[severity];
  return impact >= low && (impact < high || (severity === 'critical' && impact <= 1));
}

export function controlById(catalogue: Catalogue): Map<string, Control> {
  return new Map(catalogue.controls.map((c) => [c.id, c]));
}

/** "@control:MISP-AUTH-001" → "MISP-AUTH-001"; other tags → undefined. */
export function controlIdOfTag(tag: string): string | undefined {
  return /^@control:(.+)$/.exec(tag)?.[1];
}
