// No process of a test run may outlive it: runners, ffmpegs, server processes, embedded PostgreSQL, browsers.
// The run marks its environment (inherited by every process its tests start) and, at its end, looks for that mark.
import { randomUUID } from 'node:crypto';
import { eventually, listProcesses, type ProcessInfo } from './processes.js';

export const RUN_MARK = 'EMOVOX_TEST_RUN';

/** Marks this process's environment: every process started from here on carries the mark. */
export function markTestRun(): string {
  const id = randomUUID();
  process.env[RUN_MARK] = id;
  return id;
}

/**
 * Processes carrying this run's mark, except vitest's own: this process, its workers (which vitest ends) and the
 * esbuild services that vite keeps under them for the run's life.
 */
function leftovers(id: string): ProcessInfo[] {
  const all = listProcesses().filter((p) => p.env.get(RUN_MARK) === id || p.pid === process.pid);
  const vitest = new Set(all.filter((p) => p.pid === process.pid || p.command.includes('vitest')).map((p) => p.pid));
  return all.filter((p) => !vitest.has(p.pid) && !(p.name === 'esbuild' && vitest.has(p.ppid)));
}

/** Waits for processes still on their way out, then throws with the list of those left behind. */
export async function expectNoLeftovers(id: string, graceMs = 15_000): Promise<void> {
  const left = await eventually(() => leftovers(id), (list) => list.length === 0, graceMs);
  if (left.length === 0) return;
  const lines = left.map((p) => `  pid ${p.pid} (parent ${p.ppid}): ${p.command.slice(0, 300)}`);
  throw new Error(`the test run left ${left.length} process(es) running:\n${lines.join('\n')}`);
}
