// Burst: N speakers start within the same 300 ms, stream ~9 s of real Opus at real-time pace and stop together;
// at each N the yardstick (bench/yardstick.ts) takes the same burst first, then emovox, in the same run.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { finalizeFromLogs } from '../finalize-log.js';
import { scrape, shareWithin, total } from '../prom.js';
import { Sampler } from '../sampler.js';
import { loadWithCpu, ratios, type CpuTable } from '../side-by-side.js';
import { sleep } from '../speaker.js';
import { startYardstick } from '../yardstick-process.js';
import { untilNoneFinalizing } from './length.js';

export interface BurstOptions {
  levels: number[];
  takeSeconds: number;
  windowMs: number;
}

interface BurstResult extends Record<string, unknown> {
  speakers: number;
  takesSaved: number;
  takesNotSaved: number;
  chunksLost: number;
  chunksFailed: number;
  ackP50: number | null;
  ackP99: number | null;
  stopToSavedP50: number | null;
  stopToSavedP99: number | null;
  cpu: CpuTable;
}

export const BURST_RATIO_KEYS = ['ackP50', 'ackP99', 'stopToSavedP50', 'stopToSavedP99', 'serverCpuS', 'ffmpegCpuS', 'totalCpuS'];

/** One level of figures: the CPU table beside the latencies. */
function flat(result: BurstResult): Record<string, unknown> {
  const { cpu, ...rest } = result;
  return { ...rest, ...cpu };
}

async function burstOn(target: { url: string; pid: number }, speakers: number, options: BurstOptions, onReady?: () => void) {
  const config = { speakers, takeSeconds: options.takeSeconds, windowMs: options.windowMs, seed: speakers };
  return loadWithCpu<BurstResult>(target, 'burst', config, (options.takeSeconds + 300) * 1000, onReady);
}

export async function burstSideBySide(server: ServerProcess, options: BurstOptions) {
  const rows = [];
  for (const speakers of options.levels) {
    const yardstick = await startYardstick();
    let reference: BurstResult;
    try {
      reference = await burstOn(yardstick, speakers, options);
    } finally {
      await yardstick.stop();
    }
    console.log(JSON.stringify({ yardstick: flat(reference) }));

    await untilNoneFinalizing(server.url, 120_000);
    const before = await scrape(server.url);
    const sampler = new Sampler(server.url, server.pid);
    const since = new Date();
    const emovox = await burstOn(server, speakers, options, () => sampler.start(500));
    sampler.stop();
    const after = await scrape(server.url);
    const finalized = (path: string) => total(after, 'emovox_finalize_seconds_count', `path="${path}"`) - total(before, 'emovox_finalize_seconds_count', `path="${path}"`);
    const row = {
      speakers,
      yardstick: flat(reference),
      emovox: {
        ...flat(emovox),
        finalizePaths: `${finalized('live')} / ${finalized('batch')}`,
        // The goal's 50 ms measured inside the server (take:chunk received → ack sent), to tell its share of the
        // acks' time from the wire's and the load generator's.
        serverAcksWithin50MsPct: shareWithin(before, after, 'emovox_chunk_ack_seconds', '0.05'),
        ffmpegProcessesMax: sampler.max((s) => s.usage.ffmpegCount),
        eventLoopMaxMs: sampler.max((s) => s.lagMaxMs),
        finalize: finalizeFromLogs(server.logs, since),
      },
      ratio: ratios(flat(emovox), flat(reference), BURST_RATIO_KEYS),
    };
    console.log(JSON.stringify({ emovox: row.emovox, ratio: row.ratio }));
    rows.push(row);
    await sleep(3_000); // the last disconnects settle
  }
  return { windowMs: options.windowMs, takeSeconds: options.takeSeconds, rows };
}
