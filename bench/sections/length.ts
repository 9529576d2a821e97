// Stop-to-saved by take length, and the server's finalize time for the same takes.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { runLoad } from '../load-process.js';
import { scrape, total } from '../prom.js';
import { round } from '../stats.js';

interface LengthRow {
  seconds: number;
  takes: number;
  saved: number;
  stopToSavedP50: number | null;
  stopToSavedMax: number | null;
  stopToSavedMs: number[];
}

export async function takeLengths(server: ServerProcess, options: { lengths: number[]; perLength: number }) {
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
