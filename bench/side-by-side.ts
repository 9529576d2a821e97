// One load against one target process (emovox or the yardstick), with the CPU of the target and of everything
// under it (ffmpeg runners, ffmpeg, PostgreSQL) over the loaded window; and the emovox / yardstick ratios.
import { runLoad } from './load-process.js';
import { usage, type Usage } from './proc.js';
import { round } from './stats.js';

export interface Target {
  url: string;
  pid: number;
}

/** CPU seconds by process group over a window, and as % of one core. */
export interface CpuTable {
  wallSeconds: number;
  serverCpuS: number;
  runnerCpuS: number;
  ffmpegCpuS: number;
  postgresCpuS: number;
  totalCpuS: number;
  totalCpuPercent: number;
}

export function cpuBetween(before: Usage, after: Usage, wallSeconds: number): CpuTable {
  const s = (a: number, b: number) => round(Math.max(0, b - a), 2)!;
  const table = {
    serverCpuS: s(before.serverCpu, after.serverCpu),
    runnerCpuS: s(before.helperCpu, after.helperCpu),
    ffmpegCpuS: s(before.ffmpegCpu, after.ffmpegCpu),
    postgresCpuS: s(before.postgresCpu, after.postgresCpu),
  };
  const total = table.serverCpuS + table.runnerCpuS + table.ffmpegCpuS + table.postgresCpuS;
  return { wallSeconds: round(wallSeconds, 1)!, ...table, totalCpuS: round(total, 2)!, totalCpuPercent: round((total / wallSeconds) * 100)! };
}

/** Runs `scenario` against `target`; the CPU window opens when the speakers are signed up and ready. */
export async function loadWithCpu<R extends object>(
  target: Target,
  scenario: string,
  config: Record<string, unknown>,
  timeoutMs: number,
  onReady?: () => void,
): Promise<R & { cpu: CpuTable }> {
  let before = usage(target.pid);
  let readyAt = performance.now();
  const result = await runLoad<R>(scenario, { url: target.url, ...config }, {
    timeoutMs,
    onProgress: (event) => {
      if (!event.ready) return;
      before = usage(target.pid);
      readyAt = performance.now();
      onReady?.();
    },
  });
  const cpu = cpuBetween(before, usage(target.pid), (performance.now() - readyAt) / 1000);
  return { ...result, cpu };
}

/** emovox / yardstick for each named figure (null where either is missing or the yardstick's is 0). */
export function ratios(emovox: Record<string, unknown>, yardstick: Record<string, unknown>, keys: string[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const key of keys) {
    const a = emovox[key];
    const b = yardstick[key];
    out[key] = typeof a === 'number' && typeof b === 'number' && b !== 0 ? round(a / b, 2) : null;
  }
  return out;
}
