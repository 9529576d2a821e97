// Sweeps takes that were abandoned mid-recording, finalize work that no replica owns any more, and staged
// chunks no longer needed (a saved take's at once, a failed or discarded take's after their retention), and the
// audio of takes that failed as undecodable, after a short retention of their own. One replica sweeps at a
// time (a transaction-level advisory lock).
import type pg from 'pg';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import { contiguousUpTo } from './live-takes.js';

const SWEEP_LOCK_KEY = 0x656d6f77; // "emow"

export interface SweeperOptions {
  intervalMs: number;
  /** A recording take with no chunk and no resume for this long is abandoned. */
  staleAfterMs: number;
  /** Staged chunks of failed takes are kept this long. */
  retentionMs: number;
  /** A take that failed as undecodable (UNSUPPORTED_MEDIA) keeps its original and staged chunks this long. */
  undecodableRetentionMs: number;
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
  pool: pg.Pool;
  log: Logger;
  options: SweeperOptions;
  hooks: SweeperHooks;
}

/** Undecodable takes whose audio one sweep removes at most. */
const EXPIRE_BATCH = 100;

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

  private readonly pool: pg.Pool;
  private readonly log: Logger;
  private readonly options: SweeperOptions;
  private readonly hooks: SweeperHooks;

  constructor(deps: StaleSweeperDeps) {
    this.pool = deps.pool;
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
    const result: SweepResult = { finalized: [], failed: [], requeued: [], purgedChunks: 0, expiredAudio: [] };
    let undecodable: string[] = [];
    const swept = await withTransaction(this.pool, async (client) => {
      const locked = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [SWEEP_LOCK_KEY]);
      if (!locked.rows[0].ok) return false; // another replica is sweeping
      const stale = await client.query(
        `SELECT t.id FROM takes t
         WHERE t.state = 'recording' AND t.last_activity_at < now() - make_interval(secs => $1 / 1000.0)
           AND NOT EXISTS (SELECT 1 FROM take_chunks c WHERE c.take_id = t.id AND c.created_at > now() - make_interval(secs => $1 / 1000.0))
         ORDER BY t.last_activity_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [this.options.staleAfterMs],
      );
      for (const row of stale.rows) {
        const takeId = row.id as string;
        const seqs = (await client.query('SELECT seq FROM take_chunks WHERE take_id = $1 ORDER BY seq', [takeId])).rows.map((r) => r.seq as number);
        const complete = seqs.length > 0 && contiguousUpTo(seqs) === seqs[seqs.length - 1];
        if (complete) {
          await client.query(
            "UPDATE takes SET state = 'finalizing', last_seq = $2, updated_at = now() WHERE id = $1",
            [takeId, seqs[seqs.length - 1]],
          );
          result.finalized.push(takeId);
        } else {
          await client.query(
            `UPDATE takes SET state = 'failed', error_code = 'MISSING_CHUNKS',
               error_message = 'The take was abandoned before all of its audio arrived', updated_at = now()
             WHERE id = $1`,
            [takeId],
          );
          result.failed.push(takeId);
        }
      }
      // Finalizing takes that no replica holds a lease on, and that nothing touched for a while.
      const orphans = await client.query(
        `SELECT id FROM takes WHERE state = 'finalizing' AND (finalize_lease_until IS NULL OR finalize_lease_until < now())
           AND updated_at < now() - interval '30 seconds' LIMIT 500`,
      );
      result.requeued = orphans.rows.map((r) => r.id as string);
      const purged = await client.query(
        `DELETE FROM take_chunks c USING takes t
         WHERE c.take_id = t.id AND (t.state = 'saved'
           OR (t.state IN ('failed', 'discarded') AND t.updated_at < now() - make_interval(secs => $1 / 1000.0))
           OR (t.state = 'failed' AND t.error_code = 'UNSUPPORTED_MEDIA' AND t.updated_at < now() - make_interval(secs => $2 / 1000.0)))`,
        [this.options.retentionMs, this.options.undecodableRetentionMs],
      );
      result.purgedChunks = purged.rowCount ?? 0;
      const expired = await client.query(
        `SELECT id FROM takes WHERE state = 'failed' AND error_code = 'UNSUPPORTED_MEDIA' AND audio_expired_at IS NULL
           AND updated_at < now() - make_interval(secs => $1 / 1000.0) ORDER BY updated_at LIMIT ${EXPIRE_BATCH}`,
        [this.options.undecodableRetentionMs],
      );
      undecodable = expired.rows.map((r) => r.id as string);
      return true;
    });
    if (!swept) return null;
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
      await this.pool.query(
        `UPDATE takes SET original_key = NULL, audio_expired_at = now()
         WHERE id = $1 AND state = 'failed' AND error_code = 'UNSUPPORTED_MEDIA' AND audio_expired_at IS NULL`,
        [takeId],
      );
      return true;
    } catch (error) {
      this.log.warn({ err: error, takeId }, 'audio of an undecodable take not removed; the next sweep retries');
      return false;
    }
  }
}
