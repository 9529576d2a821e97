// Migration 006 on a database that already holds takes: each take gets the text of its sentence as it reads
// at migration time, and nothing is marked replaced.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialSchema } from '../../src/db/migrations/001-initial-schema.js';
import { seedSentences } from '../../src/db/migrations/002-seed-sentences.js';
import { scaleOut } from '../../src/db/migrations/004-scale-out.js';
import { takeLabels } from '../../src/db/migrations/006-take-labels.js';
import type { Migration, Sql } from '../../src/db/migrator.js';
import { createTestDatabase } from '../support/test-database.js';

let client: pg.Client;
const sql: Sql = (text, params) => client.query(text, params);
const run = (migration: Migration, direction: 'up' | 'down' = 'up') => migration[direction]({ context: sql, name: migration.name } as never);

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
  for (const migration of [initialSchema, seedSentences, scaleOut]) await run(migration);
});
afterAll(async () => {
  await client?.end();
});

describe('migration 006-take-labels', () => {
  it('when takes exist before it, then each carries its sentence text, and the column is required from then on', async () => {
    const sentence = (await client.query(`SELECT id, text FROM sentences ORDER BY text LIMIT 1`)).rows[0] as { id: string; text: string };
    const speaker = (await client.query(`INSERT INTO speakers (token_hash, consented_at, locale) VALUES ('\\x01', now(), 'en') RETURNING id`)).rows[0].id as string;
    const insertTake = (state: string) =>
      client.query(`INSERT INTO takes (speaker_id, sentence_id, emotion, state, mime_type) VALUES ($1, $2, 'joy', $3, 'audio/webm') RETURNING id`, [speaker, sentence.id, state]);
    await insertTake('saved');
    await insertTake('failed');

    await run(takeLabels);
    const rows = (await client.query('SELECT sentence_text, replaces, replaced_by FROM takes')).rows;
    expect(rows).toEqual([
      { sentence_text: sentence.text, replaces: null, replaced_by: null },
      { sentence_text: sentence.text, replaces: null, replaced_by: null },
    ]);
    await expect(insertTake('saved')).rejects.toThrow(/sentence_text/);

    await run(takeLabels, 'down');
    expect((await client.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'takes' AND column_name = 'sentence_text'`)).rows[0].n).toBe(0);
  });
});
