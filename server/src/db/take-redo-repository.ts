// A redo request, in one transaction: the take's review becomes rejected (never deleted), the request is kept,
// and the take's prompt goes back to the front of its speaker's session.
import type pg from 'pg';
import type { RedoReason } from '../protocol/index.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { withTransaction } from './transaction.js';

export function takeRedoRepository(pool: pg.Pool) {
  return {
    async request(
      takeId: string,
      redo: { reason: RedoReason; note: string | null; reviewNote: string; requestedBy: string | null },
    ): Promise<TakeRecord | null> {
      return withTransaction(pool, async (client) => {
        const updated = await client.query(
          `UPDATE takes SET review = 'rejected', review_note = $2, updated_at = now() WHERE id = $1 RETURNING ${TAKE_COLUMNS}`,
          [takeId, redo.reviewNote],
        );
        if (!updated.rows[0]) return null;
        const take = toTakeRecord(updated.rows[0]);
        await client.query('INSERT INTO take_redos (take_id, prompt_id, reason, note, requested_by) VALUES ($1, $2, $3, $4, $5)', [
          takeId,
          take.promptId,
          redo.reason,
          redo.note,
          redo.requestedBy,
        ]);
        if (take.promptId) {
          await client.query('UPDATE campaign_prompts SET redo_at = clock_timestamp(), skipped_at = NULL WHERE id = $1', [take.promptId]);
        }
        return take;
      });
    },
  };
}
export type TakeRedoRepository = ReturnType<typeof takeRedoRepository>;
