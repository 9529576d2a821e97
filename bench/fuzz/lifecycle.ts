// Valid but unruly use of takes by the fuzz speakers: starts, in-order and out-of-order chunks,
// identical and different resends, stops with right and wrong lastSeq, resumes, discards.
import { EMOTIONS } from '../../server/src/protocol/index.js';
import type { FuzzSocket } from './fuzz-socket.js';
import { int, pick, type Random } from './random.js';
import type { SocketCase } from './socket-cases.js';

export interface OwnTake {
  takeId: string;
  nextSeq: number;
  stopped: boolean;
}

export interface FuzzSpeaker {
  token: string;
  socket: FuzzSocket;
  takes: OwnTake[];
}

/** Answers are checked for the contract's shape only: any code (or ok) may be right here. */
export function lifecycleCase(random: Random, speaker: FuzzSpeaker, sentenceId: string, chunks: Buffer[]): SocketCase {
  const base = { kind: 'lifecycle', namespace: 'record' as const, withAck: true, rateLimitable: true, okAllowed: true };
  const recording = speaker.takes.filter((t) => !t.stopped);
  const take = speaker.takes.length > 0 ? pick(random, speaker.takes) : null;
  const roll = random();
  if (!take || (roll < 0.15 && recording.length < 3)) {
    return {
      ...base,
      event: 'take:start',
      args: [{ sentenceId, emotion: pick(random, EMOTIONS), mimeType: 'audio/webm;codecs=opus', ...(random() < 0.3 ? { clientTakeId: `fuzz-${int(random, 0, 20)}` } : {}) }],
    };
  }
  if (roll < 0.65) {
    const seq = random() < 0.8 ? take.nextSeq : int(random, 0, take.nextSeq + 3);
    const data = random() < 0.9 ? chunks[seq % chunks.length]! : chunks[(seq + 1) % chunks.length]!;
    return { ...base, event: 'take:chunk', args: [{ takeId: take.takeId, seq, data, ...(random() < 0.5 ? { peak: random() } : {}) }] };
  }
  if (roll < 0.78) return { ...base, event: 'take:stop', args: [{ takeId: take.takeId, lastSeq: random() < 0.8 ? Math.max(0, take.nextSeq - 1) : int(random, 0, take.nextSeq + 2) }] };
  if (roll < 0.9) return { ...base, event: 'take:resume', args: [{ takeId: take.takeId }] };
  return { ...base, event: 'take:discard', args: [{ takeId: take.takeId }] };
}

/** Keeps the speaker's view of its takes in step with the answers. */
export function learn(speaker: FuzzSpeaker, testCase: SocketCase, ack: unknown): void {
  const answer = ack as { ok?: boolean; takeId?: string; state?: string };
  const payload = testCase.args[0] as { takeId?: string; seq?: number };
  if (testCase.event === 'take:start' && answer.ok && answer.takeId && !speaker.takes.some((t) => t.takeId === answer.takeId)) {
    speaker.takes.push({ takeId: answer.takeId, nextSeq: 0, stopped: answer.state !== 'recording' });
  }
  const take = speaker.takes.find((t) => t.takeId === payload?.takeId);
  if (!take) return;
  if (testCase.event === 'take:chunk' && answer.ok && payload.seq === take.nextSeq) take.nextSeq += 1;
  if ((testCase.event === 'take:stop' && answer.ok) || testCase.event === 'take:discard') take.stopped = true;
  // Forget finished takes, so that the speaker keeps starting new ones.
  if (take.stopped && speaker.takes.length > 6) speaker.takes.splice(speaker.takes.indexOf(take), 1);
}
