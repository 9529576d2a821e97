// Each speaker's dataset split, placed once and kept (table dataset_splits, migration 012).
import type pg from 'pg';
import { EMOTIONS, type Emotion } from '../protocol/index.js';
import { emptyCounts, type SpeakerLoad, type Split } from '../export/split-assignment.js';
import { withTransaction } from './transaction.js';

const SPLIT_LOCK_KEY = 0x656d7370; // "emsp": one export places newcomers at a time

/**
 * The split of every speaker with a saved take. Speakers not placed yet are placed now, over what every speaker has
 * recorded (not only what this export holds), so that the filters of one export never move anyone.
 */
export async function speakerSplits(
  pool: pg.Pool,
  place: (placed: Array<SpeakerLoad & { split: Split }>, newcomers: SpeakerLoad[]) => Map<string, Split>,
): Promise<Map<string, Split>> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SPLIT_LOCK_KEY]);
    const result = await client.query(
      `SELECT t.speaker_id, ds.split, t.emotion,
              count(*) FILTER (WHERE t.review <> 'rejected' AND t.replaced_by IS NULL)::int AS n
       FROM takes t LEFT JOIN dataset_splits ds ON ds.speaker_id = t.speaker_id
       WHERE t.state = 'saved'
       GROUP BY t.speaker_id, ds.split, t.emotion`,
    );
    const loads = new Map<string, SpeakerLoad & { split: Split | null }>();
    for (const row of result.rows as { speaker_id: string; split: Split | null; emotion: string; n: number }[]) {
      const load = loads.get(row.speaker_id) ?? { speakerId: row.speaker_id, split: row.split, counts: emptyCounts() };
      if ((EMOTIONS as readonly string[]).includes(row.emotion)) load.counts[row.emotion as Emotion] += row.n;
      loads.set(row.speaker_id, load);
    }
    const placed = [...loads.values()].filter((load): load is SpeakerLoad & { split: Split } => load.split !== null);
    const newcomers = [...loads.values()].filter((load) => load.split === null);
    const placements = place(placed, newcomers);
    if (placements.size > 0) {
      await client.query(
        `INSERT INTO dataset_splits (speaker_id, split) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (speaker_id) DO NOTHING`,
        [[...placements.keys()], [...placements.values()]],
      );
    }
    return new Map([...placed.map((load) => [load.speakerId, load.split] as const), ...placements]);
  });
}
