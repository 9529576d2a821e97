import type { ErrorBody, TakeStartPayload, TakeState, TakeStatus } from '@emovox/server/protocol';
import { definedMarks, type TakeMarks } from './take-cues';
import type { PendingTake } from '../lib/chunk-store';
import { isFinalState, isRetryable, type UploaderDeps, type UploadProgress } from './upload-progress';
import { ChunkLedger } from './chunk-ledger';
import { UploaderTimers } from './uploader-timers';

export type { UploaderDeps, UploadProgress } from './upload-progress';

/**
 * Streams one take: assigns seqs in capture order, keeps every chunk in the store until its ack,
 * resyncs with `take:resume` after each reconnect, and stops only when the server holds all.
 */
export class TakeUploader {
  private nextSeq = 0;
  private readonly chunks = new ChunkLedger();
  private writes: Promise<void>[] = [];
  private takeId: string | null;
  private receipt: string | null;
  private serverState: TakeState | null = null;
  private error: ErrorBody | null = null;
  private starting: Promise<void> | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly timers = new UploaderTimers();

  private constructor(
    private readonly deps: UploaderDeps,
    private readonly pending: PendingTake,
  ) {
    this.takeId = pending.takeId;
    this.receipt = pending.receipt;
    this.nextSeq = pending.highestSeq + 1;
    const { transport } = deps;
    this.cleanups.push(
      transport.onConnect(() => void this.resync()),
      transport.onDisconnect(() => this.emit()),
      transport.onStatus((status) => this.onStatus(status)),
    );
  }

  /** A new take: remembered in the store first, then `take:start` (retried on reconnect). */
  static async begin(deps: UploaderDeps, take: { clientTakeId: string; start: TakeStartPayload; sentenceText: string }): Promise<TakeUploader> {
    const pending: PendingTake = { ...take, takeId: null, receipt: null, highestSeq: -1, stoppedDurationMs: null, createdAt: Date.now() };
    await deps.store.saveTake(pending);
    const uploader = new TakeUploader(deps, pending);
    void uploader.resync();
    return uploader;
  }

  /** A take left unfinished by a page reload: its chunks come back from the store. */
  static async recover(deps: UploaderDeps, pending: PendingTake): Promise<TakeUploader> {
    const uploader = new TakeUploader(deps, pending);
    for (const chunk of await deps.store.listChunks(pending.clientTakeId)) {
      uploader.chunks.hold(chunk.seq, { data: chunk.data, peak: chunk.peak });
      uploader.chunks.expect(chunk.seq);
    }
    void uploader.resync();
    return uploader;
  }

  get clientTakeId(): string {
    return this.pending.clientTakeId;
  }

  progress(): UploadProgress {
    return {
      takeId: this.takeId,
      receipt: this.receipt,
      captured: this.nextSeq,
      ...this.chunks.counts(),
      connected: this.deps.transport.isConnected(),
      serverState: this.serverState,
      error: this.error,
    };
  }

  /** Takes a recorder chunk. The seq is fixed here, before any await, so order cannot swap. */
  addChunk(blob: Blob, peak: number | null): void {
    const seq = this.nextSeq++;
    this.chunks.expect(seq);
    const write = (async () => {
      const data = await blob.arrayBuffer();
      this.chunks.hold(seq, { data, peak });
      await this.deps.store.putChunk({ clientTakeId: this.clientTakeId, seq, data, peak });
      this.send(seq);
    })();
    this.writes.push(write);
    this.emit();
  }

  /**
   * Ends the take: waits until every chunk is acknowledged, then `take:stop`, resending what the
   * server reports missing. Resolves with the final server state (saved or failed).
   */
  async finish(durationMs: number | null, marks: Partial<TakeMarks> = {}): Promise<TakeState> {
    await Promise.all(this.writes);
    await this.deps.store.updateTake(this.clientTakeId, { stoppedDurationMs: durationMs });
    const lastSeq = this.nextSeq - 1;
    for (;;) {
      await this.timers.until(() => this.takeId !== null && this.chunks.counts().unacked === 0 && this.deps.transport.isConnected());
      if (this.disposed) return 'discarded';
      if (this.isFinal()) break;
      if (this.serverState === 'finalizing') break;
      try {
        const payload = { takeId: this.takeId as string, lastSeq, ...(durationMs === null ? {} : { durationMs }), ...definedMarks(marks) };
        const ack = await this.deps.transport.request('take:stop', payload);
        if (ack.ok) {
          this.setServerState(ack.state);
          break;
        }
        if (ack.error.code === 'MISSING_CHUNKS') {
          await this.requeue(ack.error.missing ?? []);
          continue;
        }
        if (ack.error.code === 'CONFLICT' && ack.error.state) {
          this.setServerState(ack.error.state);
          break;
        }
        if (!isRetryable(ack.error)) return this.fail(ack.error);
        await this.timers.sleep(ack.error.retryAfterMs ?? 1000);
      } catch {
        await this.timers.sleep(500); // timed out or dropped: try again once connected
      }
    }
    this.pollWhileFinalizing();
    await this.timers.until(() => this.isFinal());
    return this.disposed && !this.isFinal() ? 'discarded' : (this.serverState as TakeState);
  }

  /** Throws the take away on the server (before it is saved) and locally. */
  async discard(): Promise<void> {
    if (this.takeId && this.deps.transport.isConnected()) {
      try {
        const ack = await this.deps.transport.request('take:discard', { takeId: this.takeId });
        if (ack.ok) this.setServerState('discarded');
      } catch {
        // The server drops abandoned recordings by itself; locally the take is forgotten.
      }
    }
    await this.deps.store.deleteTake(this.clientTakeId);
    this.dispose();
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.timers.dispose();
  }

  private get disposed(): boolean {
    return this.timers.isDisposed;
  }

  private isFinal(): boolean {
    return isFinalState(this.serverState);
  }

  private fail(error: ErrorBody): TakeState {
    this.error = error;
    this.setServerState('failed');
    return 'failed';
  }

  private async startTake(): Promise<void> {
    const ack = await this.deps.transport.request('take:start', { ...this.pending.start, clientTakeId: this.clientTakeId });
    if (!ack.ok) {
      if (isRetryable(ack.error)) {
        this.timers.later(() => void this.resync(), ack.error.retryAfterMs ?? 1000);
      } else {
        this.fail(ack.error);
      }
      return;
    }
    this.takeId = ack.takeId;
    this.receipt = ack.receipt;
    this.serverState = ack.state;
    if (typeof ack.maxTakeSeconds === 'number') this.deps.onMaxTakeSeconds?.(ack.maxTakeSeconds);
    await this.deps.store.updateTake(this.clientTakeId, { takeId: ack.takeId, receipt: ack.receipt });
    this.emit();
  }

  /** After (re)connecting: learn what the server holds and send the rest. */
  private async resync(): Promise<void> {
    if (this.disposed || !this.deps.transport.isConnected()) return this.emit();
    try {
      if (!this.takeId) {
        this.starting ??= this.startTake().finally(() => (this.starting = null));
        await this.starting;
        if (!this.takeId) return;
        // Without a takeId no chunk could have been sent: send them all, no resume needed.
        for (const seq of this.chunks.unackedInOrder()) this.send(seq);
        return;
      }
      const ack = await this.deps.transport.request('take:resume', { takeId: this.takeId });
      if (!ack.ok) {
        if (!isRetryable(ack.error)) this.fail(ack.error);
        return;
      }
      this.receipt = ack.receipt;
      this.setServerState(ack.state);
      const missing = new Set(ack.missing);
      for (const seq of this.chunks.unackedInOrder()) {
        if (seq < ack.nextSeq && !missing.has(seq)) this.markAcked(seq);
      }
      for (const seq of this.chunks.unackedInOrder()) this.send(seq);
    } catch {
      this.timers.later(() => void this.resync(), this.deps.retryDelayMs ?? 1000);
    } finally {
      this.emit();
    }
  }

  private async requeue(missing: number[]): Promise<void> {
    for (const seq of missing) {
      if (!this.chunks.holds(seq)) {
        const stored = await this.deps.store.getChunk(this.clientTakeId, seq);
        if (!stored) {
          this.fail({ code: 'MISSING_CHUNKS', message: `chunk ${seq} was lost before it reached the server`, missing });
          return;
        }
        this.chunks.hold(seq, { data: stored.data, peak: stored.peak });
      }
      this.chunks.expect(seq);
      this.send(seq);
    }
  }

  private send(seq: number): void {
    if (this.disposed || !this.takeId || !this.deps.transport.isConnected() || this.serverState === 'failed') return;
    const chunk = this.chunks.beginSend(seq);
    if (!chunk) return;
    this.emit();
    const payload = { takeId: this.takeId, seq, data: chunk.data, ...(chunk.peak === null ? {} : { peak: chunk.peak }) };
    this.deps.transport
      .request('take:chunk', payload)
      .then((ack) => {
        if (ack.ok) return this.markAcked(seq);
        if (ack.error.code === 'CONFLICT' && ack.error.state && ack.error.state !== 'recording') {
          this.setServerState(ack.error.state);
        } else if (!isRetryable(ack.error)) {
          this.fail(ack.error);
        } else {
          this.timers.later(() => this.send(seq), ack.error.retryAfterMs ?? 1000);
        }
      })
      .catch(() => {
        // Timed out: resend while connected; a reconnect resyncs anyway.
        this.timers.later(() => this.send(seq), this.deps.retryDelayMs ?? 1000);
      })
      .finally(() => {
        this.chunks.endSend(seq);
        this.emit();
      });
  }

  private markAcked(seq: number): void {
    if (!this.chunks.ack(seq)) return;
    void this.deps.store.deleteChunk(this.clientTakeId, seq);
    this.emit();
  }

  private onStatus(status: TakeStatus): void {
    if (status.takeId !== this.takeId) return;
    if (status.error) this.error = { code: status.error.code, message: status.error.message };
    this.setServerState(status.state);
  }

  private setServerState(state: TakeState): void {
    this.serverState = state;
    if (isFinalState(state)) void this.deps.store.deleteTake(this.clientTakeId);
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.deps.onChange(this.progress());
    this.timers.wake();
  }

  /** Statuses are pushed, but one can be missed across a reconnect: ask now and then. */
  private pollWhileFinalizing(): void {
    const poll = this.deps.pollState;
    if (!poll) return;
    const tick = () => {
      if (this.isFinal() || !this.takeId) return;
      poll(this.takeId)
        .then((state) => {
          if (state !== 'finalizing' && state !== 'recording') this.setServerState(state);
        })
        .catch(() => undefined)
        .finally(() => this.timers.later(tick, 3000));
    };
    this.timers.later(tick, 3000);
  }
}
