/**
 * Which scenarios a tag expression selects, without running anything: feature files are
 * compiled to pickles with Cucumber's own Gherkin parser (so feature-level and example tags
 * are inherited exactly as at run time) and filtered with Cucumber's tag-expression parser.
 */
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import parseTagExpression from '@cucumber/tag-expressions';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface PickleInfo {
  name: string;
  uri: string;
  line: number;
  tags: string[];
}

export class FeatureParseError extends Error {}

export function listFeatureFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFeatureFiles(path);
    return name.endsWith('.feature') ? [path] : [];
  });
}

/** Every scenario (pickle) of the feature files under `featuresDir`, with its tags. */
export function readPickles(featuresDir: string, cwd = process.cwd()): PickleInfo[] {
  const newId = IdGenerator.incrementing();
  return listFeatureFiles(featuresDir).flatMap((file) => {
    const uri = relative(cwd, file);
    const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
    try {
      const document = parser.parse(readFileSync(file, 'utf8'));
      return compile({ ...document, uri }, uri, newId).map((p) => ({
        name: p.name,
        uri,
        line: lineOf(document, p.astNodeIds[0]),
        tags: p.tags.map((t) => t.name),
      }));
    } catch (error) {
      throw new FeatureParseError(`${uri}: ${(error as Error).message.split('\n')[0]}`);
    }
  });
}

function lineOf(document: ReturnType<Parser<unknown>['parse']>, astNodeId: string | undefined): number {
  for (const child of document.feature?.children ?? []) {
    const scenarios = [child.scenario, ...(child.rule?.children ?? []).map((c) => c.scenario)];
    for (const s of scenarios) if (s && s.id === astNodeId) return s.location.line;
  }
  return 0;
}

/** Filters pickles by a Cucumber tag expression; a bad expression is a clear error. */
export function selectByTags(pickles: PickleInfo[], expression: string | undefined): PickleInfo[] {
  if (!expression) return pickles;
  let node: ReturnType<typeof parseTagExpression>;
  try {
    node = parseTagExpression(expression);
  } catch (error) {
    throw new FeatureParseError(`invalid tag expression "${expression}": ${(error as Error).message}`);
  }
  return pickles.filter((p) => node.evaluate(p.tags));
}
