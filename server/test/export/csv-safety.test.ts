// The exported metadata is safe to open in a spreadsheet and does not date a take to the millisecond.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, requestJson, speakerWithProfile, supervisorTokens, uploadTake } from '../supervisors/helpers.js';
import { SPLIT_FOLDERS, splitRows, untar } from './dataset-archive.js';

let server: TestServer;
let supervisor: string;
const takes: Record<string, string> = {};

/** Real rows whose free text a spreadsheet would run: through the API, and (for what the API trims) SQL. */
beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
  const sentence = (text: string) =>
    requestJson<{ id: string }>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text, locale: 'en' } }, 201);
  const formula = await speakerWithProfile(server.url, { accent: '=HYPERLINK("x")', nativeLanguage: '+1+2' });
  const minus = await speakerWithProfile(server.url, { accent: '-2', nativeLanguage: '@x' });
  const blank = await speakerWithProfile(server.url, { accent: 'plain', nativeLanguage: 'plain' });
  // The API trims free text; a row written before that (or by hand) may still lead with a tab or a CR.
  await server.db.pool.query(`UPDATE speakers SET accent = E'\\tTAB', native_language = E'\\rCR' WHERE id = $1`, [blank.speakerId]);
  takes.formula = (await uploadTake(server.url, formula.token, { emotion: 'joy', sentenceId: (await sentence('=1+1 is what the sign said.')).id })).takeId;
  takes.minus = (await uploadTake(server.url, minus.token, { emotion: 'fear', sentenceId: (await sentence('@everyone, the bus is late.')).id })).takeId;
  takes.blank = (await uploadTake(server.url, blank.token, { emotion: 'neutral' })).takeId;
  // A level of -3.5 dBFS is a number: it must reach the CSV as one.
  await server.db.pool.query(`UPDATE takes SET quality = jsonb_set(quality, '{rmsDbfs}', '-3.5') WHERE id = $1`, [takes.blank]);
});
afterAll(async () => {
  await server?.dispose();
});

/** Every split's metadata file, as text, and its rows. */
async function exported(format: 'csv' | 'jsonl') {
  const response = await request(server.url, `/export?format=${format}`, { token: supervisor });
  expect(response.status).toBe(200);
  const { files } = await untar(Buffer.from(await response.arrayBuffer()));
  const text = SPLIT_FOLDERS.map((split) => files.get(`${split}/metadata.${format}`)?.toString('utf8') ?? '').join('');
  return { text, rows: splitRows(files, format) as Record<string, unknown>[] };
}

describe('CSV formula injection', () => {
  it('when free text starts with = + - @ tab or CR, then its CSV cell starts with a quote; numbers stay numbers', async () => {
    const { text: csv, rows: parsed } = await exported('csv');
    const rows = new Map(parsed.map(({ folder: _folder, ...row }) => [row.take_id as string, row as Record<string, string>]));
    expect(rows.get(takes.formula!)).toMatchObject({ accent: `'=HYPERLINK("x")`, native_language: "'+1+2", sentence: "'=1+1 is what the sign said." });
    expect(rows.get(takes.minus!)).toMatchObject({ accent: "'-2", native_language: "'@x", sentence: "'@everyone, the bus is late." });
    expect(rows.get(takes.blank!)).toMatchObject({ accent: "'\tTAB", native_language: "'\rCR", rms_dbfs: '-3.5' });
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",`);
    for (const row of rows.values()) {
      for (const [column, cell] of Object.entries(row)) {
        if (['rms_dbfs', 'peak_dbfs'].includes(column)) expect(cell).toMatch(/^(-?\d+(\.\d+)?)?$/);
        else expect(cell, column).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('when exported as JSONL, then values are carried as they are', async () => {
    const { rows } = await exported('jsonl');
    expect(rows.find((row) => row.take_id === takes.formula)).toMatchObject({ accent: '=HYPERLINK("x")', native_language: '+1+2' });
    expect(rows.find((row) => row.take_id === takes.blank)).toMatchObject({ accent: '\tTAB', rms_dbfs: -3.5 });
  });
});

describe('export privacy', () => {
  it('when a take is exported, then recorded_at is its UTC day, YYYY-MM-DD, in CSV and JSONL', async () => {
    const created = (await server.db.pool.query(`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM takes WHERE id = $1`, [takes.formula])).rows[0].day as string;
    const csvRows = (await exported('csv')).rows;
    const jsonRows = (await exported('jsonl')).rows;
    expect(csvRows.find((row) => row.take_id === takes.formula)?.recorded_at).toBe(created);
    for (const row of [...csvRows, ...jsonRows]) expect(row.recorded_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
