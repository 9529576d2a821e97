// Sweeps takes that were abandoned mid-recording, finalize work that no replica owns any more, and staged
// chunks no longer needed (a saved take's at once, a failed or discarded take's after their retention), and the
// audio of takes that failed as undecodable, after a short retention of their own. One replica sweeps at a
// time (a transaction-level advisory lock).
import type { SweepFindings, SweepTimes } from '../db/take-sweep.js';
import type { Logger } from '../logger.js';

export interface SweeperOptions extends SweepTimes {
  intervalMs: number;
}

/** The database side of the sweep (db/take-sweep.ts, db/take-transitions.ts). */
export interface SweepStore {
  sweep: (times: SweepTimes) => Promise<SweepFindings | null>;
  expireUndecodableAudio: (takeId: string) => Promise<void>;
}

export interface SweeperHooks {
  /** A stale take moved to finalizing or failed: tell the speaker and the monitors. */
  changed: (takeId: string) => Promise<void>;
  finalize: (takeId: string) => Promise<void>;
  /** Removes every object under a prefix of the object store. */
  removeObjects: (prefix: string) => Promise<void>;
  /** Every replica, every sweep: release live takes that ended elsewhere. */
  releaseEnded?: () => Promise<void>;
}

export interface StaleSweeperDeps {
  store: SweepStore;
  log: Logger;
  options: SweeperOptions;
  hooks: SweeperHooks;
}

export interface SweepResult {
  finalized: string[];
  failed: string[];
  requeued: string[];
  purgedChunks: number;
  /** Undecodable takes whose audio was removed. */
  expiredAudio: string[];
}

export class StaleSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult | null> | null = null;

  private readonly store: SweepStore;
  private readonly log: Logger;
  private readonly options: SweeperOptions;
  private readonly hooks: SweeperHooks;

  constructor(deps: StaleSweeperDeps) {
    this.store = deps.store;
    this.log = deps.log;
    this.options = deps.options;
    this.hooks = deps.hooks;
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  sweep(): Promise<SweepResult | null> {
    this.running ??= this.sweepOnce()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'sweep failed');
        return null;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult | null> {
    await this.hooks.releaseEnded?.().catch((error: unknown) => this.log.warn({ err: error }, 'ended live takes not released'));
    const found = await this.store.sweep(this.options);
    if (!found) return null; // another replica is sweeping
    const { undecodable, ...result } = { ...found, expiredAudio: [] as string[] };
    for (const takeId of undecodable) if (await this.expireAudio(takeId)) result.expiredAudio.push(takeId);
    for (const takeId of [...result.finalized, ...result.failed]) await this.hooks.changed(takeId);
    for (const takeId of [...result.finalized, ...result.requeued]) await this.hooks.finalize(takeId);
    if (result.finalized.length + result.failed.length + result.requeued.length + result.purgedChunks + result.expiredAudio.length > 0) {
      this.log.info(
        { ...result, finalized: result.finalized.length, failed: result.failed.length, requeued: result.requeued.length, expiredAudio: result.expiredAudio.length },
        'sweep',
      );
    }
    return result;
  }

  /**
   * Objects first, then the row: should storage fail, the next sweep tries again. The row stays failed with
   * UNSUPPORTED_MEDIA; it only loses its original's key and records when the audio went.
   */
  private async expireAudio(takeId: string): Promise<boolean> {
    try {
      await this.hooks.removeObjects(`takes/${takeId}/`);
      await this.store.expireUndecodableAudio(takeId);
      return true;
    } catch (error) {
      this.log.warn({ err: error, takeId }, 'audio of an undecodable take not removed; the next sweep retries');
      return false;
    }
  }
}
