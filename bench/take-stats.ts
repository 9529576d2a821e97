// What every streaming scenario reports of its takes: how many saved, the chunks' fate, ack and stop→saved percentiles.
import type { TakeTiming } from './speaker.js';
import { percentile, round } from './stats.js';

export function takeStats(timings: TakeTiming[]) {
  const acks = timings.flatMap((t) => t.acksMs);
  const saved = timings.filter((t) => t.state === 'saved');
  const stopToSaved = saved.map((t) => t.stopToSavedMs!);
  return {
    saved,
    takesSaved: saved.length,
    chunksSent: timings.reduce((n, t) => n + t.sent, 0),
    chunksAcked: acks.length,
    chunksFailed: timings.reduce((n, t) => n + t.failed, 0),
    chunksLost: timings.reduce((n, t) => n + t.lost, 0),
    ackP50: round(percentile(acks, 50)),
    ackP99: round(percentile(acks, 99)),
    ackMax: round(percentile(acks, 100)),
    stopToSavedP50: round(percentile(stopToSaved, 50)),
    stopToSavedP99: round(percentile(stopToSaved, 99)),
    stopToSavedMax: round(percentile(stopToSaved, 100)),
  };
}
