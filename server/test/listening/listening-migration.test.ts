// Migration 009 on a database that already holds takes: takes start unrated and not gold; a rating outside
// the contract's vocabulary or ranges is refused by the schema itself; down removes it all.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { listening } from '../../src/db/migrations/009-listening.js';
import type { Migration, Sql } from '../../src/db/migrator.js';
import { createTestDatabase } from '../support/test-database.js';

let client: pg.Client;
const sql: Sql = (text, params) => client.query(text, params);
const run = (migration: Migration, direction: 'up' | 'down' = 'up') => migration[direction]({ context: sql, name: migration.name } as never);

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
  // The migrations before it: later ones may build on its tables.
  for (const migration of MIGRATIONS.slice(0, MIGRATIONS.indexOf(listening))) await run(migration);
});
afterAll(async () => {
  await client?.end();
});

describe('migration 009-listening', () => {
  it('when takes exist before it, then they are not gold and unrated; ratings are checked; down undoes it', async () => {
    const sentence = (await client.query(`SELECT id, text FROM sentences LIMIT 1`)).rows[0] as { id: string; text: string };
    const speaker = (await client.query(`INSERT INTO speakers (token_hash, consented_at, locale) VALUES ('\\x01', now(), 'en') RETURNING id`)).rows[0].id as string;
    const take = (
      await client.query(
        `INSERT INTO takes (speaker_id, sentence_id, sentence_text, emotion, state, mime_type) VALUES ($1, $2, $3, 'joy', 'saved', 'audio/webm') RETURNING id`,
        [speaker, sentence.id, sentence.text],
      )
    ).rows[0].id as string;

    await run(listening);
    expect((await client.query('SELECT gold, counted_ratings, perception FROM takes')).rows).toEqual([{ gold: false, counted_ratings: 0, perception: null }]);
    const assignment = (
      await client.query(`INSERT INTO listen_assignments (listener_id, take_id, kind, expires_at) VALUES ($1, $2, 'fill', now()) RETURNING id`, [speaker, take])
    ).rows[0].id as string;
    const rate = (emotion: string, intensity: number | null, problems: string[]) =>
      client.query(
        `INSERT INTO ratings (assignment_id, take_id, listener_id, emotion, intensity, problems, response_ms, plays, repeat, counted)
         VALUES ($1, $2, $3, $4, $5, $6, 100, 1, false, true)`,
        [assignment, take, speaker, emotion, intensity, problems],
      );
    await expect(rate('surprise', 3, [])).rejects.toThrow(/check constraint/);
    await expect(rate('joy', 6, [])).rejects.toThrow(/check constraint/);
    await expect(rate('joy', 3, ['hum'])).rejects.toThrow(/check constraint/);
    await rate('other', null, ['noise', 'cut_off']);

    await run(listening, 'down');
    const left = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('ratings', 'listen_assignments')`);
    expect(left.rows[0].n).toBe(0);
  });
});
