// Keeps a take's maintained consensus columns (counted_ratings, perception, perceived_emotion, agreement) equal
// to what its counted ratings say, and the gold rule's `counted` flag on a listener's ratings. Runs inside
// the caller's transaction; take rows are locked in id order so that concurrent refreshes cannot deadlock.
import type pg from 'pg';
import { perceptionOf, type CountedRating } from '../listening/consensus.js';
import type { Emotion, PerceivedLabel, Perception, RatingProblem } from '../protocol/index.js';

export interface GoldRule {
  goldMin: number;
  goldPass: number;
}

export interface GoldStanding {
  rated: number;
  goldRated: number;
  goldCorrect: number;
}

export const goldAccuracy = (standing: GoldStanding) => (standing.goldRated === 0 ? null : standing.goldCorrect / standing.goldRated);

/** Excluded once at least goldMin gold takes are rated with an accuracy below goldPass. */
export const isExcluded = (standing: GoldStanding, rule: GoldRule) =>
  standing.goldRated >= rule.goldMin && standing.goldCorrect / standing.goldRated < rule.goldPass;

/** A listener's ratings and gold record: the first rating of each distinct gold take is the one judged. */
export async function goldStanding(client: pg.PoolClient | pg.Pool, listenerId: string): Promise<GoldStanding> {
  const result = await client.query(
    `SELECT count(*)::int AS rated,
            count(*) FILTER (WHERE t.gold AND NOT r.repeat)::int AS gold_rated,
            count(*) FILTER (WHERE t.gold AND NOT r.repeat AND r.emotion = t.emotion)::int AS gold_correct
     FROM ratings r JOIN takes t ON t.id = r.take_id WHERE r.listener_id = $1`,
    [listenerId],
  );
  const row = result.rows[0];
  return { rated: row.rated as number, goldRated: row.gold_rated as number, goldCorrect: row.gold_correct as number };
}

/** Recomputes the consensus of these takes from their counted ratings; returns each take's new perception. */
export async function refreshPerception(client: pg.PoolClient, takeIds: Iterable<string>): Promise<Map<string, Perception | null>> {
  const ids = [...new Set(takeIds)].sort();
  const refreshed = new Map<string, Perception | null>();
  if (ids.length === 0) return refreshed;
  const takes = await client.query('SELECT id, emotion FROM takes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  const ratings = await client.query(
    'SELECT take_id, emotion, intensity, problems FROM ratings WHERE take_id = ANY($1::uuid[]) AND counted',
    [ids],
  );
  const byTake = new Map<string, CountedRating[]>();
  for (const row of ratings.rows) {
    const list = byTake.get(row.take_id as string) ?? [];
    list.push({ emotion: row.emotion as PerceivedLabel, intensity: row.intensity as number | null, problems: row.problems as RatingProblem[] });
    byTake.set(row.take_id as string, list);
  }
  for (const take of takes.rows) {
    const perception = perceptionOf(byTake.get(take.id as string) ?? [], take.emotion as Emotion);
    await client.query(
      `UPDATE takes SET counted_ratings = $2, perception = $3, perceived_emotion = $4, agreement = $5 WHERE id = $1`,
      [take.id, perception?.ratings ?? 0, perception, perception?.perceivedEmotion ?? null, perception?.agreement ?? null],
    );
    refreshed.set(take.id as string, perception);
  }
  return refreshed;
}

/**
 * Sets `counted` on every rating of the listener from the gold rule (a repeat never counts); returns the takes
 * whose counted ratings changed, for the caller to refresh in one pass (one lock order).
 */
export async function applyGoldRule(client: pg.PoolClient, listenerId: string, rule: GoldRule): Promise<string[]> {
  const excluded = isExcluded(await goldStanding(client, listenerId), rule);
  const changed = await client.query(
    `UPDATE ratings SET counted = (NOT repeat AND NOT $2::boolean)
     WHERE listener_id = $1 AND counted <> (NOT repeat AND NOT $2::boolean) RETURNING take_id`,
    [listenerId, excluded],
  );
  return changed.rows.map((row) => row.take_id as string);
}
