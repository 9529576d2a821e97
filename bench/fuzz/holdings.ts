// What the server process holds for live takes, seen from outside: ffmpegs under its runner processes and files
// in its SPOOL_DIR. Sampled during the run (the peak) and checked at its end, once every take has ended.
import { readdir } from 'node:fs/promises';
import { listProcesses } from '../../server/test/support/processes.js';
import { sleep } from '../speaker.js';

export interface Holdings {
  ffmpegs: number;
  spoolFiles: number;
}

export async function holdings(serverPid: number, spoolDir: string): Promise<Holdings> {
  const all = listProcesses();
  const runners = new Set(all.filter((p) => p.ppid === serverPid && p.command.includes('ffmpeg-runner-process')).map((p) => p.pid));
  const ffmpegs = all.filter((p) => runners.has(p.ppid) && p.name === 'ffmpeg').length;
  return { ffmpegs, spoolFiles: (await readdir(spoolDir).catch(() => [])).length };
}

export class HoldingsWatch {
  peak: Holdings = { ffmpegs: 0, spoolFiles: 0 };
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly serverPid: number,
    private readonly spoolDir: string,
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const now = await holdings(this.serverPid, this.spoolDir);
      this.peak = { ffmpegs: Math.max(this.peak.ffmpegs, now.ffmpegs), spoolFiles: Math.max(this.peak.spoolFiles, now.spoolFiles) };
      await sleep(500);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

/** Polls until the server holds nothing, or the deadline; returns what is left and how long it took. */
export async function settledHoldings(serverPid: number, spoolDir: string, timeoutMs: number): Promise<Holdings & { seconds: number }> {
  const begin = performance.now();
  for (;;) {
    const now = await holdings(serverPid, spoolDir);
    const seconds = Math.round((performance.now() - begin) / 100) / 10;
    if ((now.ffmpegs === 0 && now.spoolFiles === 0) || seconds * 1000 > timeoutMs) return { ...now, seconds };
    await sleep(500);
  }
}
