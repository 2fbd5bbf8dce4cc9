/**
 * Action modules served by misp-modules (MISP's Module_misp_module): the module's own config is
 * translated into params, and execution builds the `/query` request MISP would post. Our handler
 * plays the misp-modules side in-process.
 */
import { extractData, getItemsMatchingCondition } from '../../../engine/conditions.ts';
import type { ActionModule, ExecContext, ParamDef } from '../../../engine/module.ts';
import { getFilters } from '../../../engine/params.ts';
import { phpEmpty, phpToString, type PhpMap } from '../../../engine/php.ts';

/** A param as misp-modules declares it in `moduleconfig.params`. */
export interface MispModuleParam {
  type: 'string' | 'large_string' | 'hash_path' | string;
  description?: string;
  value?: string;
  jinja_supported?: boolean;
}

export interface MispModuleQuery {
  module: string;
  data: PhpMap;
  params: Record<string, unknown>;
  filteredItems?: unknown;
  matchingData?: Record<string, unknown>;
}

export interface MispModuleDefinition {
  /** The misp-modules module name (its file name), e.g. `mattermost`. */
  name: string;
  description: string;
  config: {
    params: Record<string, MispModuleParam>;
    blocking: boolean;
    support_filters: boolean;
    expect_misp_core_format: boolean;
  };
  /** The module's handler; resolves `{data: true}` or `{error}` like misp-modules' `/query`. */
  handler(query: MispModuleQuery, ctx: ExecContext): Promise<{ data?: unknown; error?: string }>;
}

/** CakePHP Inflector::underscore: `CamelCase` → `camel_case`. */
export function inflectorUnderscore(word: string): string {
  return word.replace(/(?<=\w)([A-Z])/g, '_$1').toLowerCase();
}

/** CakePHP Inflector::humanize: `mattermost_hostname` → `Mattermost Hostname`. */
export function inflectorHumanize(word: string): string {
  return word
    .replace(/_/g, ' ')
    .replace(/(^|\s)(\S)/g, (_all, space: string, letter: string) => space + letter.toUpperCase());
}

/** Inflector::slug(Inflector::underscore(name)): what MISP uses as the param id. */
function paramId(name: string): string {
  return inflectorUnderscore(name)
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

function translateParam(name: string, param: MispModuleParam): ParamDef {
  const translated: ParamDef = {
    id: paramId(name),
    label: inflectorHumanize(name),
    placeholder: param.value ?? '',
    type: param.type === 'large_string' ? 'textarea' : 'input',
  };
  if (param.type === 'hash_path') translated._isHashPath = true;
  if (param.jinja_supported !== undefined) translated.jinja_supported = Boolean(param.jinja_supported);
  return translated;
}

export function defineMispModule(definition: MispModuleDefinition): ActionModule {
  const module: ActionModule = {
    module_type: 'action',
    id: inflectorUnderscore(definition.name),
    name: definition.name,
    version: '0.1',
    description: definition.description,
    icon: 'python',
    icon_class: 'fab',
    is_misp_module: true,
    inputs: 1,
    outputs: 1,
    blocking: definition.config.blocking,
    expect_misp_core_format: definition.config.expect_misp_core_format,
    support_filters: definition.config.support_filters,
    params: Object.entries(definition.config.params).map(([name, param]) => translateParam(name, param)),
    async exec(node, roamingData, ctx) {
      const data = roamingData.getData();
      const query: MispModuleQuery = { module: definition.name, data, params: {} };
      if (module.support_filters) {
        const filters = getFilters(node);
        const matches = getItemsMatchingCondition(
          extractData(data, filters.selector),
          filters.value,
          filters.operator,
          filters.path,
        );
        query.filteredItems = phpEmpty(matches) ? data : matches;
      }
      const params = ctx.params(node, data);
      const matchingData: Record<string, unknown> = {};
      for (const param of Object.values(params)) {
        query.params[param.id] = param.value;
        if (param._isHashPath) {
          matchingData[String(param.label)] = phpEmpty(param.value)
            ? data
            : extractData(data, phpToString(param.value));
        }
      }
      if (Object.keys(matchingData).length > 0) query.matchingData = matchingData;
      let answer: { data?: unknown; error?: string };
      try {
        answer = await definition.handler(query, ctx);
      } catch (error) {
        answer = { error: error instanceof Error ? error.message : String(error) };
      }
      if (!phpEmpty(answer.error)) {
        ctx.errors.push(String(answer.error));
        return false;
      }
      return true;
    },
  };
  return module;
}
