// The supervisors' statistics, aggregated in SQL (never by loading takes into the process).
import type pg from 'pg';
import type { PerceptionStatsRepository } from './perception-stats-repository.js';
import { EMOTIONS, LOCALES, REVIEW_STATES, TAKE_STATES, type Emotion, type StatsJson } from '../protocol/index.js';

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<string, number>;

export function statsRepository(pool: pg.Pool, listening: PerceptionStatsRepository) {
  return {
    /**
     * by* maps count every existing take (each closed vocabulary listed, with zeros); bySentenceEmotion,
     * perDay and totalSavedSeconds count saved takes, perDay by the UTC day the take was recorded.
     */
    async compute(): Promise<StatsJson> {
      const [grouped, bySentenceEmotion, perDay, total, perception] = await Promise.all([
        pool.query(
          `SELECT dimension, key, count(*)::int AS n FROM (
             SELECT 'emotion' AS dimension, emotion AS key FROM takes
             UNION ALL SELECT 'state', state FROM takes
             UNION ALL SELECT 'review', review FROM takes
             UNION ALL SELECT 'locale', coalesce(locale, 'unknown') FROM takes
           ) AS facts GROUP BY dimension, key`,
        ),
        pool.query(
          `SELECT sentence_id, emotion, count(*)::int AS n FROM takes WHERE state = 'saved'
           GROUP BY sentence_id, emotion ORDER BY sentence_id, emotion`,
        ),
        pool.query(
          `SELECT to_char((created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n,
                  coalesce(sum(duration_ms), 0)::bigint AS ms
           FROM takes WHERE state = 'saved' GROUP BY 1 ORDER BY 1`,
        ),
        pool.query(`SELECT coalesce(sum(duration_ms), 0)::bigint AS ms FROM takes WHERE state = 'saved'`),
        listening.compute(),
      ]);
      const maps: Record<string, Record<string, number>> = {
        emotion: zeros(EMOTIONS),
        state: zeros(TAKE_STATES),
        review: zeros(REVIEW_STATES),
        locale: zeros(LOCALES),
      };
      for (const row of grouped.rows) maps[row.dimension as string]![row.key as string] = row.n as number;
      return {
        byEmotion: maps.emotion!,
        byState: maps.state!,
        byReview: maps.review!,
        byLocale: maps.locale!,
        bySentenceEmotion: bySentenceEmotion.rows.map((row) => ({
          sentenceId: row.sentence_id as string,
          emotion: row.emotion as Emotion,
          count: row.n as number,
        })),
        perDay: perDay.rows.map((row) => ({ day: row.day as string, count: row.n as number, seconds: Number(row.ms) / 1000 })),
        totalSavedSeconds: Number(total.rows[0].ms) / 1000,
        perception,
      };
    },
    /** Takes per state, only the states that have takes: the gauges read by /metrics. */
    async countByState(): Promise<{ state: string; count: number }[]> {
      const result = await pool.query('SELECT state, count(*)::int AS n FROM takes GROUP BY state');
      return result.rows.map((row) => ({ state: row.state as string, count: row.n as number }));
    },
  };
}
export type StatsRepository = ReturnType<typeof statsRepository>;
