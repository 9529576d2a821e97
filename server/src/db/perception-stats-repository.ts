// GET /stats `perception`: what listeners perceive, aggregated in SQL over takes with at least two counted
// ratings, plus the per-day and per-listener extensions. Listener ids leave pseudonymous.
import type pg from 'pg';
import { fleissKappa, type Votes } from '../listening/consensus.js';
import { EMOTIONS, type Emotion, type PerceivedLabel, type PerceptionStats } from '../protocol/index.js';
import { goldAccuracy, isExcluded, type GoldRule } from './take-perception.js';

const RATED = 'counted_ratings >= 2';
const PER_DAY_DAYS = 30;

export function perceptionStatsRepository(pool: pg.Pool, options: { pseudonym: (listenerId: string) => string; rule: GoldRule }) {
  return {
    async compute(): Promise<PerceptionStats> {
      const [totals, confusion, votes, perDay, listeners] = await Promise.all([
        pool.query(
          `SELECT count(DISTINCT t.id)::int AS takes, count(r.id)::int AS ratings, count(DISTINCT r.listener_id)::int AS listeners
           FROM takes t JOIN ratings r ON r.take_id = t.id AND r.counted WHERE t.${RATED}`,
        ),
        pool.query(
          `SELECT emotion, perceived_emotion, count(*)::int AS n FROM takes
           WHERE ${RATED} AND perceived_emotion IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
        pool.query(`SELECT perception -> 'votes' AS votes FROM takes WHERE ${RATED}`),
        pool.query(
          `SELECT to_char((created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS ratings,
                  count(DISTINCT listener_id)::int AS listeners
           FROM ratings WHERE counted AND created_at >= (now() AT TIME ZONE 'UTC')::date - ${PER_DAY_DAYS - 1}
           GROUP BY 1 ORDER BY 1`,
        ),
        pool.query(
          `SELECT r.listener_id, count(*)::int AS rated,
                  count(*) FILTER (WHERE t.gold AND NOT r.repeat)::int AS gold_rated,
                  count(*) FILTER (WHERE t.gold AND NOT r.repeat AND r.emotion = t.emotion)::int AS gold_correct
           FROM ratings r JOIN takes t ON t.id = r.take_id GROUP BY r.listener_id ORDER BY rated DESC, r.listener_id`,
        ),
      ]);
      const recognised = new Map<Emotion, { takes: number; matched: number }>();
      for (const row of confusion.rows) {
        const entry = recognised.get(row.emotion as Emotion) ?? { takes: 0, matched: 0 };
        entry.takes += row.n as number;
        if (row.perceived_emotion === row.emotion) entry.matched += row.n as number;
        recognised.set(row.emotion as Emotion, entry);
      }
      const recognitionByEmotion = Object.fromEntries(
        EMOTIONS.map((emotion) => {
          const entry = recognised.get(emotion);
          return [emotion, entry ? entry.matched / entry.takes : null];
        }),
      ) as Record<Emotion, number | null>;
      return {
        ratedTakes: totals.rows[0].takes as number,
        ratings: totals.rows[0].ratings as number,
        listeners: totals.rows[0].listeners as number,
        confusion: confusion.rows.map((row) => ({
          intended: row.emotion as Emotion,
          perceived: row.perceived_emotion as PerceivedLabel,
          count: row.n as number,
        })),
        recognitionByEmotion,
        fleissKappa: fleissKappa(votes.rows.map((row) => row.votes as Votes)),
        perDay: perDay.rows.map((row) => ({ day: row.day as string, ratings: row.ratings as number, listeners: row.listeners as number })),
        listenerAccuracy: listeners.rows.map((row) => {
          const standing = { rated: row.rated as number, goldRated: row.gold_rated as number, goldCorrect: row.gold_correct as number };
          return {
            listenerId: options.pseudonym(row.listener_id as string),
            rated: standing.rated,
            goldRated: standing.goldRated,
            goldAccuracy: goldAccuracy(standing),
            counted: !isExcluded(standing, options.rule),
          };
        }),
      };
    },
  };
}
export type PerceptionStatsRepository = ReturnType<typeof perceptionStatsRepository>;
