/**
 * The data that travels from node to node (WorkflowRoamingData). Global filters set by
 * "Filter :: Generic" live inside the data (`enabledFilters`, `_unfilteredData`) and are applied
 * on every read (spec §3.8).
 */
import { extractData, getItemsMatchingCondition } from './conditions.ts';
import type { WorkflowNode } from './graph.ts';
import { hashInsert } from './hash-path.ts';
import { isPlainObject, phpCopy, phpEmpty, type PhpMap } from './php.ts';

export { toCoreFormat, type CoreFormatLookups } from './core-format.ts';

export interface FilterOptions {
  selector: string;
  path: string;
  operator: string;
  value: unknown;
}

/** The user a workflow runs as (spec §3.1): SYSTEM with every permission by default. */
export interface WorkflowUser {
  email: string;
  id: number | string;
  org_id: number | string;
  Role?: Record<string, unknown>;
  Organisation?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WorkflowRecord {
  id: number | string;
  name: string;
  trigger_id: string;
  debug_enabled?: boolean | number | string;
  data: import('./graph.ts').WorkflowGraph;
  [key: string]: unknown;
}

/**
 * One filter pass: drop a trailing `.{n}` from the selector, keep the items whose sub-path meets the
 * condition, and write them back at the selector with their original keys.
 */
export function applyFilter(data: PhpMap, filter: FilterOptions): PhpMap {
  const selector = String(filter.selector ?? '').endsWith('.{n}')
    ? String(filter.selector).slice(0, -4)
    : String(filter.selector ?? '');
  const extracted = extractData(data, selector);
  const kept = getItemsMatchingCondition(extracted, filter.value, filter.operator, filter.path);
  return hashInsert(data, selector, kept) as PhpMap;
}

export class RoamingData {
  private data: PhpMap;
  private currentNode: number | string;

  constructor(
    private readonly user: WorkflowUser | null,
    data: PhpMap,
    private readonly workflow: WorkflowRecord,
    currentNode: number | string,
    private readonly triggerNode: WorkflowNode | null,
  ) {
    this.data = phpCopy(data);
    this.currentNode = currentNode;
  }

  getUser(): WorkflowUser | null {
    return this.user;
  }

  /** A copy of the data, with every enabled filter applied in label order. */
  getData(): PhpMap {
    const filters = this.enabledFilters;
    let data = phpCopy(this.data);
    for (const filter of Object.values(filters)) data = applyFilter(data, filter);
    return data;
  }

  /** The stored data without applying filters (what MISP keeps in `$this->data`). */
  getStoredData(): PhpMap {
    return phpCopy(this.data);
  }

  setData(data: PhpMap): void {
    this.data = phpCopy(data);
  }

  get enabledFilters(): Record<string, FilterOptions> {
    const filters = this.data.enabledFilters;
    return !phpEmpty(filters) && isPlainObject(filters) ? (filters as Record<string, FilterOptions>) : {};
  }

  getWorkflow(): WorkflowRecord {
    return this.workflow;
  }

  getCurrentNode(): number | string {
    return this.currentNode;
  }

  setCurrentNode(nodeId: number | string): void {
    this.currentNode = nodeId;
  }

  getTriggerNode(): WorkflowNode | null {
    return this.triggerNode;
  }
}
