// Capacity ramp: more and more concurrent speakers, up to the target and then until two levels in a row miss
// the bar (p99 ack ≤ 50 ms, nothing lost or failed, every take saved).
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { runLoad } from '../load-process.js';
import { cpuPercent, usage } from '../proc.js';
import { MB } from '../prom.js';
import { Sampler } from '../sampler.js';
import { loadWithCpu, ratios } from '../side-by-side.js';
import { sleep } from '../speaker.js';
import { startYardstick } from '../yardstick-process.js';

export const ACK_P99_BAR_MS = 50;
const CAPACITY_TARGET = 500;

interface CapacityResult {
  speakers: number;
  ackP50: number | null;
  ackP99: number | null;
  chunksLost: number;
  chunksFailed: number;
  takesNotSaved: number;
}

export interface CapacityRow extends CapacityResult, Record<string, unknown> {
  holds: boolean;
}

const YARDSTICK_KEYS = ['ackP50', 'ackP99', 'stopToSavedP50', 'stopToSavedP99', 'takesSaved'] as const;

/** The same level against the yardstick recorder, just before: its figures and emovox / yardstick. */
async function yardstickLevel(config: Record<string, unknown>, timeoutMs: number) {
  const yardstick = await startYardstick();
  try {
    const result = await loadWithCpu<CapacityResult & Record<string, unknown>>(yardstick, 'capacity', config, timeoutMs);
    const picked: Record<string, unknown> = { cpuPercent: result.cpu.totalCpuPercent };
    for (const key of YARDSTICK_KEYS) picked[key] = result[key];
    return picked;
  } finally {
    await yardstick.stop();
  }
}

export async function capacityRamp(server: ServerProcess, options: { levels: number[]; seconds: number; takeSeconds: number }) {
  const rows: CapacityRow[] = [];
  let missesInARow = 0;
  for (const speakers of options.levels) {
    const config = { speakers, seconds: options.seconds, takeSeconds: options.takeSeconds, seed: speakers };
    const timeoutMs = (options.seconds + 240) * 1000;
    const yardstick = await yardstickLevel(config, timeoutMs);
    const sampler = new Sampler(server.url, server.pid);
    let before = usage(server.pid);
    let steadyAt = performance.now();
    const result = await runLoad<CapacityResult & Record<string, unknown>>(
      'capacity',
      { url: server.url, ...config },
      {
        timeoutMs,
        onProgress: (event) => {
          if (!event.ready) return;
          // Measure the steady state only, not the speakers' sign-up.
          before = usage(server.pid);
          steadyAt = performance.now();
          sampler.start(2_000);
        },
      },
    );
    sampler.stop();
    const after = usage(server.pid);
    const cpu = cpuPercent(before, after, (performance.now() - steadyAt) / 1000);
    const holds =
      result.ackP99 !== null && result.ackP99 <= ACK_P99_BAR_MS && result.chunksLost === 0 && result.chunksFailed === 0 && result.takesNotSaved === 0;
    const row: CapacityRow = {
      ...result,
      serverCpuPercent: cpu.server,
      runnerCpuPercent: cpu.runner,
      ffmpegCpuPercent: cpu.ffmpeg,
      postgresCpuPercent: cpu.postgres,
      serverRssMb: Math.round(sampler.max((s) => s.usage.serverRss)! / MB),
      ffmpegProcessesMax: sampler.max((s) => s.usage.ffmpegCount),
      eventLoopP99Ms: sampler.max((s) => s.lagP99Ms),
      eventLoopMaxMs: sampler.max((s) => s.lagMaxMs),
      holds,
      yardstick,
      yardstickRatio: ratios(
        { ...result, cpuPercent: cpu.server + cpu.runner + cpu.ffmpeg + cpu.postgres },
        yardstick,
        [...YARDSTICK_KEYS.filter((key) => key !== 'takesSaved'), 'cpuPercent'],
      ),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    missesInARow = holds ? 0 : missesInARow + 1;
    // Every level up to the 500-speaker target is measured; past it, two misses in a row end the ramp.
    if (missesInARow >= 2 && speakers >= CAPACITY_TARGET) break;
    await sleep(3_000); // let the last finalizes and disconnects settle
  }
  const held = rows.filter((row) => row.holds).map((row) => row.speakers);
  return { rows, highestHolding: held.length > 0 ? Math.max(...held) : null };
}
