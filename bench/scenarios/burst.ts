// Burst: "everyone, record now". N speakers, signed up and connected beforehand, start one take each within
// the same window (300 ms), stream it at MediaRecorder's pace and so stop together.
import { seeded } from '../fuzz/random.js';
import { CHUNK_MS } from '../media.js';
import { VirtualSpeaker, inBatches, sentenceIds, sleep, type TakeTiming } from '../speaker.js';
import { percentile, round } from '../stats.js';

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
  const acks = done.flatMap((t) => t.acksMs);
  const saved = done.filter((t) => t.state === 'saved');
  const stopToSaved = saved.map((t) => t.stopToSavedMs!);
  return {
    speakers: config.speakers,
    takesSaved: saved.length,
    takesNotSaved: config.speakers - saved.length,
    chunksSent: done.reduce((n, t) => n + t.sent, 0),
    chunksAcked: acks.length,
    chunksFailed: done.reduce((n, t) => n + t.failed, 0),
    chunksLost: done.reduce((n, t) => n + t.lost, 0),
    ackP50: round(percentile(acks, 50)),
    ackP99: round(percentile(acks, 99)),
    ackMax: round(percentile(acks, 100)),
    stopToSavedP50: round(percentile(stopToSaved, 50)),
    stopToSavedP99: round(percentile(stopToSaved, 99)),
    stopToSavedMax: round(percentile(stopToSaved, 100)),
    /** The part of stop→saved before the take:stop ack: waiting for the last chunks' acks, then the stop. */
    stopAckedP50: round(percentile(saved.map((t) => t.stopAckedMs ?? 0), 50)),
    /** How the takes ended (saved, failed, timeout, stop:CODE), to see why one was not saved. */
    endings: Object.fromEntries([...new Set(done.map((t) => t.state))].map((state) => [state, done.filter((t) => t.state === state).length])),
    errors: [...new Set(errors)].slice(0, 5),
  };
}
