/**
 * `app/tmp/logs/workflow-execution.log`: every logged workflow line is appended as
 * `[Y-m-d H:i:s] Workflow(<trigger>:<id>). <message>`. Kept in memory when the server has no data
 * folder (tests, the embedded lab), so the lines can still be read back.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatExecutionLogFileLine, type WorkflowRecord } from './engine/index.ts';

export class ExecutionLogFile {
  private readonly memory: string[] = [];
  readonly path: string | null;

  constructor(dataDir: string | null) {
    this.path = dataDir ? join(dataDir, 'tmp', 'logs', 'workflow-execution.log') : null;
  }

  append(workflow: WorkflowRecord, message: string, at: Date): void {
    const line = formatExecutionLogFileLine(workflow, message, at);
    if (!this.path) {
      this.memory.push(line);
      return;
    }
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      appendFileSync(this.path, line);
    } catch (error) {
      // A full or read-only disk must not fail the operation that ran the workflow.
      this.memory.push(line);
      console.error(`[misp-server] cannot write ${this.path}: ${(error as Error).message}`);
    }
  }

  /** The file's text (or the in-memory lines). */
  read(): string {
    if (!this.path) return this.memory.join('');
    try {
      return readFileSync(this.path, 'utf8') + this.memory.join('');
    } catch {
      return this.memory.join('');
    }
  }
}
