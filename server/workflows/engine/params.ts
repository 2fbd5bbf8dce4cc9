/**
 * Reading a node's saved params and per-module filters (WorkflowBaseModule::getParamsWithValues,
 * getFilters, filtersEnabled, getMatchingItemsForAttributes).
 */
import { extractData, getItemsMatchingCondition } from './conditions.ts';
import type { WorkflowNode } from './graph.ts';
import { hashExtract } from './hash-path.ts';
import type { IndexedParams, WorkflowModule } from './module.ts';
import { isPlainObject, phpLooseEquals, phpToString, type PhpArray, type PhpMap } from './php.ts';

/**
 * Each param gets `value` = saved value, else its default, else ''. A saved non-empty value of a
 * Jinja param is rendered over the data; a default is never rendered (spec §3.6).
 */
export function getParamsWithValues(
  module: Pick<WorkflowModule, 'params'>,
  node: WorkflowNode,
  data: PhpMap,
  render: (template: string, data: unknown) => string,
): IndexedParams {
  const saved = isPlainObject(node.data?.indexed_params) ? node.data.indexed_params : {};
  const indexed: IndexedParams = {};
  for (const param of module.params) {
    const savedValue = saved[param.id] ?? null;
    let value: unknown = savedValue ?? param.default ?? '';
    const isText = typeof savedValue === 'string' || typeof savedValue === 'number';
    if (param.jinja_supported && isText && phpToString(savedValue).length > 0) {
      value = render(phpToString(savedValue), data);
    }
    indexed[param.id] = { ...param, value };
  }
  return indexed;
}

export interface NodeFilters {
  selector: string;
  value: unknown;
  operator: string;
  path: string;
}

/** The node's `saved_filters`; the list form of a module config counts as empty. */
export function getFilters(node: WorkflowNode): NodeFilters {
  const saved = isPlainObject(node.data?.saved_filters) ? (node.data.saved_filters as PhpMap) : {};
  return {
    selector: (saved.selector as string) ?? '',
    value: saved.value ?? '',
    operator: (saved.operator as string) ?? '',
    path: (saved.path as string) ?? '',
  };
}

export function filtersEnabled(node: WorkflowNode): boolean {
  return Object.values(getFilters(node)).some((value) => !phpLooseEquals(value, ''));
}

/**
 * The attributes an attribute-editing module acts on: the saved filter's matches, or every
 * `Event._AttributeFlattened` entry when no filter is set.
 */
export function getMatchingItemsForAttributes(node: WorkflowNode, data: PhpMap): PhpArray {
  if (filtersEnabled(node)) {
    const filters = getFilters(node);
    const extracted = extractData(data, filters.selector);
    return getItemsMatchingCondition(extracted, filters.value, filters.operator, filters.path);
  }
  return hashExtract(data, 'Event._AttributeFlattened.{n}');
}
