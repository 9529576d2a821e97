// Take rows through the raw pool: state transitions need row locks, and the chunk path needs speed. The
// transitions themselves are take-transitions.ts, spread into this repository.
import type pg from 'pg';
import type { AudioSettings, Emotion, Intensity, Locale, TakeState } from '../protocol/index.js';
import { heldSeqs } from './chunk-repository.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { admitTake, type Admission, type AdmissionLimits } from './take-admission.js';
import { takeTransitions } from './take-transitions.js';

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
  promptId: string | null;
}

export function takeRepository(pool: pg.Pool) {
  const one = async (sql: string, params: unknown[]) => {
    const result = await pool.query(sql, params);
    return result.rows[0] ? toTakeRecord(result.rows[0]) : null;
  };
  return {
    /** The state transitions (take-transitions.ts). */
    ...takeTransitions(pool),
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
    heldSeqs(takeId: string): Promise<number[]> {
      return heldSeqs(pool, takeId);
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
    /** The speaker's page said goodbye: their takes still recording are swept after LEFT_TAKE_SECONDS (take-sweep.ts). */
    async markSpeakerLeft(speakerId: string): Promise<void> {
      await pool.query("UPDATE takes SET speaker_left_at = now() WHERE speaker_id = $1 AND state = 'recording'", [speakerId]);
    },
    /** A resume counts as activity: the stale sweep leaves the take alone. */
    async touch(takeId: string): Promise<void> {
      await pool.query('UPDATE takes SET last_activity_at = now() WHERE id = $1', [takeId]);
    },
    async dropChunks(takeId: string): Promise<void> {
      await pool.query('DELETE FROM take_chunks WHERE take_id = $1', [takeId]);
    },
    /** The staged chunks of those of these takes that are saved (takes/chunk-dropper.ts); any other take keeps its own. */
    async dropSavedChunks(takeIds: readonly string[]): Promise<void> {
      await pool.query(
        `DELETE FROM take_chunks c USING takes t WHERE c.take_id = ANY($1::uuid[]) AND t.id = c.take_id AND t.state = 'saved'`,
        [takeIds],
      );
    },
  };
}
export type TakeRepository = ReturnType<typeof takeRepository>;
