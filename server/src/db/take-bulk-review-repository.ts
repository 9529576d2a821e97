// One review decision for many takes, in one transaction: either every take gets it or none does.
import type pg from 'pg';
import type { ReviewState } from '../protocol/index.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';
import { withTransaction } from './transaction.js';

export function takeBulkReviewRepository(pool: pg.Pool) {
  return {
    /** note undefined keeps each take's note; null clears it. Ids that match no take are left out of the result. */
    setReviewMany(takeIds: string[], review: ReviewState, note: string | null | undefined): Promise<TakeRecord[]> {
      return withTransaction(pool, async (client) => {
        const result = await client.query(
          `UPDATE takes SET review = $2, review_note = CASE WHEN $4 THEN $3 ELSE review_note END, updated_at = now()
           WHERE id = ANY($1::uuid[]) RETURNING ${TAKE_COLUMNS}`,
          [takeIds, review, note ?? null, note !== undefined],
        );
        return result.rows.map(toTakeRecord);
      });
    },
  };
}
export type TakeBulkReviewRepository = ReturnType<typeof takeBulkReviewRepository>;
