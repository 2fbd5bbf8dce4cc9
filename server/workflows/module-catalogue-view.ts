/**
 * Module configs as the pages and REST answers show them: options from this instance's database
 * (tags, galaxy clusters, user emails, organisations), the trigger list with its workflows, and
 * MISP's moduleIndex filters (`type:`, `actiontype:`, `enabled:`).
 */
import type { ServerServices } from '../services.ts';
import { TagRepository } from '../events/tag-repository.ts';
import type { ModuleConfigContext, WorkflowModule } from './engine/index.ts';
import { workflowsOf } from './workflow-system.ts';

type Config = Record<string, unknown>;

export function moduleConfigContext(services: ServerServices): ModuleConfigContext {
  const tags = new TagRepository(services.db).list();
  return {
    tags: tags.filter((tag) => tag.is_galaxy !== 1).map((tag) => tag.name),
    galaxyClusters: tags
      .filter((tag) => tag.is_galaxy === 1)
      .map((tag) => tag.name.replace(/^misp-galaxy:/, '')),
    userEmails: services.users.list().map((user) => user.email),
    organisations: phpMap(services.users.orgs().map((org) => [String(org.id), org.name])),
    // No sharing groups yet: MISP 2.5.1 lists an empty PHP array, which its JSON writes as [].
    sharingGroups: phpMap([]),
  };
}

/** An id → name list as PHP's json_encode writes it: [] when empty, an object otherwise. */
function phpMap(entries: [string, string][]): Record<string, string> {
  return (entries.length === 0 ? [] : Object.fromEntries(entries)) as Record<string, string>;
}

export function moduleConfigs(services: ServerServices, modules: WorkflowModule[]): Config[] {
  const registry = workflowsOf(services).registry();
  const context = moduleConfigContext(services);
  return modules.map((module) => registry.config(module, context));
}

export interface ModuleIndexFilters {
  type?: string;
  actiontype?: string;
  enabled?: string;
}

/** `/workflows/moduleIndex`: actions then logic modules, narrowed by the named parameters. */
export function moduleIndex(services: ServerServices, filters: ModuleIndexFilters): Config[] {
  const registry = workflowsOf(services).registry();
  const type = filters.type ?? 'action';
  let modules = [...registry.list('action'), ...registry.list('logic')];
  if (type === 'action' || type === 'logic')
    modules = modules.filter((module) => module.module_type === type);
  else if (type === 'custom') modules = modules.filter((module) => module.is_custom === true);
  if (filters.actiontype === 'mispmodule')
    modules = modules.filter((module) => module.is_misp_module === true);
  if (filters.actiontype === 'blocking') modules = modules.filter((module) => module.blocking);
  if (filters.enabled === '1' || filters.enabled === '0') {
    const wanted = filters.enabled === '1';
    modules = modules.filter((module) => registry.isDisabled(module) !== wanted);
  }
  return moduleConfigs(services, modules);
}

/** The trigger configs for `/workflows/triggers` with MISP's named filters. */
export function triggerConfigs(
  services: ServerServices,
  filters: { scope?: string; enabled?: string; blocking?: string },
) {
  const system = workflowsOf(services);
  const registry = system.registry();
  let triggers = registry.list('trigger');
  if (filters.scope)
    triggers = triggers.filter((module) => 'scope' in module && module.scope === filters.scope);
  if (filters.enabled === '1' || filters.enabled === '0') {
    triggers = triggers.filter((module) => registry.isDisabled(module) !== (filters.enabled === '1'));
  }
  if (filters.blocking === '1' || filters.blocking === '0') {
    triggers = triggers.filter((module) => module.blocking === (filters.blocking === '1'));
  }
  const configs = moduleConfigs(services, triggers);
  return configs.map((config) => ({
    config,
    enabled: config.disabled === false,
    workflow: system.workflows.findByTrigger(String(config.id)),
  }));
}
