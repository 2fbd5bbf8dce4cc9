/**
 * Scenario names in pt-BR. The Gherkin is written in English; each scenario carries its pt-BR name
 * as the first line of its description (`pt-BR: …`), next to the English one so that a writer who
 * renames one sees the other. An outline's pt-BR line uses the outline's `<column>` placeholders
 * (or a column of its own for words that need translating, such as `<resultado>`). The pt-BR
 * report reads it; lint-controls refuses a scenario without one.
 */
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listFeatureFiles } from './tag-selection.ts';

export const PT_BR_NAME_LINE = /^\s*pt-BR:\s*(.+?)\s*$/m;

/** `file:line: …` for every scenario without a pt-BR name, or with a placeholder no Examples table has. */
export function untranslatedScenarios(featuresDir: string, cwd = process.cwd()): string[] {
  const problems: string[] = [];
  for (const file of listFeatureFiles(featuresDir)) {
    const uri = relative(cwd, file);
    const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
    const document = parser.parse(readFileSync(file, 'utf8'));
    const children = document.feature?.children ?? [];
    const scenarios = children.flatMap((c) => [
      c.scenario,
      ...(c.rule?.children ?? []).map((r) => r.scenario),
    ]);
    for (const scenario of scenarios) {
      if (!scenario) continue;
      const at = `${uri}:${scenario.location.line}`;
      const name = PT_BR_NAME_LINE.exec(scenario.description)?.[1];
      if (!name) {
        problems.push(`${at}: scenario "${scenario.name}" has no "pt-BR: …" line under its name`);
        continue;
      }
      for (const [, column] of name.matchAll(/<([^<>]+)>/g)) {
        const tables = scenario.examples.filter((e) => e.tableHeader);
        if (tables.length === 0 || tables.some((e) => !e.tableHeader?.cells.some((c) => c.value === column)))
          problems.push(
            `${at}: the pt-BR name uses <${column}>, which is not a column of every Examples table`,
          );
      }
    }
  }
  return problems;
}
