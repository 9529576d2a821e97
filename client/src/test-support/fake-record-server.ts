import type { Ack, ErrorBody, RecordClientEvents, TakeState, TakeStatus } from '@emovox/server/protocol';
import type { AckOf, PayloadOf, TakeTransport } from '../lib/record-socket';

type Take = { takeId: string; clientTakeId: string; fields: string; chunks: Map<number, Uint8Array>; state: TakeState; lastSeq: number | null };

/**
 * A FAKE of the server's `/record` namespace, in memory, for unit tests of the take logic in
 * jsdom where no server can run. It follows docs/PROTOCOL.md for the events the client uses; the
 * contract in record-server.contract.ts runs against it and against the real server.
 */
export class FakeRecordServer implements TakeTransport {
  readonly takes = new Map<string, Take>();
  readonly log: string[] = [];
  private online = true;
  /** Chunk seqs whose ack is lost on the way back (the server still stores them). */
  readonly loseAckFor = new Set<number>();
  /** Chunk seqs after whose storing the connection drops, so their ack never arrives. */
  readonly dropConnectionAfter = new Set<number>();
  /** The next request of an event is answered with this error instead. */
  readonly failNext = new Map<keyof RecordClientEvents, ErrorBody>();
  private readonly listeners = { connect: new Set<() => void>(), disconnect: new Set<() => void>(), status: new Set<(s: TakeStatus) => void>() };
  private nextId = 1;

  isConnected(): boolean {
    return this.online;
  }
  onConnect(listener: () => void) {
    this.listeners.connect.add(listener);
    return () => void this.listeners.connect.delete(listener);
  }
  onDisconnect(listener: () => void) {
    this.listeners.disconnect.add(listener);
    return () => void this.listeners.disconnect.delete(listener);
  }
  onStatus(listener: (status: TakeStatus) => void) {
    this.listeners.status.add(listener);
    return () => void this.listeners.status.delete(listener);
  }

  goOffline(): void {
    this.online = false;
    for (const l of this.listeners.disconnect) l();
  }
  goOnline(): void {
    this.online = true;
    for (const l of this.listeners.connect) l();
  }

  /** Simulates the server finishing its conversion. */
  finalize(takeId: string, state: TakeState = 'saved'): void {
    const take = this.takes.get(takeId);
    if (!take) throw new Error('no such take');
    take.state = state;
    this.push(take);
  }

  /** Forgets a held chunk, as a broken server would: the next stop answers MISSING_CHUNKS. */
  forget(takeId: string, seq: number): void {
    this.takes.get(takeId)?.chunks.delete(seq);
  }

  received(takeId: string): number[] {
    return [...(this.takes.get(takeId)?.chunks.keys() ?? [])].sort((a, b) => a - b);
  }

  async request<E extends keyof RecordClientEvents>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    if (!this.online) throw new Error('not connected');
    await Promise.resolve();
    this.log.push(event);
    const error = this.failNext.get(event);
    if (error && this.failNext.delete(event)) return { ok: false, error } as AckOf<E>;
    const answer = this.handle(event, payload as never) as AckOf<E> | 'lost';
    if (answer === 'lost' || !this.online) throw new Error('operation has timed out');
    return answer;
  }

  private fail(code: 'NOT_FOUND' | 'CONFLICT' | 'MISSING_CHUNKS', extra: object = {}): Ack<never> {
    return { ok: false, error: { code, message: code, ...extra } };
  }

  private push(take: Take): void {
    const status: TakeStatus = { takeId: take.takeId, state: take.state, receivedSeq: this.receivedSeq(take), durationMs: null, quality: null, error: null };
    queueMicrotask(() => {
      for (const l of this.listeners.status) l(status);
    });
  }

  private receivedSeq(take: Take): number {
    let seq = -1;
    while (take.chunks.has(seq + 1)) seq++;
    return seq;
  }

  private handle(event: string, payload: Record<string, unknown>): unknown {
    switch (event) {
      case 'take:start': {
        const existing = [...this.takes.values()].find((t) => t.clientTakeId === payload.clientTakeId);
        const fields = startFields(payload);
        if (existing && existing.fields !== fields) return this.fail('CONFLICT', { state: existing.state });
        const take = existing ?? { takeId: `take-${this.nextId++}`, clientTakeId: String(payload.clientTakeId), fields, chunks: new Map(), state: 'recording' as TakeState, lastSeq: null };
        this.takes.set(take.takeId, take);
        return { ok: true, takeId: take.takeId, receipt: `receipt-${take.takeId}`, state: take.state, maxChunkBytes: 1 << 20, maxTakeSeconds: 60 };
      }
      case 'take:chunk': {
        const take = this.takes.get(String(payload.takeId));
        if (!take) return this.fail('NOT_FOUND');
        const seq = payload.seq as number;
        const data = new Uint8Array(payload.data as ArrayBuffer);
        const held = take.chunks.get(seq);
        if (held && !sameBytes(held, data)) return this.fail('CONFLICT', { state: take.state });
        if (take.state !== 'recording' && !held) return this.fail('CONFLICT', { state: take.state });
        take.chunks.set(seq, data);
        if (this.dropConnectionAfter.delete(seq)) {
          this.goOffline();
          return 'lost';
        }
        if (this.loseAckFor.delete(seq)) return 'lost';
        return { ok: true, seq };
      }
      case 'take:resume': {
        const take = this.takes.get(String(payload.takeId));
        if (!take) return this.fail('NOT_FOUND');
        const held = [...take.chunks.keys()];
        const nextSeq = take.lastSeq !== null ? take.lastSeq + 1 : held.length ? Math.max(...held) + 1 : 0;
        const missing = take.lastSeq !== null ? [] : Array.from({ length: nextSeq }, (_, i) => i).filter((i) => !take.chunks.has(i));
        return { ok: true, state: take.state, nextSeq, missing, receivedSeq: this.receivedSeq(take), receipt: `receipt-${take.takeId}` };
      }
      case 'take:stop': {
        const take = this.takes.get(String(payload.takeId));
        if (!take) return this.fail('NOT_FOUND');
        const lastSeq = payload.lastSeq as number;
        const missing = Array.from({ length: lastSeq + 1 }, (_, i) => i).filter((i) => !take.chunks.has(i));
        if (missing.length) return this.fail('MISSING_CHUNKS', { missing });
        take.lastSeq = lastSeq;
        take.state = 'finalizing';
        this.push(take);
        return { ok: true, state: 'finalizing' };
      }
      case 'take:discard': {
        const take = this.takes.get(String(payload.takeId));
        if (!take) return this.fail('NOT_FOUND');
        take.state = 'discarded';
        take.chunks.clear();
        return { ok: true, state: 'discarded' };
      }
      default:
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'unknown event' } };
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** What must match when a clientTakeId is reused. */
function startFields(payload: Record<string, unknown>): string {
  const { sentenceId, emotion, intensity, mimeType } = payload;
  return JSON.stringify([sentenceId, emotion, intensity ?? null, mimeType]);
}
