// How many takes each sentence has, so that supervisors are offered deletion only where nothing was recorded.
import type pg from 'pg';

export function sentenceUsageRepository(pool: pg.Pool) {
  return {
    async takeCounts(): Promise<Map<string, number>> {
      const result = await pool.query('SELECT sentence_id, count(*)::int AS n FROM takes GROUP BY sentence_id');
      return new Map(result.rows.map((row) => [row.sentence_id as string, row.n as number]));
    },
  };
}
export type SentenceUsageRepository = ReturnType<typeof sentenceUsageRepository>;
