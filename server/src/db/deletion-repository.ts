import type pg from 'pg';
import type { DeletionJson, DeletionReason } from '../protocol/index.js';
import type { Models } from './models.js';
import { withTransaction } from './transaction.js';

export function deletionRepository(models: Models, pool: pg.Pool) {
  return {
    async list(limit = 500): Promise<DeletionJson[]> {
      const rows = await models.Deletion.findAll({ order: [['deletedAt', 'DESC'], ['id', 'DESC']], limit });
      return rows.map((row) => ({
        takeId: row.takeId,
        deletedAt: row.deletedAt.toISOString(),
        reason: row.reason as DeletionReason,
      }));
    },
    /** Deletes the take's row and records why, atomically: false when there was no such take. */
    removeTake(takeId: string, reason: DeletionReason): Promise<boolean> {
      return withTransaction(pool, async (client) => {
        const deleted = await client.query('DELETE FROM takes WHERE id = $1', [takeId]);
        if (deleted.rowCount === 0) return false;
        await client.query('INSERT INTO deletions (take_id, reason) VALUES ($1, $2)', [takeId, reason]);
        return true;
      });
    },
  };
}
export type DeletionRepository = ReturnType<typeof deletionRepository>;
