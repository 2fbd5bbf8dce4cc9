/**
 * Host networking for the lab's containers, and a wait strategy that works with it.
 *
 * Why host networking: scenarios hand MISP the same mail and chat URLs the harness uses (as on a
 * real deployment, where one URL works from everywhere). With published ports the MISP container
 * would reach 127.0.0.1:<mapped port> of itself, not the chat server. On the host network every
 * service listens on 127.0.0.1:<free port> and all URLs agree, exactly as on the embedded target.
 */
import { createServer } from 'node:net';
import type Dockerode from 'dockerode';
import type { BoundPorts, WaitStrategy } from 'testcontainers';

/** A port free on 127.0.0.1 right now (the OS picks it; a container binds it moments later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Ready when GET <url> answers 2xx. Fails at once, with the container's last log lines, when
 * the container exits first, instead of waiting out the whole timeout.
 */
export class HttpUrlWaitStrategy implements WaitStrategy {
  private timeoutMs = 120_000;
  private timeoutSet = false;

  constructor(private readonly url: string) {}

  withStartupTimeout(startupTimeoutMs: number): this {
    this.timeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }

  async waitUntilReady(container: Dockerode.Container, _ports: BoundPorts): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      try {
        const answer = await fetch(this.url, { signal: AbortSignal.timeout(2_000) });
        if (answer.ok) return;
        last = `HTTP ${answer.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      const state = (await container.inspect()).State;
      if (!state.Running) {
        const logs = await container.logs({ stdout: true, stderr: true, tail: 40 }).catch(() => '');
        const tail = crashLine(String(logs));
        throw new Error(`container exited (code ${state.ExitCode}) before ${this.url} answered: ${tail}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`${this.url} did not answer within ${this.timeoutMs} ms (last: ${last})`);
  }
}

/**
 * The line of a crashed container's log that says why: Node ends a crash with its version line,
 * so the last line alone ("Node.js v20.20.2") tells nothing; the first error line does.
 */
export function crashLine(logs: string): string {
  const lines = logs
    .replace(/[^\x20-\x7e\n]/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  for (const line of lines) {
    // "Error [ERR_MODULE_NOT_FOUND]: …", "TypeError: …"; the engine's stream header may precede it.
    const match = /\b[A-Z]?\w*Error(?: \[\w+\])?: .*/.exec(line);
    if (match) return match[0];
  }
  return lines.pop() ?? '';
}
