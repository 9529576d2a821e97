// Stop-to-saved by take length: a few takes of each length, each from its own speaker, streamed at
// MediaRecorder's pace. The takes are scheduled by when they stop, not when they start: stops come 700 ms
// apart with the lengths interleaved (5, 30, 60, 5, 30, 60, …), so that every length stops into the same
// mix of live streams, and none of them lands on a server that has only just woken up. One uncounted
// take goes first to warm the finalize path.
import { percentile, round } from '../stats.js';
import { VirtualSpeaker, sentenceIds, sleep } from '../speaker.js';
import { CHUNK_MS } from '../media.js';

export interface LengthConfig {
  url: string;
  /** Seconds of audio → its chunks. */
  takes: { seconds: number; chunks: Buffer[] }[];
  perLength: number;
}

const STOP_SPACING_MS = 700;

export async function byLength(config: LengthConfig) {
  const [sentence] = await sentenceIds(config.url, 1);
  const record = async (take: { chunks: Buffer[] }) => {
    const speaker = await VirtualSpeaker.create(config.url);
    try {
      return await speaker.recordTake(sentence!, take.chunks, { chunkMs: CHUNK_MS });
    } finally {
      speaker.close();
    }
  };
  await record(config.takes[0]!); // warm-up, not counted

  const jobs = Array.from({ length: config.perLength }, () => config.takes).flat();
  const longestMs = Math.max(...config.takes.map((take) => take.seconds)) * 1000;
  const begin = performance.now();
  const results = await Promise.all(
    jobs.map(async (take, index) => {
      const stopAt = longestMs + index * STOP_SPACING_MS;
      await sleep(begin + stopAt - take.chunks.length * CHUNK_MS - performance.now());
      return { seconds: take.seconds, timing: await record(take) };
    }),
  );
  return config.takes.map(({ seconds }) => {
    const mine = results.filter((r) => r.seconds === seconds).map((r) => r.timing);
    const stopToSaved = mine.filter((t) => t.state === 'saved').map((t) => t.stopToSavedMs!);
    return {
      seconds,
      takes: mine.length,
      saved: stopToSaved.length,
      states: mine.map((t) => t.state),
      stopToSavedP50: round(percentile(stopToSaved, 50)),
      stopToSavedMax: round(percentile(stopToSaved, 100)),
      stopToSavedMs: stopToSaved.map((ms) => round(ms)),
    };
  });
}
