/**
 * Which logic and action modules are switched on: MISP's Redis set `workflow:modules_enabled`,
 * here the table workflow_modules_enabled (seeded with MISP's defaults by migration 004).
 */
import type { Db } from '../storage/db.ts';

export class ModuleEnableStore {
  constructor(private readonly db: Db) {}

  enabledIds(): Set<string> {
    const rows = this.db.prepare('SELECT module_id FROM workflow_modules_enabled').all() as {
      module_id: string;
    }[];
    return new Set(rows.map((row) => row.module_id));
  }

  setEnabled(moduleId: string, enabled: boolean): void {
    if (enabled) {
      this.db.prepare('INSERT OR IGNORE INTO workflow_modules_enabled (module_id) VALUES (?)').run(moduleId);
    } else {
      this.db.prepare('DELETE FROM workflow_modules_enabled WHERE module_id = ?').run(moduleId);
    }
  }
}
