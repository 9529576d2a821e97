// The take state machine, every transition in one place: recording → finalizing → saved | failed, recording →
// failed | discarded. Each is one statement or one transaction holding the take's row lock, guarded by the state
// it leaves, so two replicas (or a request and the sweep) can never both move one take.
import type pg from 'pg';
import type { ErrorCode, Quality, TakeState } from '../protocol/index.js';
import { STOP_TAKE_ERRORS } from './migrations/013-stop-take.js';
import { heldSeqs } from './chunk-repository.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { withTransaction } from './transaction.js';

export interface SavedResult {
  durationMs: number;
  quality: Quality;
  originalKey: string;
  wavKey: string;
}

export type StopOutcome =
  | { kind: 'not_found' }
  /** Stopped before (or ended otherwise): nothing changed. */
  | { kind: 'not_recording'; state: TakeState; lastSeq: number | null }
  /** A chunk above lastSeq is held. */
  | { kind: 'beyond_last_seq' }
  /** Some chunk of 0..lastSeq is not held; the held seqs, ascending. */
  | { kind: 'incomplete'; held: number[] }
  /** Moved; `claimed` when the stop also took the finalize lease (the take is finalized right here). */
  | { kind: 'finalizing'; take: TakeRecord; claimed: boolean };

/** The recorder's pre-roll and post-roll marks, stored by the stop that ends the recording (a repeated stop keeps them). */
export interface TakeMarks {
  speakAtMs: number | null;
  stopPressedAtMs: number | null;
}
const NO_MARKS: TakeMarks = { speakAtMs: null, stopPressedAtMs: null };

export type DiscardOutcome = { kind: 'not_found' } | { kind: 'saved' } | { kind: 'discarded'; take: TakeRecord };

/** Sorted distinct seqs hold every seq of 0..last. */
const holdsEvery = (held: readonly number[], last: number): boolean => held.length === last + 1 && (held.length === 0 || held[0] === 0);

async function lockTake(client: pg.PoolClient, takeId: string, speakerId: string): Promise<TakeRecord | null> {
  const result = await client.query(`SELECT ${TAKE_COLUMNS} FROM takes WHERE id = $1 FOR UPDATE`, [takeId]);
  const take = result.rows[0] ? toTakeRecord(result.rows[0]) : null;
  return take && take.speakerId === speakerId ? take : null;
}

/**
 * A recording take nobody touched for a while, already locked by the sweep: to finalizing when its chunks
 * 0..n are all staged, else failed as abandoned. Returns the state it moved to.
 */
export async function endStale(client: pg.PoolClient, takeId: string): Promise<'finalizing' | 'failed'> {
  const seqs = await heldSeqs(client, takeId);
  const last = seqs[seqs.length - 1];
  if (last !== undefined && holdsEvery(seqs, last)) {
    await client.query("UPDATE takes SET state = 'finalizing', last_seq = $2, updated_at = now() WHERE id = $1", [takeId, last]);
    return 'finalizing';
  }
  await client.query(
    `UPDATE takes SET state = 'failed', error_code = 'MISSING_CHUNKS',
       error_message = 'The take was abandoned before all of its audio arrived', updated_at = now()
     WHERE id = $1`,
    [takeId],
  );
  return 'failed';
}

export function takeTransitions(pool: pg.Pool) {
  const one = async (sql: string, params: unknown[]) => {
    const result = await pool.query(sql, params);
    return result.rows[0] ? toTakeRecord(result.rows[0]) : null;
  };
  return {
    /**
     * The speaker's stop: recording → finalizing once chunks 0..lastSeq are all staged, under the row lock, in one
     * round trip (migration 013). With `leaseMs`, the same statement claims the finalize lease (as claimFinalize
     * would): a burst of stops then costs no extra round trip per take before its finalize starts.
     */
    async moveToFinalizing(
      takeId: string,
      speakerId: string,
      lastSeq: number,
      clientDurationMs: number | null,
      marks: TakeMarks = NO_MARKS,
      leaseMs: number | null = null,
    ): Promise<StopOutcome> {
      try {
        const moved = await pool.query({
          name: 'stop-take',
          text: `SELECT ${TAKE_COLUMNS} FROM emovox_stop_take($1, $2, $3, $4, $5, $6, $7)`,
          values: [takeId, speakerId, lastSeq, clientDurationMs, marks.speakAtMs, marks.stopPressedAtMs, leaseMs],
        });
        return { kind: 'finalizing', take: toTakeRecord(moved.rows[0]), claimed: leaseMs !== null };
      } catch (error) {
        const { code, detail } = error as { code?: string; detail?: string };
        switch (code) {
          case STOP_TAKE_ERRORS.notFound:
            return { kind: 'not_found' };
          case STOP_TAKE_ERRORS.notRecording: {
            const { state, lastSeq: stoppedAt } = JSON.parse(detail ?? '{}') as { state: TakeState; lastSeq: number | null };
            return { kind: 'not_recording', state, lastSeq: stoppedAt };
          }
          case STOP_TAKE_ERRORS.beyondLastSeq:
            return { kind: 'beyond_last_seq' };
          case STOP_TAKE_ERRORS.incomplete:
            return { kind: 'incomplete', held: JSON.parse(detail ?? '[]') as number[] };
          default:
            throw error;
        }
      }
    },
    /** The speaker's discard: any state but saved → discarded (a discarded take stays so). */
    discard(takeId: string, speakerId: string): Promise<DiscardOutcome> {
      return withTransaction(pool, async (client): Promise<DiscardOutcome> => {
        const take = await lockTake(client, takeId, speakerId);
        if (!take) return { kind: 'not_found' };
        if (take.state === 'saved') return { kind: 'saved' };
        if (take.state !== 'discarded') await client.query("UPDATE takes SET state = 'discarded', updated_at = now() WHERE id = $1", [take.id]);
        return { kind: 'discarded', take: { ...take, state: 'discarded' } };
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
    /**
     * Saves the take and, in the same statement, marks the take it re-records as replaced by it. A take already
     * replaced keeps its first replacement: labels are never rewritten behind anyone's back. The staged chunks,
     * redundant once the objects are stored, are dropped a moment later (takes/chunk-dropper.ts).
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
    /** Ends a take that is still recording in failed (a whole upload refused midway, a take grown too long). */
    failRecording(takeId: string, code: ErrorCode, message: string): Promise<TakeRecord | null> {
      return one(
        `UPDATE takes SET state = 'failed', error_code = $2, error_message = $3, updated_at = now()
         WHERE id = $1 AND state = 'recording' RETURNING ${TAKE_COLUMNS}`,
        [takeId, code, message],
      );
    },
    /** Counts a finalize attempt and gives the lease back; returns the new count. */
    async noteAttempt(takeId: string, code: ErrorCode, message: string): Promise<number> {
      const result = await pool.query(
        `UPDATE takes SET finalize_attempts = finalize_attempts + 1, error_code = $2, error_message = $3,
           finalize_lease_until = NULL, updated_at = now()
         WHERE id = $1 RETURNING finalize_attempts`,
        [takeId, code, message],
      );
      return (result.rows[0]?.finalize_attempts as number | undefined) ?? 0;
    },
    /**
     * An undecodable take whose audio went: it stays failed with UNSUPPORTED_MEDIA, and only loses its original's
     * key and records when the audio went.
     */
    async expireUndecodableAudio(takeId: string): Promise<void> {
      await pool.query(
        `UPDATE takes SET original_key = NULL, audio_expired_at = now()
         WHERE id = $1 AND state = 'failed' AND error_code = 'UNSUPPORTED_MEDIA' AND audio_expired_at IS NULL`,
        [takeId],
      );
    },
  };
}
export type TakeTransitions = ReturnType<typeof takeTransitions>;
