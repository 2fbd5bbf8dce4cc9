/**
 * Which controls the feature files cover: the rules of `npm run lint` (no unknown @control id,
 * no control without a scenario unless it is planned) and the scenario counts `misp-lab
 * controls` prints.
 */
import { controlIdOfTag, type Catalogue } from './catalogue.ts';
import type { PickleInfo } from './tag-selection.ts';

export interface Coverage {
  /** Control id → scenarios carrying it. */
  scenarios: Map<string, PickleInfo[]>;
  errors: string[];
  warnings: string[];
}

export function controlCoverage(catalogue: Catalogue, pickles: PickleInfo[]): Coverage {
  const known = new Set(catalogue.controls.map((c) => c.id));
  const scenarios = new Map<string, PickleInfo[]>(catalogue.controls.map((c) => [c.id, []]));
  const errors: string[] = [];
  const warnings: string[] = [];
  const reported = new Set<string>();
  for (const pickle of pickles) {
    for (const id of pickle.tags.map(controlIdOfTag).filter((x): x is string => !!x)) {
      if (known.has(id)) {
        scenarios.get(id)!.push(pickle);
      } else if (!reported.has(`${pickle.uri}:${id}`)) {
        reported.add(`${pickle.uri}:${id}`);
        errors.push(
          `${pickle.uri}:${pickle.line}: unknown control @control:${id} (not in fixtures/controls/catalogue.json)`,
        );
      }
    }
  }
  for (const control of catalogue.controls) {
    if (scenarios.get(control.id)!.length > 0) continue;
    if (control.planned) warnings.push(`${control.id} is planned and has no scenario yet`);
    else
      errors.push(
        `${control.id} has no scenario (tag one with @control:${control.id}, or mark it "planned": true)`,
      );
  }
  return { scenarios, errors, warnings };
}
