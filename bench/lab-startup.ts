/**
 * How fast a trainer gets a lab: spawn `misp-lab up --json`, time until the contract line
 * appears (process start, TypeScript load, three services, chat bootstrap), read the peak
 * resident memory from /proc, stop it. Also the in-process start alone.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedLab } from '../lab/targets/embedded.ts';

const BIN = join(import.meta.dirname, '../bin/misp-lab.mjs');

export async function measureCliStartup(): Promise<{ readyMs: number; peakRssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'up', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`misp-lab up exited with ${code} before it was ready`)));
  });
  const readyMs = performance.now() - started;
  JSON.parse(first);
  const peakRssMb = peakRss(child.pid as number);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, peakRssMb };
}

export async function measureInProcessStartup(): Promise<{ readyMs: number }> {
  const started = performance.now();
  const lab = await startEmbeddedLab();
  const readyMs = performance.now() - started;
  await lab.stop();
  return { readyMs };
}

/** VmHWM: the high-water mark of resident memory, in MB (Linux only; 0 elsewhere). */
function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
