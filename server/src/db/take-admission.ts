// Admitting a new take: the idempotency lookup, the per-speaker limits and the insert as one atomic step.
// Concurrent starts of one speaker (on any replica) queue on the speaker's row lock, so two of them can
// never both see room under the limit and both insert.
import type pg from 'pg';
import type { NewTake } from './take-repository.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { withTransaction } from './transaction.js';

export interface AdmissionLimits {
  maxActiveTakes: number;
  takesPerMinute: number;
}

export type Admission =
  | { kind: 'inserted'; take: TakeRecord }
  /** The same clientTakeId was used before: the caller compares the fields. */
  | { kind: 'existing'; take: TakeRecord }
  | { kind: 'too_many_active' }
  | { kind: 'too_many_per_minute' };

export function admitTake(pool: pg.Pool, take: NewTake, limits: AdmissionLimits): Promise<Admission> {
  return withTransaction(pool, async (client) => {
    // NO KEY UPDATE: serialises admissions of this speaker without blocking the foreign-key checks of other writes.
    await client.query('SELECT 1 FROM speakers WHERE id = $1 FOR NO KEY UPDATE', [take.speakerId]);
    if (take.clientTakeId !== null) {
      // Before the limits: a retry of an admitted take gets its take back even when the speaker is at the limit.
      const existing = await client.query(`SELECT ${TAKE_COLUMNS} FROM takes WHERE speaker_id = $1 AND client_take_id = $2`, [
        take.speakerId,
        take.clientTakeId,
      ]);
      if (existing.rows[0]) return { kind: 'existing', take: toTakeRecord(existing.rows[0]) };
    }
    const counts = await client.query(
      `SELECT count(*) FILTER (WHERE state = 'recording')::int AS active,
              count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS recent
       FROM takes WHERE speaker_id = $1`,
      [take.speakerId],
    );
    if ((counts.rows[0].active as number) >= limits.maxActiveTakes) return { kind: 'too_many_active' };
    if ((counts.rows[0].recent as number) >= limits.takesPerMinute) return { kind: 'too_many_per_minute' };
    const inserted = await client.query(
      `INSERT INTO takes (speaker_id, sentence_id, locale, client_take_id, emotion, intensity, mime_type, audio_settings, state,
         sentence_text, replaces, prompt_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${TAKE_COLUMNS}`,
      [take.speakerId, take.sentenceId, take.locale, take.clientTakeId, take.emotion, take.intensity, take.mimeType,
        take.audioSettings, take.state, take.sentenceText, take.replaces, take.promptId],
    );
    return { kind: 'inserted', take: toTakeRecord(inserted.rows[0]) };
  });
}
