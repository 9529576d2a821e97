// A virtual speaker for the load generator: consent over REST, a /record socket, and takes
// streamed chunk by chunk at MediaRecorder's pace, timing every ack and the stop-to-saved delay.
import { io, type Socket } from 'socket.io-client';
import { LOOPBACK, type Link } from './link.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Every ack time of a take, in seq order. */
export function ackTimes(timing: TakeTiming): number[] {
  return timing.ackMsBySeq.filter((ms): ms is number => ms !== undefined);
}

export interface TakeTiming {
  takeId: string;
  /** Ack times by seq (a hole where a chunk was not acked), to tell the start and end of a take apart (ackTimes). */
  ackMsBySeq: (number | undefined)[];
  /** Error acks (an ok:false answer). */
  failed: number;
  /** No ack within the timeout, or the socket went away. */
  lost: number;
  sent: number;
  /** From the moment the last chunk was recorded to the `saved` status; null when it never came. */
  stopToSavedMs: number | null;
  /** From the same moment to the take:stop ack (the last chunk acks, then the stop itself); null without one. */
  stopAckedMs?: number | null;
  state: string;
}

export async function postJson<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function sentenceIds(url: string, count: number): Promise<string[]> {
  const ids = new Set<string>();
  for (let i = 0; i < count * 3 && ids.size < count; i++) {
    const response = await fetch(`${url}/api/v1/sentences/random?locale=en`);
    if (!response.ok) throw new Error(`no sentence: ${response.status}`);
    ids.add(((await response.json()) as { id: string }).id);
  }
  return [...ids];
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export class VirtualSpeaker {
  private readonly finals = new Map<string, (state: string, at: number) => void>();

  private constructor(
    readonly token: string,
    readonly socket: Socket,
  ) {
    socket.on('take:status', (status: { takeId: string; state: string }) => {
      if (['saved', 'failed', 'discarded'].includes(status.state)) this.finals.get(status.takeId)?.(status.state, performance.now());
    });
  }

  static async create(url: string): Promise<VirtualSpeaker> {
    const { token } = await postJson<{ token: string }>(url, '/speakers', { consent: true, locale: 'en' });
    const socket = io(`${url}/record`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new VirtualSpeaker(token, socket);
  }

  async call<T = Record<string, unknown>>(event: string, payload: unknown, timeoutMs = 20_000): Promise<{ ok: boolean; error?: { code: string } } & T> {
    return (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } } & T;
  }

  async startTake(sentenceId: string): Promise<string> {
    const start = await this.call<{ takeId: string }>('take:start', { sentenceId, emotion: 'neutral', mimeType: 'audio/webm;codecs=opus' });
    if (!start.ok) throw new Error(`take:start ${start.error?.code}`);
    return start.takeId;
  }

  /** Resolves with the take's final state (saved, failed, discarded) and when it came, or 'timeout'. */
  finalState(takeId: string, timeoutMs: number): Promise<{ state: string; at: number }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.finals.delete(takeId);
        resolve({ state: 'timeout', at: performance.now() });
      }, timeoutMs);
      this.finals.set(takeId, (state, at) => {
        clearTimeout(timer);
        this.finals.delete(takeId);
        resolve({ state, at });
      });
    });
  }

  /** Streams one take at `chunkMs` per chunk (0: as fast as acks allow one at a time), stops it and waits for saved. */
  async recordTake(
    sentenceId: string,
    chunks: Buffer[],
    options: { chunkMs: number; link?: Link; beforeStop?: () => void; savedTimeoutMs?: number },
  ): Promise<TakeTiming> {
    const link = options.link ?? LOOPBACK;
    const takeId = await this.startTake(sentenceId);
    const timing: TakeTiming = { takeId, ackMsBySeq: [], failed: 0, lost: 0, sent: 0, stopToSavedMs: null, state: 'recording' };
    const final = this.finalState(takeId, (options.savedTimeoutMs ?? 120_000) + chunks.length * options.chunkMs);
    const acks: Promise<void>[] = [];
    const begin = performance.now();
    let recordedAt = begin;
    for (const [seq, data] of chunks.entries()) {
      // MediaRecorder hands over chunk `seq` at this instant; the link then delays its arrival.
      recordedAt = begin + (seq + 1) * options.chunkMs;
      await sleep(recordedAt - performance.now());
      const producedAt = performance.now();
      const sending = link.transmit(data.length).then(() => {
        timing.sent += 1;
        return this.socket
          .timeout(20_000)
          .emitWithAck('take:chunk', { takeId, seq, data })
          .then(
            (ack: { ok: boolean }) => {
              if (ack.ok) timing.ackMsBySeq[seq] = performance.now() - producedAt;
              else timing.failed += 1;
            },
            () => {
              timing.lost += 1;
            },
          );
      });
      acks.push(sending);
      if (options.chunkMs === 0) await sending;
    }
    await Promise.all(acks);
    // Paced: the speaker stopped when the last chunk was recorded. Unpaced: once every chunk is acked.
    options.beforeStop?.();
    const stoppedAt = options.chunkMs === 0 ? performance.now() : recordedAt;
    const stop = await this.call('take:stop', { takeId, lastSeq: chunks.length - 1 });
    timing.stopAckedMs = stop.ok ? performance.now() - stoppedAt : null;
    if (!stop.ok) {
      timing.state = `stop:${stop.error?.code}`;
      return timing;
    }
    const outcome = await final;
    timing.state = outcome.state;
    if (outcome.state === 'saved') timing.stopToSavedMs = outcome.at - stoppedAt;
    return timing;
  }

  close(): void {
    this.socket.close();
  }
}
