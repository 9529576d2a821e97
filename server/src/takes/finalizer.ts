// Finalize: staged chunks → original + WAV in object storage → row saved. It runs inline right after take:stop;
// the durable finalize job (jobs/finalize-queue.ts) calls it again, with backoff, until the take leaves
// finalizing. A lease on the row keeps two replicas from finalizing one take at once.
import { rm } from 'node:fs/promises';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson, toTakeStatus, type TakeRecord } from '../db/take-row.js';
import type { Logger } from '../logger.js';
import {
  analyzePcm,
  MediaDecodeError,
  MediaTooLargeError,
  parseWav,
  transcodeToWav,
  type AudioAnalysis,
  type FfmpegLauncher,
  type QualityThresholds,
} from '../media/index.js';
import type { Metrics } from '../ops/metrics.js';
import type { TakeState } from '../protocol/index.js';
import type { ObjectStore } from '../storage/index.js';
import { objectKeys } from './object-keys.js';
import { refusedAboveMs, takeTooLongMessage } from './take-length.js';
import type { ChunkDropper } from './chunk-dropper.js';
import type { LiveTranscodes } from './live-transcodes.js';
import type { TakeNotifier } from './take-notifier.js';
import type { Slot, TranscodeSlots } from './transcode-slots.js';

export interface FinalizerOptions {
  /** The same as the live transcodes measure with. */
  thresholds: Partial<QualityThresholds>;
  leaseMs: number;
  launcher?: FfmpegLauncher;
  /** MAX_TAKE_SECONDS: a take decoded longer (beyond the tolerance) fails with TOO_LARGE instead of being saved. */
  maxTakeSeconds?: number;
}

/** How a finalize got its WAV: from the live transcode, or by transcoding the staged chunks (unknown if it never got there). */
export type FinalizePath = 'live' | 'batch' | 'unknown';

const tooLongMessage = (maxTakeSeconds: number | undefined) =>
  maxTakeSeconds === undefined ? 'The take is longer than allowed' : takeTooLongMessage(maxTakeSeconds);

export interface FinalizerDeps {
  takes: TakeRepository;
  store: ObjectStore;
  notifier: TakeNotifier;
  metrics: Metrics;
  log: Logger;
  options: FinalizerOptions;
  /** Where a live WAV may already be waiting, so that the take is not transcoded twice. */
  live: LiveTranscodes;
  /** Places for batch transcodes (BATCH_TRANSCODE_MAX). */
  slots: TranscodeSlots;
  /** Where a saved take's staged chunks go to be dropped. */
  chunks: ChunkDropper;
}

export class Finalizer {
  private readonly running = new Map<string, Promise<TakeState>>();
  private readonly takes: TakeRepository;
  private readonly store: ObjectStore;
  private readonly notifier: TakeNotifier;
  private readonly metrics: Metrics;
  private readonly log: Logger;
  private readonly options: FinalizerOptions;
  private readonly live: LiveTranscodes;
  private readonly slots: TranscodeSlots;
  private readonly chunks: ChunkDropper;

  constructor(deps: FinalizerDeps) {
    this.takes = deps.takes;
    this.store = deps.store;
    this.notifier = deps.notifier;
    this.metrics = deps.metrics;
    this.log = deps.log;
    this.options = deps.options;
    this.live = deps.live;
    this.slots = deps.slots;
    this.chunks = deps.chunks;
  }

  /** Finalizes (or joins this replica's finalize of) a take; resolves with the state it is in afterwards. */
  run(takeId: string): Promise<TakeState> {
    return this.once(takeId, () => this.attempt(takeId));
  }

  /**
   * The lease a stop may claim for this replica in its own statement: a live take is finalized at once, so its
   * stop claims; a take bound for the batch path claims only once it has a transcode place (null).
   */
  leaseAtStop(takeId: string): number | null {
    return this.live.holds(takeId) && !this.running.has(takeId) ? this.options.leaseMs : null;
  }

  /** Finalizes a take whose lease its stop already claimed (leaseAtStop). */
  runClaimed(take: TakeRecord): Promise<TakeState> {
    return this.once(take.id, () => this.finalizeClaimed(take, null));
  }

  /** One finalize of a take at a time on this replica: a second call joins the running one. */
  private once(takeId: string, work: () => Promise<TakeState>): Promise<TakeState> {
    const current = this.running.get(takeId);
    if (current) return current;
    const attempt = work().finally(() => this.running.delete(takeId));
    this.running.set(takeId, attempt);
    return attempt;
  }

  /** Waits, within a bound, for the finalizes running here; the durable job covers the rest. */
  async drain(timeoutMs: number): Promise<void> {
    const all = Promise.allSettled([...this.running.values()]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private async attempt(takeId: string): Promise<TakeState> {
    // A take bound for the batch path waits for its transcode place before it claims the lease: the wait never
    // eats into the lease, and meanwhile another replica's finalize job is free to take the take.
    if (this.live.holds(takeId)) return this.claimed(takeId, null);
    // The durable job comes back for takes long saved: those must not queue behind transcodes.
    const current = await this.takes.find(takeId);
    if (current?.state !== 'finalizing') return current?.state ?? 'discarded';
    const slot = await this.slots.acquire();
    try {
      return await this.claimed(takeId, slot);
    } finally {
      slot.release();
    }
  }

  private async claimed(takeId: string, slot: Slot | null): Promise<TakeState> {
    const take = await this.takes.claimFinalize(takeId, this.options.leaseMs);
    if (!take) return (await this.takes.find(takeId))?.state ?? 'discarded';
    return this.finalizeClaimed(take, slot);
  }

  private async finalizeClaimed(take: TakeRecord, slot: Slot | null): Promise<TakeState> {
    const started = performance.now();
    const trace: { path: FinalizePath } = { path: 'unknown' };
    try {
      const state = await this.finalize(take, take.lastSeq ?? -1, trace, slot);
      const ms = performance.now() - started;
      this.metrics.finalizeSeconds.observe({ outcome: state, path: trace.path }, ms / 1000);
      this.log.info({ takeId: take.id, state, path: trace.path, ms: Math.round(ms) }, 'take finalized');
      return state;
    } catch (error) {
      this.metrics.finalizeSeconds.observe({ outcome: 'retry', path: trace.path }, (performance.now() - started) / 1000);
      await this.noteFailure(take, error, trace.path);
      return 'finalizing';
    }
  }

  private async finalize(take: TakeRecord, lastSeq: number, trace: { path: FinalizePath }, slot: Slot | null): Promise<TakeState> {
    const keys = objectKeys(take.id, take.mimeType);
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, work: Promise<T>): Promise<T> => {
      const at = performance.now();
      const value = await work;
      timings[name] = Math.round((performance.now() - at) * 10) / 10;
      return value;
    };
    // Two independent paths, side by side: the original (spooled while live, else assembled from the staged
    // chunks) → original object, and the live WAV (or, without one, a transcode of the original) → analysis →
    // WAV object. A live take's files are moved into the store, not copied. Only the row update waits for both.
    const live = this.live.finish(take.id, lastSeq);
    let assembled: Promise<Buffer> | undefined;
    const assemble = () => (assembled ??= timed('assemble', this.takes.assemble(take.id, lastSeq)));
    const storedOriginal = timed(
      'original',
      live.original.then((spooled) =>
        spooled
          ? this.store.putFile(keys.original, spooled, keys.originalType)
          : assemble().then((bytes) => this.store.put(keys.original, bytes, keys.originalType)),
      ),
    );
    storedOriginal.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    let storedWav: Promise<void>;
    let analysis: AudioAnalysis;
    try {
      const liveWav = await timed('liveFinish', live.wav);
      let storeWav: () => Promise<void>;
      trace.path = liveWav ? 'live' : 'batch';
      if (liveWav) {
        analysis = liveWav.analysis;
        storeWav = () => this.store.putFile(keys.wav, liveWav.file, 'audio/wav');
      } else {
        const wav = await timed('transcode', this.transcode(await assemble(), take.mimeType, slot));
        const pcm = parseWav(wav);
        analysis = analyzePcm(pcm.samples, pcm.sampleRate, this.options.thresholds);
        storeWav = () => this.store.put(keys.wav, wav, 'audio/wav');
      }
      const { maxTakeSeconds } = this.options;
      if (maxTakeSeconds !== undefined && analysis.durationMs > refusedAboveMs(maxTakeSeconds)) {
        if (liveWav) await rm(liveWav.file, { force: true }).catch(() => undefined);
        throw new MediaTooLargeError(takeTooLongMessage(maxTakeSeconds));
      }
      storedWav = timed('wav', storeWav());
    } catch (error) {
      await storedOriginal;
      // Bad input fails the take for good; anything else (ffmpeg could not run) is retried.
      if (!(error instanceof MediaDecodeError || error instanceof MediaTooLargeError)) throw error;
      this.log.info({ takeId: take.id, err: error }, 'take audio refused');
      const failed =
        error instanceof MediaDecodeError
          ? await this.takes.markFailed(take.id, 'UNSUPPORTED_MEDIA', 'The audio could not be decoded', keys.original)
          : await this.takes.markFailed(take.id, 'TOO_LARGE', tooLongMessage(this.options.maxTakeSeconds), keys.original);
      return this.settle(take, failed, keys.prefix);
    }
    await Promise.all([storedOriginal, storedWav]);
    const saved = await timed(
      'markSaved',
      this.takes.markSaved(take.id, { durationMs: analysis.durationMs, quality: analysis.quality, originalKey: keys.original, wavKey: keys.wav }),
    );
    this.log.debug({ takeId: take.id, path: trace.path, timings, audioMs: analysis.durationMs }, 'finalize timings');
    return this.settle(take, saved, keys.prefix);
  }

  /** In the place the take waited for; a live take whose transcode fell through queues for one only now. */
  private async transcode(bytes: Buffer, mimeType: string, slot: Slot | null): Promise<Buffer> {
    const work = () => transcodeToWav(bytes, mimeType, { launcher: this.options.launcher });
    if (!slot) return this.slots.run(work);
    try {
      return await work();
    } finally {
      slot.release(); // storing and saving need no ffmpeg: the next take may start
    }
  }

  private async settle(take: TakeRecord, updated: TakeRecord | null, prefix: string): Promise<TakeState> {
    if (!updated) {
      // Discarded or deleted while we worked (we held the lease, so no one else saved it): leave nothing behind.
      const state = (await this.takes.find(take.id))?.state ?? 'discarded';
      if (state === 'discarded') await this.store.deletePrefix(prefix);
      return state;
    }
    this.metrics.takesFinished.inc({ state: updated.state });
    // A failed take's staged chunks are kept for inspection until the retention sweep.
    if (updated.state === 'saved') this.chunks.add(take.id);
    const json = toTakeJson(updated);
    this.notifier.status(updated.speakerId, toTakeStatus(updated));
    this.notifier.take(json);
    if (updated.state === 'saved' && updated.replaces) await this.announceReplaced(updated.replaces);
    return updated.state;
  }

  /** Monitors see the re-recorded take's new link; a failure here costs only that notice. */
  private async announceReplaced(takeId: string): Promise<void> {
    const old = await this.takes.find(takeId).catch(() => null);
    if (old) this.notifier.take(toTakeJson(old));
  }

  private async noteFailure(take: TakeRecord, error: unknown, path: FinalizePath): Promise<void> {
    this.log.warn({ err: error, takeId: take.id, path }, 'finalize failed; the finalize job will retry');
    await this.takes.noteAttempt(take.id, 'UNAVAILABLE', 'Storage is unavailable; retrying').catch(() => undefined);
    this.notifier.status(take.speakerId, {
      takeId: take.id,
      state: 'finalizing',
      receivedSeq: take.lastSeq ?? -1,
      durationMs: null,
      quality: null,
      error: { code: 'UNAVAILABLE', message: 'Saving is delayed; your audio is safe and saving will be retried' },
    });
  }
}
