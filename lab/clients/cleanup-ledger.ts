/**
 * What a scenario changed on the target, as data, so it can be undone after the scenario, and
 * (when the ledger is written to a file) after a crash by `misp-lab cleanup`. Undo uses MISP's
 * public REST API, and its console for the settings only the console may change.
 */
import { appendFileSync } from 'node:fs';
import type { MispConsole } from './misp-console.ts';
import type { MispClient } from './misp-client.ts';

export type LedgerEntry =
  /** `via: 'console'` for settings MISP lets only its console change (HTTP answers 405). */
  | { kind: 'setting'; name: string; previous: unknown; via?: 'console' }
  | { kind: 'user'; id: string; email: string }
  | { kind: 'role'; id: string; name: string }
  | { kind: 'event'; id: string }
  | { kind: 'workflow'; id: string; previousData: string; name: string; description: string }
  | { kind: 'module'; id: string; wasEnabled: boolean; isTrigger: boolean };

export class CleanupLedger {
  private readonly entries: LedgerEntry[] = [];

  constructor(private readonly file?: string) {}

  record(entry: LedgerEntry): void {
    // The first recorded value of a setting is the one to restore.
    if (entry.kind === 'setting' && this.entries.some((e) => e.kind === 'setting' && e.name === entry.name))
      return;
    this.entries.push(entry);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Undoes everything, newest first; returns the problems instead of throwing half-way. */
  async undo(admin: MispClient, console?: MispConsole): Promise<string[]> {
    const problems: string[] = [];
    for (const entry of this.entries.splice(0).reverse()) {
      try {
        await undoEntry(admin, entry, console);
      } catch (error) {
        problems.push(
          `${entry.kind} ${'name' in entry ? entry.name : 'id' in entry ? entry.id : ''}: ${(error as Error).message}`,
        );
      }
    }
    return problems;
  }
}

export async function undoEntry(admin: MispClient, entry: LedgerEntry, console?: MispConsole): Promise<void> {
  const expectOk = (status: number, what: string) => {
    if (status >= 400 && status !== 404) throw new Error(`${what} answered HTTP ${status}`);
  };
  switch (entry.kind) {
    case 'setting': {
      if (entry.via === 'console') {
        if (!console) throw new Error(`restoring ${entry.name} needs MISP's console (MISP_CONSOLE)`);
        await console.setSetting(entry.name, entry.previous);
        return;
      }
      expectOk((await admin.setServerSetting(entry.name, entry.previous)).status, `restoring ${entry.name}`);
      return;
    }
    case 'user':
      expectOk((await admin.deleteUser(entry.id)).status, `deleting user ${entry.email}`);
      return;
    case 'role':
      expectOk((await admin.deleteRole(entry.id)).status, `deleting role ${entry.name}`);
      return;
    case 'event':
      expectOk((await admin.deleteEvent(entry.id)).status, `deleting event ${entry.id}`);
      return;
    case 'workflow': {
      const workflow = { name: entry.name, description: entry.description, data: entry.previousData };
      expectOk((await admin.editWorkflow(entry.id, workflow)).status, `restoring workflow ${entry.id}`);
      return;
    }
    case 'module': {
      const answer = await admin.toggleWorkflowModule(entry.id, entry.wasEnabled, entry.isTrigger);
      expectOk(answer.status, `restoring module ${entry.id}`);
      return;
    }
  }
}
