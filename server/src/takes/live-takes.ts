// What this replica knows about takes it is receiving right now: byte budget, contiguity and live stats.
// It is a cache: on a miss (a take resumed here from another replica) it is rebuilt from the staged chunks.
import type { Emotion, TakeState } from '../protocol/index.js';

export interface LiveTake {
  takeId: string;
  speakerId: string;
  sentenceId: string;
  emotion: Emotion;
  state: TakeState;
  startedAt: Date;
  held: Set<number>;
  receivedSeq: number;
  bytes: number;
  lastChunkAt: Date | null;
  peak: number | null;
  ackMs: number[];
  /** take:pause: when the current pause began (null while recording), and the length of the finished pauses. */
  pausedAt: Date | null;
  pausedMs: number;
}

const ACK_WINDOW = 20;

export class LiveTakes {
  private readonly takes = new Map<string, LiveTake>();

  get(takeId: string): LiveTake | undefined {
    return this.takes.get(takeId);
  }

  put(take: Omit<LiveTake, 'receivedSeq' | 'pausedAt' | 'pausedMs'>): LiveTake {
    const live: LiveTake = { ...take, receivedSeq: -1, pausedAt: null, pausedMs: 0 };
    advance(live);
    this.takes.set(take.takeId, live);
    return live;
  }

  recordChunk(live: LiveTake, seq: number, bytes: number, peak: number | undefined, ackMs: number, isNew: boolean): void {
    if (isNew && !live.held.has(seq)) {
      live.held.add(seq);
      live.bytes += bytes;
      advance(live);
    }
    live.lastChunkAt = new Date();
    if (peak !== undefined) live.peak = peak;
    live.ackMs.push(ackMs);
    if (live.ackMs.length > ACK_WINDOW) live.ackMs.shift();
  }

  /** Pausing twice (or resuming twice) changes nothing. */
  setPaused(live: LiveTake, paused: boolean, now = new Date()): void {
    if (paused && !live.pausedAt) live.pausedAt = now;
    if (!paused && live.pausedAt) {
      live.pausedMs += Math.max(0, now.getTime() - live.pausedAt.getTime());
      live.pausedAt = null;
    }
  }

  delete(takeId: string): void {
    this.takes.delete(takeId);
  }

  ids(): string[] {
    return [...this.takes.keys()];
  }

  forSpeaker(speakerId: string): LiveTake | undefined {
    let latest: LiveTake | undefined;
    for (const take of this.takes.values()) {
      if (take.speakerId === speakerId && (!latest || take.startedAt > latest.startedAt)) latest = take;
    }
    return latest;
  }
}

function advance(live: LiveTake): void {
  while (live.held.has(live.receivedSeq + 1)) live.receivedSeq += 1;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The contract's receivedSeq: highest seq such that 0..seq are all held (-1 when none). */
export function contiguousUpTo(seqs: Iterable<number>): number {
  const held = new Set(seqs);
  let seq = -1;
  while (held.has(seq + 1)) seq += 1;
  return seq;
}

/** The seqs of 0..upTo not held, ascending, at most `limit` of them. */
export function missingSeqs(held: Iterable<number>, upTo: number, limit = Number.POSITIVE_INFINITY): number[] {
  const heldSet = new Set(held);
  const missing: number[] = [];
  for (let seq = 0; seq <= upTo && missing.length < limit; seq += 1) if (!heldSet.has(seq)) missing.push(seq);
  return missing;
}
