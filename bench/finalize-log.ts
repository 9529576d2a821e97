// The server's own account of a burst's finalizes, read from its JSON log lines: how long finalize took on
// each path ('take finalized', info) and, at LOG_LEVEL=debug, the median of each step ('finalize timings').
import { percentile, round } from './stats.js';

interface Line {
  time?: string;
  msg?: string;
  path?: string;
  ms?: number;
  timings?: Record<string, number>;
}

export function finalizeFromLogs(logs: string[], since: Date) {
  const lines: Line[] = [];
  for (const text of logs) {
    if (!text.includes('finaliz')) continue;
    try {
      const line = JSON.parse(text) as Line;
      if (line.time && new Date(line.time) >= since) lines.push(line);
    } catch {
      // not a log line
    }
  }
  const byPath: Record<string, { count: number; p50Ms: number | null; p99Ms: number | null }> = {};
  const finalized = lines.filter((l) => l.msg === 'take finalized' && typeof l.ms === 'number');
  for (const path of new Set(finalized.map((l) => l.path ?? 'unknown'))) {
    const ms = finalized.filter((l) => (l.path ?? 'unknown') === path).map((l) => l.ms!);
    byPath[path] = { count: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
  }
  const steps: Record<string, number | null> = {};
  const timed = lines.filter((l) => l.msg === 'finalize timings' && l.timings);
  for (const step of new Set(timed.flatMap((l) => Object.keys(l.timings!)))) {
    steps[step] = round(percentile(timed.map((l) => l.timings![step]).filter((v): v is number => v !== undefined), 50));
  }
  return { byPath, stepP50Ms: steps };
}
