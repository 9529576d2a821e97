// Storing a listener's answer to an assignment, and what the listener and the monitor learn from it.
import type pg from 'pg';
import type { Emotion, Perception, Rating } from '../protocol/index.js';
import { applyGoldRule, goldStanding, isExcluded, refreshPerception, type GoldRule, type GoldStanding } from './take-perception.js';
import { retryOnDeadlock, withTransaction } from './transaction.js';

export type AnswerOutcome =
  | { kind: 'created' | 'same'; takeId: string; sentenceText: string; intended: Emotion; perception: Perception | null }
  | { kind: 'conflict' | 'expired' | 'missing' };

/** problems as a set: the same answer in another order is the same answer. */
export const normaliseRating = (rating: Rating): Rating => ({ ...rating, problems: [...new Set(rating.problems)].sort() });

function sameRating(row: Record<string, unknown>, rating: Rating): boolean {
  return (
    row.emotion === rating.emotion &&
    (row.intensity as number | null) === rating.intensity &&
    JSON.stringify(row.problems) === JSON.stringify(rating.problems) &&
    row.response_ms === rating.responseMs &&
    row.plays === rating.plays
  );
}

export function ratingRepository(pool: pg.Pool) {
  return {
    /**
     * The answer to an assignment: stored once (the first answer wins; the identical answer again is 'same'),
     * counted unless it is a repeat or the listener is excluded by the gold rule, and the take's consensus and
     * the listener's standing brought up to date in the same transaction.
     */
    async answer(listenerId: string, assignmentId: string, input: Rating, rule: GoldRule): Promise<AnswerOutcome> {
      const rating = normaliseRating(input);
      return retryOnDeadlock(() => withTransaction(pool, async (client) => {
        await client.query('SELECT 1 FROM speakers WHERE id = $1 FOR UPDATE', [listenerId]);
        // The take row is locked here too: the rating's foreign key would take a share lock on it, and two
        // answers holding share locks could then deadlock upgrading them in refreshPerception. One statement
        // also reads whether this listener rated the take before, and their gold record.
        const found = await client.query(
          `SELECT a.take_id, a.kind, a.answered_at, a.expires_at <= now() AS expired, t.gold, t.sentence_text, t.emotion,
                  t.perception,
                  EXISTS (SELECT 1 FROM ratings r WHERE r.take_id = a.take_id AND r.listener_id = $2 AND NOT r.repeat) AS rated_before,
                  (SELECT count(*) FROM ratings r JOIN takes g ON g.id = r.take_id
                    WHERE r.listener_id = $2 AND g.gold AND NOT r.repeat)::int AS gold_rated,
                  (SELECT count(*) FROM ratings r JOIN takes g ON g.id = r.take_id
                    WHERE r.listener_id = $2 AND g.gold AND NOT r.repeat AND r.emotion = g.emotion)::int AS gold_correct
           FROM listen_assignments a JOIN takes t ON t.id = a.take_id WHERE a.id = $1 AND a.listener_id = $2 FOR UPDATE OF a, t`,
          [assignmentId, listenerId],
        );
        const assignment = found.rows[0];
        if (!assignment) return { kind: 'missing' };
        const takeId = assignment.take_id as string;
        const take = { takeId, sentenceText: assignment.sentence_text as string, intended: assignment.emotion as Emotion };
        if (assignment.answered_at) {
          const stored = await client.query('SELECT emotion, intensity, problems, response_ms, plays FROM ratings WHERE assignment_id = $1', [assignmentId]);
          const same = stored.rows[0] && sameRating(stored.rows[0], rating);
          return same ? { kind: 'same', ...take, perception: assignment.perception as Perception | null } : { kind: 'conflict' };
        }
        if (assignment.expired) return { kind: 'expired' };
        // A repeat is declared by the assignment; a first rating that already exists makes one too (never twice counted).
        const repeat = assignment.kind === 'repeat' || (assignment.rated_before as boolean);
        const standing = { rated: 0, goldRated: assignment.gold_rated as number, goldCorrect: assignment.gold_correct as number };
        const counted = !repeat && !isExcluded(standing, rule);
        await client.query(
          `WITH stored AS (
             INSERT INTO ratings (assignment_id, take_id, listener_id, emotion, intensity, problems, response_ms, plays, repeat, counted)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
           UPDATE listen_assignments SET answered_at = now() WHERE id = $1`,
          [assignmentId, takeId, listenerId, rating.emotion, rating.intensity, rating.problems, rating.responseMs, rating.plays, repeat, counted],
        );
        const changed = assignment.gold && !repeat ? await applyGoldRule(client, listenerId, rule) : [];
        const refreshed = await refreshPerception(client, counted ? [takeId, ...changed] : changed);
        const perception = refreshed.has(takeId) ? refreshed.get(takeId)! : (assignment.perception as Perception | null);
        return { kind: 'created', ...take, perception };
      }));
    },

    async standing(listenerId: string): Promise<GoldStanding> {
      return goldStanding(pool, listenerId);
    },

    /** A take's gold flag changed: every listener who rated it is judged again (their accuracy moved). */
    async setGold(takeId: string, gold: boolean, rule: GoldRule): Promise<boolean> {
      return retryOnDeadlock(() => withTransaction(pool, async (client) => {
        const updated = await client.query('UPDATE takes SET gold = $2, updated_at = now() WHERE id = $1 RETURNING id', [takeId, gold]);
        if (updated.rowCount === 0) return false;
        const listeners = await client.query('SELECT DISTINCT listener_id FROM ratings WHERE take_id = $1 ORDER BY listener_id', [takeId]);
        const changed: string[] = [];
        for (const row of listeners.rows) changed.push(...(await applyGoldRule(client, row.listener_id as string, rule)));
        await refreshPerception(client, changed);
        return true;
      }));
    },
  };
}
export type RatingRepository = ReturnType<typeof ratingRepository>;
