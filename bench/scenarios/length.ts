// Stop-to-saved by take length: a few takes of each length, each from its own speaker, streamed at
// MediaRecorder's pace and started a little apart so that they do not stop together.
import { percentile, round } from '../stats.js';
import { VirtualSpeaker, sentenceIds, sleep } from '../speaker.js';
import { CHUNK_MS } from '../media.js';

export interface LengthConfig {
  url: string;
  /** Seconds of audio → its chunks. */
  takes: { seconds: number; chunks: Buffer[] }[];
  perLength: number;
}

export async function byLength(config: LengthConfig) {
  const [sentence] = await sentenceIds(config.url, 1);
  const jobs = config.takes.flatMap((take) => Array.from({ length: config.perLength }, () => take));
  const results = await Promise.all(
    jobs.map(async (take, index) => {
      await sleep(index * 700);
      const speaker = await VirtualSpeaker.create(config.url);
      try {
        return { seconds: take.seconds, timing: await speaker.recordTake(sentence!, take.chunks, { chunkMs: CHUNK_MS }) };
      } finally {
        speaker.close();
      }
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
