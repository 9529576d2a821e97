// Finalize: staged chunks → original + WAV in object storage → row saved. Runs inline after take:stop;
// transient failures (storage or database down) are retried with exponential backoff until they succeed.
import type { Logger } from '../logger.js';
import { analyzePcm, MediaDecodeError, MediaTooLargeError, parseWav, transcodeToWav } from '../media/index.js';
import type { ObjectStore } from '../storage/index.js';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson, type TakeRecord } from '../db/take-row.js';
import type { Metrics } from '../ops/metrics.js';
import type { TakeState } from '../protocol/index.js';
import { objectKeys } from './mime.js';
import type { TakeNotifier } from './take-notifier.js';

export interface FinalizerOptions {
  maxTakeSeconds: number;
  retryBaseMs: number;
  retryMaxMs: number;
  tmpDir?: string;
}

export class Finalizer {
  private readonly running = new Map<string, Promise<TakeState>>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly takes: TakeRepository,
    private readonly store: ObjectStore,
    private readonly notifier: TakeNotifier,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly options: FinalizerOptions,
  ) {}

  /** Starts (or joins) the finalize of a take; resolves with the state it reached on this attempt. */
  run(takeId: string): Promise<TakeState> {
    const current = this.running.get(takeId);
    if (current) return current;
    const attempt = this.attempt(takeId).finally(() => this.running.delete(takeId));
    this.running.set(takeId, attempt);
    return attempt;
  }

  /** Picks up every take left in finalizing, e.g. by a replica that died mid-finalize. */
  async recover(): Promise<number> {
    const ids = await this.takes.listFinalizing();
    for (const id of ids) void this.run(id);
    return ids.length;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Waits for running finalizes (bounded), and cancels pending retries: the next replica picks them up. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    const all = Promise.allSettled([...this.running.values()]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private async attempt(takeId: string): Promise<TakeState> {
    const take = await this.takes.find(takeId);
    if (!take || take.state !== 'finalizing' || take.lastSeq === null) return take?.state ?? 'discarded';
    const started = performance.now();
    try {
      const state = await this.finalize(take, take.lastSeq);
      this.metrics.finalizeSeconds.observe({ outcome: state }, (performance.now() - started) / 1000);
      return state;
    } catch (error) {
      this.metrics.finalizeSeconds.observe({ outcome: 'retry' }, (performance.now() - started) / 1000);
      await this.scheduleRetry(take, error);
      return 'finalizing';
    }
  }

  private async finalize(take: TakeRecord, lastSeq: number): Promise<TakeState> {
    const keys = objectKeys(take.id, take.mimeType);
    const original = await this.takes.assemble(take.id, lastSeq);
    await this.store.put(keys.original, original, take.mimeType);
    let wav: Buffer;
    try {
      wav = await transcodeToWav(original, take.mimeType, this.options.tmpDir ? { tmpDir: this.options.tmpDir } : {});
    } catch (error) {
      // Bad input fails the take for good; anything else (ffmpeg could not run) is retried.
      if (!(error instanceof MediaDecodeError || error instanceof MediaTooLargeError)) throw error;
      this.log.info({ takeId: take.id, err: error }, 'take audio refused');
      const failed =
        error instanceof MediaDecodeError
          ? await this.takes.markFailed(take.id, 'UNSUPPORTED_MEDIA', 'The audio could not be decoded', keys.original)
          : await this.takes.markFailed(take.id, 'TOO_LARGE', 'The take is longer than allowed', keys.original);
      return this.settle(take, failed, keys.prefix);
    }
    const pcm = parseWav(wav);
    const analysis = analyzePcm(pcm.samples, pcm.sampleRate, { maxDurationMs: this.options.maxTakeSeconds * 1000 });
    await this.store.put(keys.wav, wav, 'audio/wav');
    const saved = await this.takes.markSaved(take.id, {
      durationMs: analysis.durationMs,
      quality: analysis.quality,
      originalKey: keys.original,
      wavKey: keys.wav,
    });
    return this.settle(take, saved, keys.prefix);
  }

  private async settle(take: TakeRecord, updated: TakeRecord | null, prefix: string): Promise<TakeState> {
    if (!updated) {
      // Discarded or deleted while we worked: leave nothing behind.
      await this.store.deletePrefix(prefix);
      return (await this.takes.find(take.id))?.state ?? 'discarded';
    }
    await this.takes.dropChunks(take.id);
    this.metrics.takesFinished.inc({ state: updated.state });
    this.publish(updated);
    return updated.state;
  }

  private publish(take: TakeRecord): void {
    const json = toTakeJson(take);
    this.notifier.status(take.speakerId, {
      takeId: take.id,
      state: take.state,
      receivedSeq: take.lastSeq ?? -1,
      durationMs: take.durationMs,
      quality: take.quality,
      error: json.error,
    });
    this.notifier.take(json);
  }

  private async scheduleRetry(take: TakeRecord, error: unknown): Promise<void> {
    this.log.warn({ err: error, takeId: take.id }, 'finalize failed; will retry');
    const attempts = await this.takes
      .noteAttempt(take.id, 'UNAVAILABLE', 'Storage is unavailable; retrying')
      .catch(() => take.finalizeAttempts + 1);
    this.notifier.status(take.speakerId, {
      takeId: take.id,
      state: 'finalizing',
      receivedSeq: take.lastSeq ?? -1,
      durationMs: null,
      quality: null,
      error: { code: 'UNAVAILABLE', message: 'Storage is unavailable; your audio is safe and saving will be retried' },
    });
    if (this.stopped) return;
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(attempts - 1, 16));
    const jitter = delay * (0.8 + Math.random() * 0.4);
    const timer = setTimeout(() => {
      this.retryTimers.delete(take.id);
      void this.run(take.id);
    }, jitter);
    timer.unref();
    this.retryTimers.set(take.id, timer);
  }
}
