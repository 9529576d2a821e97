// Capacity: N speakers stream real Opus at MediaRecorder's pace, back-to-back takes, start times
// spread over one take length so that stops are spread too.
import { percentile, round } from '../stats.js';
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
  const acks = timings.flatMap((t) => t.acksMs);
  const saved = timings.filter((t) => t.state === 'saved');
  const stopToSaved = saved.map((t) => t.stopToSavedMs!);
  return {
    speakers: config.speakers,
    wallSeconds: round(wallSeconds),
    takes: timings.length,
    takesSaved: saved.length,
    takesNotSaved: timings.length - saved.length,
    chunksSent: timings.reduce((n, t) => n + t.sent, 0),
    chunksAcked: acks.length,
    chunksFailed: timings.reduce((n, t) => n + t.failed, 0),
    chunksLost: timings.reduce((n, t) => n + t.lost, 0),
    ackP50: round(percentile(acks, 50)),
    ackP99: round(percentile(acks, 99)),
    ackMax: round(percentile(acks, 100)),
    stopToSavedP50: round(percentile(stopToSaved, 50)),
    stopToSavedP99: round(percentile(stopToSaved, 99)),
    errors: [...new Set(errors)].slice(0, 5),
  };
}
