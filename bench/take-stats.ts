// What every streaming scenario reports of its takes: how many saved, the chunks' fate, ack and stop→saved percentiles.
import { ackTimes, type TakeTiming } from './speaker.js';
import { percentile, round } from './stats.js';

/** Chunks counted as a take's start, and as its end. */
const EDGE_CHUNKS = 3;

/** Ack p99 of the first chunks of every take, of its last ones and of the rest: where a burst hurts acks. */
function ackP99ByPhase(timings: TakeTiming[]) {
  const phases: Record<'start' | 'middle' | 'end', number[]> = { start: [], middle: [], end: [] };
  for (const timing of timings) {
    const count = timing.ackMsBySeq.length;
    timing.ackMsBySeq.forEach((ms, seq) => {
      if (ms === undefined) return;
      phases[seq < EDGE_CHUNKS ? 'start' : seq >= count - EDGE_CHUNKS ? 'end' : 'middle'].push(ms);
    });
  }
  return { start: round(percentile(phases.start, 99)), middle: round(percentile(phases.middle, 99)), end: round(percentile(phases.end, 99)) };
}

export function takeStats(timings: TakeTiming[]) {
  const acks = timings.flatMap(ackTimes);
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
    ackP99ByPhase: ackP99ByPhase(timings),
    /** The share of acks within the 50 ms the burst goal puts at p99: 99 or more meets it. */
    acksWithin50MsPct: acks.length === 0 ? null : Math.round((acks.filter((ms) => ms <= 50).length / acks.length) * 1000) / 10,
    stopToSavedP50: round(percentile(stopToSaved, 50)),
    stopToSavedP99: round(percentile(stopToSaved, 99)),
    stopToSavedMax: round(percentile(stopToSaved, 100)),
  };
}
