import type { DeletionJson, DeletionReason } from '../protocol/index.js';
import type { Models } from './models.js';

export function deletionRepository(models: Models) {
  return {
    async list(limit = 500): Promise<DeletionJson[]> {
      const rows = await models.Deletion.findAll({ order: [['deletedAt', 'DESC'], ['id', 'DESC']], limit });
      return rows.map((row) => ({
        takeId: row.takeId,
        deletedAt: row.deletedAt.toISOString(),
        reason: row.reason as DeletionReason,
      }));
    },
  };
}
export type DeletionRepository = ReturnType<typeof deletionRepository>;
