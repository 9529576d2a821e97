// Burst: "everyone, record now". N speakers, signed up and connected beforehand, start one take each within
// the same window (300 ms), stream it at MediaRecorder's pace and so stop together.
import { seeded } from '../fuzz/random.js';
import { CHUNK_MS } from '../media.js';
import { VirtualSpeaker, inBatches, sentenceIds, sleep, type TakeTiming } from '../speaker.js';
import { percentile, round } from '../stats.js';
import { takeStats } from '../take-stats.js';

export interface BurstConfig {
  url: string;
  speakers: number;
  chunks: Buffer[];
  /** Every take:start is sent within this many ms of the first. */
  windowMs: number;
  seed: number;
}

export async function burst(config: BurstConfig, progress: (event: object) => void) {
  const random = seeded(config.seed);
  const sentences = await sentenceIds(config.url, 10);
  const speakers = await inBatches(Array.from({ length: config.speakers }), 25, () => VirtualSpeaker.create(config.url));
  const offsets = speakers.map(() => random() * config.windowMs);
  progress({ ready: true });
  const errors: string[] = [];
  const timings = await Promise.all(
    speakers.map(async (speaker, index): Promise<TakeTiming | null> => {
      await sleep(offsets[index]!);
      try {
        return await speaker.recordTake(sentences[index % sentences.length]!, config.chunks, { chunkMs: CHUNK_MS, savedTimeoutMs: 120_000 });
      } catch (error) {
        errors.push(String(error));
        return null;
      }
    }),
  );
  for (const speaker of speakers) speaker.close();
  const done = timings.filter((t): t is TakeTiming => t !== null);
  const { saved, ...stats } = takeStats(done);
  return {
    speakers: config.speakers,
    ...stats,
    takesNotSaved: config.speakers - saved.length,
    /** The part of stop→saved before the take:stop ack: waiting for the last chunks' acks, then the stop. */
    stopAckedP50: round(percentile(saved.map((t) => t.stopAckedMs ?? 0), 50)),
    /** How the takes ended (saved, failed, timeout, stop:CODE), to see why one was not saved. */
    endings: Object.fromEntries([...new Set(done.map((t) => t.state))].map((state) => [state, done.filter((t) => t.state === state).length])),
    errors: [...new Set(errors)].slice(0, 5),
  };
}
