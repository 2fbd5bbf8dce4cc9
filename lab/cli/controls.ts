/**
 * `misp-lab controls [--tags EXPR] [--json]`: the control catalogue with the number of scenarios
 * checking each control; with --tags, a dry run of the selection: which scenarios and which
 * controls a `misp-lab check --tags EXPR` would run (nothing is started).
 */
import { PACKAGE_ROOT } from '../package-root.ts';
import { controlIdOfTag, loadCatalogue, type Control } from '../reporting/catalogue.ts';
import { controlCoverage } from '../reporting/control-coverage.ts';
import { readPickles, selectByTags } from '../reporting/tag-selection.ts';

const SHORT: Record<string, string> = {
  'nist-800-53': '800-53',
  'nist-800-63b': '800-63B',
  'iso-27001': 'ISO',
  'cis-v8': 'CIS',
  'owasp-asvs': 'ASVS',
};

export function controls(options: { tags?: string; json: boolean; featuresDir?: string }): number {
  const catalogue = loadCatalogue();
  const all = readPickles(
    options.featuresDir ?? 'features',
    options.featuresDir ? process.cwd() : PACKAGE_ROOT,
  );
  const selected = selectByTags(all, options.tags);
  const coverage = controlCoverage(catalogue, selected);
  const rows = catalogue.controls.map((c) => ({
    ...c,
    scenarios: coverage.scenarios.get(c.id)?.length ?? 0,
  }));
  if (options.json) {
    const scenarios = options.tags ? selected.map((p) => ({ ...p, controls: idsOf(p.tags) })) : undefined;
    process.stdout.write(
      `${JSON.stringify({ tags: options.tags ?? null, controls: rows, scenarios }, null, 2)}\n`,
    );
    return 0;
  }
  const out: string[] = [];
  if (options.tags) {
    out.push(
      `Selection "${options.tags}": ${selected.length} of ${all.length} scenarios (dry run, nothing started)`,
      '',
    );
    for (const p of selected) out.push(`  ${p.uri}:${p.line}  ${p.name}  ${idsOf(p.tags).join(' ')}`);
    out.push('', 'Controls that would run:');
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const row of rows) {
    if (options.tags && row.scenarios === 0) continue;
    const marks = `${row.kind === 'informational finding' ? ' [finding]' : ''}${row.planned ? ' [planned]' : ''}`;
    out.push(
      `  ${row.id.padEnd(width)}  ${row.severity.padEnd(8)}  ${String(row.scenarios).padStart(2)} scen.  ${row.title}${marks}`,
    );
    const mappings = mappingLine(row);
    if (mappings) out.push(`  ${' '.repeat(width)}  ${mappings}`);
  }
  if (options.tags) {
    const skipped = rows.filter((r) => r.scenarios === 0).map((r) => r.id);
    out.push('', `Not selected (${skipped.length}): ${skipped.join(' ') || 'none'}`);
  } else {
    out.push('', `${rows.length} controls; ${all.length} scenarios in features/`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function idsOf(tags: string[]): string[] {
  return tags.map(controlIdOfTag).filter((x): x is string => !!x);
}

function mappingLine(control: Control): string {
  return Object.entries(control.mappings)
    .filter(([, refs]) => refs.length > 0)
    .map(([fw, refs]) => `${SHORT[fw] ?? fw}: ${refs.join(', ')}`)
    .join(' · ');
}
