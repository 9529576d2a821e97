// Take rows through the raw pool: state transitions need row locks, and the chunk path needs speed.
import type pg from 'pg';
import type { AudioSettings, Emotion, ErrorCode, Intensity, Locale, Quality, TakeState } from '../protocol/index.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { admitTake, type Admission, type AdmissionLimits } from './take-admission.js';
import { withTransaction } from './transaction.js';

/** Chunks per statement when a take is assembled: 50 chunks is 15 s of audio. */
const ASSEMBLE_SLICE = 50;

export interface NewTake {
  speakerId: string;
  sentenceId: string;
  /** The sentence's text at start: what the speaker reads. */
  sentenceText: string;
  locale: Locale;
  clientTakeId: string | null;
  emotion: Emotion;
  intensity: Intensity | null;
  mimeType: string;
  audioSettings: AudioSettings | null;
  state: TakeState;
  replaces: string | null;
}

export interface SavedResult {
  durationMs: number;
  quality: Quality;
  originalKey: string;
  wavKey: string;
}

export function takeRepository(pool: pg.Pool) {
  const one = async (sql: string, params: unknown[]) => {
    const result = await pool.query(sql, params);
    return result.rows[0] ? toTakeRecord(result.rows[0]) : null;
  };
  return {
    /** The idempotency lookup, the per-speaker limits and the insert, atomically (take-admission.ts). */
    admit(take: NewTake, limits: AdmissionLimits): Promise<Admission> {
      return admitTake(pool, take, limits);
    },
    findByClientId(speakerId: string, clientTakeId: string): Promise<TakeRecord | null> {
      return one(`SELECT ${TAKE_COLUMNS} FROM takes WHERE speaker_id = $1 AND client_take_id = $2`, [speakerId, clientTakeId]);
    },
    find(id: string): Promise<TakeRecord | null> {
      return one(`SELECT ${TAKE_COLUMNS} FROM takes WHERE id = $1`, [id]);
    },
    /** Those of these takes that are still recording or finalizing. */
    async unfinishedAmong(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const result = await pool.query("SELECT id FROM takes WHERE id = ANY($1::uuid[]) AND state IN ('recording', 'finalizing')", [ids]);
      return new Set(result.rows.map((row) => row.id as string));
    },
    async heldSeqs(takeId: string): Promise<number[]> {
      const result = await pool.query('SELECT seq FROM take_chunks WHERE take_id = $1 ORDER BY seq', [takeId]);
      return result.rows.map((row) => row.seq as number);
    },
    async heldBytes(takeId: string): Promise<{ bytes: number }> {
      const result = await pool.query(
        'SELECT coalesce(sum(octet_length(data)), 0)::bigint AS bytes FROM take_chunks WHERE take_id = $1',
        [takeId],
      );
      return { bytes: Number(result.rows[0].bytes) };
    },
    /**
     * The staged chunks 0..lastSeq, concatenated in order: the source of truth for finalize. A long take is read
     * as slices over several connections at once, so its stop costs little more than a short one's: read in one
     * statement, most of the time goes to PostgreSQL's single backend.
     */
    async assemble(takeId: string, lastSeq: number): Promise<Buffer> {
      const slices: Promise<pg.QueryResult>[] = [];
      for (let from = 0; from <= lastSeq; from += ASSEMBLE_SLICE) {
        slices.push(
          pool.query('SELECT seq, data FROM take_chunks WHERE take_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq', [
            takeId,
            from,
            Math.min(from + ASSEMBLE_SLICE - 1, lastSeq),
          ]),
        );
      }
      const rows = (await Promise.all(slices)).flatMap((result) => result.rows);
      rows.forEach((row, index) => {
        if (row.seq !== index) throw new Error(`staged chunk ${index} is missing`);
      });
      if (rows.length !== lastSeq + 1) throw new Error('staged chunks are incomplete');
      return Buffer.concat(rows.map((row) => row.data as Buffer));
    },
    /** Runs fn in a transaction holding the take's row lock. */
    withLockedTake<T>(takeId: string, fn: (take: TakeRecord | null, client: pg.PoolClient) => Promise<T>): Promise<T> {
      return withTransaction(pool, async (client) => {
        const result = await client.query(`SELECT ${TAKE_COLUMNS} FROM takes WHERE id = $1 FOR UPDATE`, [takeId]);
        return fn(result.rows[0] ? toTakeRecord(result.rows[0]) : null, client);
      });
    },
    /** Claims the right to finalize: null when the take is not finalizing or another replica holds the lease. */
    claimFinalize(takeId: string, leaseMs: number): Promise<TakeRecord | null> {
      return one(
        `UPDATE takes SET finalize_lease_until = now() + make_interval(secs => $2 / 1000.0)
         WHERE id = $1 AND state = 'finalizing' AND (finalize_lease_until IS NULL OR finalize_lease_until < now())
         RETURNING ${TAKE_COLUMNS}`,
        [takeId, leaseMs],
      );
    },
    async releaseFinalize(takeId: string): Promise<void> {
      await pool.query('UPDATE takes SET finalize_lease_until = NULL WHERE id = $1', [takeId]);
    },
    /**
     * Saves the take and, in the same statement, marks the take it re-records as replaced by it. A take already
     * replaced keeps its first replacement: labels are never rewritten behind anyone's back.
     */
    markSaved(takeId: string, saved: SavedResult): Promise<TakeRecord | null> {
      return one(
        `WITH saved AS (
           UPDATE takes SET state = 'saved', duration_ms = $2, quality = $3, original_key = $4, wav_key = $5,
             error_code = NULL, error_message = NULL, finalize_lease_until = NULL, saved_at = now(), updated_at = now()
           WHERE id = $1 AND state = 'finalizing' RETURNING ${TAKE_COLUMNS}
         ), replaced AS (
           UPDATE takes old SET replaced_by = saved.id, updated_at = now() FROM saved
           WHERE old.id = saved.replaces AND old.replaced_by IS NULL AND old.speaker_id = saved.speaker_id
           RETURNING old.id
         )
         SELECT * FROM saved`,
        [takeId, saved.durationMs, saved.quality, saved.originalKey, saved.wavKey],
      );
    },
    markFailed(takeId: string, code: ErrorCode, message: string, originalKey: string | null): Promise<TakeRecord | null> {
      return one(
        `UPDATE takes SET state = 'failed', error_code = $2, error_message = $3, original_key = coalesce($4, original_key),
           finalize_lease_until = NULL, updated_at = now()
         WHERE id = $1 AND state = 'finalizing' RETURNING ${TAKE_COLUMNS}`,
        [takeId, code, message, originalKey],
      );
    },
    /** Ends a take that is still recording in failed (a whole upload refused midway). */
    failRecording(takeId: string, code: ErrorCode, message: string): Promise<TakeRecord | null> {
      return one(
        `UPDATE takes SET state = 'failed', error_code = $2, error_message = $3, updated_at = now()
         WHERE id = $1 AND state = 'recording' RETURNING ${TAKE_COLUMNS}`,
        [takeId, code, message],
      );
    },
    /** Counts a finalize attempt; returns the new count. */
    async noteAttempt(takeId: string, code: ErrorCode, message: string): Promise<number> {
      const result = await pool.query(
        `UPDATE takes SET finalize_attempts = finalize_attempts + 1, error_code = $2, error_message = $3,
           finalize_lease_until = NULL, updated_at = now()
         WHERE id = $1 RETURNING finalize_attempts`,
        [takeId, code, message],
      );
      return (result.rows[0]?.finalize_attempts as number | undefined) ?? 0;
    },
    /** A resume counts as activity: the stale sweep leaves the take alone. */
    async touch(takeId: string): Promise<void> {
      await pool.query('UPDATE takes SET last_activity_at = now() WHERE id = $1', [takeId]);
    },
    async dropChunks(takeId: string): Promise<void> {
      await pool.query('DELETE FROM take_chunks WHERE take_id = $1', [takeId]);
    },
  };
}
export type TakeRepository = ReturnType<typeof takeRepository>;
