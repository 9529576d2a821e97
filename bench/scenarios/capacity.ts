// Capacity: N speakers stream real Opus at MediaRecorder's pace, back-to-back takes, start times
// spread over one take length so that stops are spread too.
import { round } from '../stats.js';
import { takeStats } from '../take-stats.js';
import { VirtualSpeaker, inBatches, sentenceIds, sleep, type TakeTiming } from '../speaker.js';
import { seeded } from '../fuzz/random.js';
import { CHUNK_MS } from '../media.js';

export interface CapacityConfig {
  url: string;
  speakers: number;
  seconds: number;
  chunks: Buffer[];
  seed: number;
}

export async function capacity(config: CapacityConfig, progress: (event: object) => void) {
  const random = seeded(config.seed);
  const takeMs = config.chunks.length * CHUNK_MS;
  const sentences = await sentenceIds(config.url, 10);
  const speakers = await inBatches(Array.from({ length: config.speakers }), 25, () => VirtualSpeaker.create(config.url));
  progress({ ready: true });
  const timings: TakeTiming[] = [];
  const errors: string[] = [];
  const begin = Date.now();
  const deadline = begin + config.seconds * 1000;
  await Promise.all(
    speakers.map(async (speaker, index) => {
      await sleep(random() * takeMs);
      try {
        // A take is started only if it can end before the deadline: the run stays bounded.
        for (let done = 0; done === 0 || Date.now() + takeMs + 500 < deadline; done++) {
          timings.push(await speaker.recordTake(sentences[index % sentences.length]!, config.chunks, { chunkMs: CHUNK_MS }));
        }
      } catch (error) {
        errors.push(String(error));
      }
    }),
  );
  const wallSeconds = (Date.now() - begin) / 1000;
  for (const speaker of speakers) speaker.close();
  const { saved, ...stats } = takeStats(timings);
  return {
    speakers: config.speakers,
    wallSeconds: round(wallSeconds),
    takes: timings.length,
    ...stats,
    takesNotSaved: timings.length - saved.length,
    errors: [...new Set(errors)].slice(0, 5),
  };
}
