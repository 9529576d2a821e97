// Real processes, read from Linux /proc: which ffmpegs and runners exist, and whose they are.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Arguments joined by spaces. */
  command: string;
  /** The executable's file name. */
  name: string;
  /** Environment, when readable (our own user's processes). */
  env: Map<string, string>;
}

function read(pid: string): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null; // a zombie has already ended
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const command = args.join(' ');
    const env = new Map<string, string>();
    try {
      for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
        const at = entry.indexOf('=');
        if (at > 0) env.set(entry.slice(0, at), entry.slice(at + 1));
      }
    } catch {
      // another user's process: no environment
    }
    return { pid: Number(pid), ppid, command, name: (args[0] ?? '').split('/').pop() ?? '', env };
  } catch {
    return null; // it ended while we looked
  }
}

export function listProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(read)
    .filter((p): p is ProcessInfo => p !== null);
}

/** ffmpegs whose command line names this directory (a live take's WAV goes to SPOOL_DIR). */
export function ffmpegsWriting(dir: string): ProcessInfo[] {
  return listProcesses().filter((p) => p.name === 'ffmpeg' && p.command.includes(dir));
}

/** Polls until the check passes or the deadline (generous: only a broken build should reach it). */
export async function eventually<T>(check: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
