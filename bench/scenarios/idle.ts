// Memory per active stream: N takes stay open, each trickling a chunk every few seconds, while the
// orchestrator samples the server's memory. Then every take is discarded.
import { VirtualSpeaker, inBatches, sentenceIds, sleep } from '../speaker.js';

export interface IdleConfig {
  url: string;
  streams: number;
  chunks: Buffer[];
  chunkEveryMs: number;
  holdSeconds: number;
}

export async function idleStreams(config: IdleConfig, progress: (event: object) => void) {
  const [sentence] = await sentenceIds(config.url, 1);
  const speakers = await inBatches(Array.from({ length: config.streams }), 25, () => VirtualSpeaker.create(config.url));
  const takes = await inBatches(speakers, 25, async (speaker) => {
    const takeId = await speaker.startTake(sentence!);
    const first = await speaker.call('take:chunk', { takeId, seq: 0, data: config.chunks[0] });
    if (!first.ok) throw new Error(`take:chunk ${first.error?.code}`);
    return takeId;
  });
  progress({ ready: true, streams: takes.length });
  let failed = 0;
  const until = Date.now() + config.holdSeconds * 1000;
  await Promise.all(
    speakers.map(async (speaker, index) => {
      await sleep(Math.random() * config.chunkEveryMs);
      for (let seq = 1; Date.now() < until && seq < config.chunks.length; seq++) {
        const ack = await speaker.call('take:chunk', { takeId: takes[index], seq, data: config.chunks[seq] });
        if (!ack.ok) failed += 1;
        await sleep(config.chunkEveryMs);
      }
    }),
  );
  await inBatches(speakers, 25, (speaker, index) => speaker.call('take:discard', { takeId: takes[index] }));
  for (const speaker of speakers) speaker.close();
  return { streams: takes.length, chunksFailed: failed };
}
