// Stop-to-saved by take length, and the server's finalize time for the same takes.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { runLoad } from '../load-process.js';
import { scrape, total } from '../prom.js';
import { round } from '../stats.js';
import { sleep } from '../speaker.js';

interface LengthRow {
  seconds: number;
  takes: number;
  saved: number;
  stopToSavedP50: number | null;
  stopToSavedMax: number | null;
  stopToSavedMs: number[];
}

/** After the capacity ramp the server may still be finalizing its backlog: measure on a quiet server. */
export async function untilNoneFinalizing(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && total(await scrape(url), 'emovox_takes', 'state="finalizing"') > 0) await sleep(1_000);
  await sleep(2_000);
}

export async function takeLengths(server: ServerProcess, options: { lengths: number[]; perLength: number }) {
  await untilNoneFinalizing(server.url, 120_000);
  const before = await scrape(server.url);
  const { lengths } = await runLoad<{ lengths: LengthRow[] }>('length', { url: server.url, ...options }, {
    timeoutMs: (Math.max(...options.lengths) + 180) * 1000,
  });
  const after = await scrape(server.url);
  const count = total(after, 'emovox_finalize_seconds_count') - total(before, 'emovox_finalize_seconds_count');
  const sum = total(after, 'emovox_finalize_seconds_sum') - total(before, 'emovox_finalize_seconds_sum');
  const shortest = lengths[0]?.stopToSavedP50 ?? null;
  const longest = lengths[lengths.length - 1]?.stopToSavedP50 ?? null;
  return {
    rows: lengths,
    /** p50 of the longest over p50 of the shortest: 1 is perfectly flat. */
    flatness: shortest && longest ? round(longest / shortest, 2) : null,
    serverFinalizeMeanMs: count > 0 ? round((sum / count) * 1000) : null,
  };
}
