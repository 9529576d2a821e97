// A speaker's own takes, for "my takes" and for deleting them all when the speaker asks to be forgotten.
import type pg from 'pg';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';

export function speakerTakeRepository(pool: pg.Pool) {
  return {
    /** Newest first, at most `limit`. */
    async list(speakerId: string, limit: number): Promise<TakeRecord[]> {
      const result = await pool.query(
        `SELECT ${TAKE_COLUMNS} FROM takes WHERE speaker_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [speakerId, limit],
      );
      return result.rows.map(toTakeRecord);
    },
  };
}
export type SpeakerTakeRepository = ReturnType<typeof speakerTakeRepository>;
