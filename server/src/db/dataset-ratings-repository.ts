// Every stored rating of some takes (counted or not, repeats included), for the export's ratings.csv.
import type pg from 'pg';

export interface DatasetRating {
  takeId: string;
  listenerId: string;
  emotion: string;
  intensity: number | null;
  problems: string[];
  responseMs: number;
  plays: number;
  repeat: boolean;
  counted: boolean;
}

/** The ratings of these takes, take by take in the order given, oldest rating first. */
export async function ratingsOfTakes(pool: pg.Pool, takeIds: readonly string[]): Promise<DatasetRating[]> {
  if (takeIds.length === 0) return [];
  const result = await pool.query(
    `SELECT r.take_id, r.listener_id, r.emotion, r.intensity, r.problems, r.response_ms, r.plays, r.repeat, r.counted
     FROM ratings r JOIN unnest($1::uuid[]) WITH ORDINALITY AS given (id, position) ON given.id = r.take_id
     ORDER BY given.position, r.created_at, r.id`,
    [takeIds],
  );
  return result.rows.map((row) => ({
    takeId: row.take_id as string,
    listenerId: row.listener_id as string,
    emotion: row.emotion as string,
    intensity: row.intensity as number | null,
    problems: row.problems as string[],
    responseMs: row.response_ms as number,
    plays: row.plays as number,
    repeat: row.repeat as boolean,
    counted: row.counted as boolean,
  }));
}
