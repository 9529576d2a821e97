// The v1.1 metadata against the database: the perception, quality and capture columns, the sentence as read, CSV
// booleans and empty cells, ratings.csv, what is left out by default, the validated-subset options on the REST route,
// the preview and the CLI alike, and a split that does not move when speakers join.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/auth/keys.js';
import { cliFlags, EXPORT_OPTIONS } from '../../src/export/export-options.js';
import { pseudonymousSpeakerId } from '../../src/export/metadata.js';
import { REPO_ROOT } from '../../src/paths.js';
import { exportQuery } from '../../src/protocol/schemas.js';
import { FIXTURES } from '../fixtures/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, requestJson, speakerWithProfile, supervisorTokens } from '../supervisors/helpers.js';
import { parseCsv, SPLIT_FOLDERS, splitRows, untar, type Row } from './dataset-archive.js';
import { buildCorpus, CAPTURE, rate, upload, type Corpus } from './dataset-fixture.js';

let server: TestServer;
let supervisor: string;
let corpus: Corpus;
let pseudonym: (id: string) => string;

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
  corpus = await buildCorpus(server, supervisor);
  const key = deriveKeys(server.env.TOKEN_SECRET!).pseudonym;
  pseudonym = (id) => pseudonymousSpeakerId(key, id);
});
afterAll(async () => {
  await server?.dispose();
});

async function exported(query = '') {
  const response = await request(server.url, `/export${query}`, { token: supervisor });
  expect(response.status).toBe(200);
  const { files } = await untar(Buffer.from(await response.arrayBuffer()));
  const format = query.includes('format=jsonl') ? 'jsonl' : 'csv';
  return { files, rows: splitRows(files, format), ratings: parseCsv(files.get('ratings.csv')!.toString('utf8')) };
}
const ids = (rows: Row[]) => rows.map((row) => row.take_id as string).sort();
const preview = (query: string) => requestJson<{ takes: number; seconds: number }>(server.url, `/export/preview${query}`, { token: supervisor });

describe('v1.1 columns', () => {
  it('when exported as CSV, then the perception, quality and capture columns are the database\'s, booleans true/false and unknown empty', async () => {
    const { rows } = await exported();
    const db = await server.db.pool.query('SELECT id, sentence_text, gold, quality, mime_type, perception FROM takes');
    const take = (id: string) => db.rows.find((row) => row.id === id)!;
    for (const row of rows) {
      const stored = take(row.take_id as string);
      expect(row).toMatchObject({
        sentence: stored.sentence_text,
        gold: String(stored.gold),
        mime_type: stored.mime_type,
        ratings: String(stored.perception?.ratings ?? 0),
      });
      // Real numbers always carry a decimal point (0.0, not 0): each split then reads them as floats.
      for (const [column, value] of [['clipped_ratio', stored.quality.clippedRatio], ['silence_ratio', stored.quality.silenceRatio]] as const) {
        expect(row[column]).toMatch(/^-?\d+\.\d+$/);
        expect(Number(row[column])).toBe(value);
      }
    }
    const aJoy = rows.find((row) => row.take_id === corpus.takes.aJoy)!;
    // The sentence was edited after the take: the row keeps the words the speaker read.
    expect(aJoy.sentence).toBe(corpus.editedSentence.readText);
    expect(aJoy).toMatchObject({
      perceived_emotion: 'joy',
      agreement: String(2 / 3),
      ratings: '3',
      votes: JSON.stringify({ joy: 2, sadness: 0, anger: 1, disgust: 0, fear: 0, neutral: 0, other: 0 }),
      mean_perceived_intensity: '3.5',
      gold: 'false',
      echo_cancellation: String(CAPTURE.echoCancellation),
      noise_suppression: 'false',
      auto_gain_control: 'false',
      capture_sample_rate: '48000',
    });
    // A tie has no perceived emotion (empty: unknown) but an agreement; an unrated take counts 0 ratings.
    expect(rows.find((row) => row.take_id === corpus.takes.aAnger)).toMatchObject({ perceived_emotion: '', agreement: '0.5', ratings: '2' });
    expect(rows.find((row) => row.take_id === corpus.takes.cDisgust)).toMatchObject({
      perceived_emotion: '', agreement: '', ratings: '0', votes: '', mean_perceived_intensity: '', echo_cancellation: '', capture_sample_rate: '',
    });
    expect(rows.find((row) => row.take_id === corpus.takes.bSadness)).toMatchObject({ gold: 'true', perceived_emotion: 'sadness', agreement: '1.0' });
    for (const row of rows) for (const column of ['gold', 'echo_cancellation', 'noise_suppression', 'auto_gain_control']) expect(row[column]).toMatch(/^(true|false)?$/);
  });

  it('when exported as JSONL, then the same values are typed: booleans, numbers, null, flags a list', async () => {
    const { rows } = await exported('?format=jsonl');
    expect(rows.find((row) => row.take_id === corpus.takes.aJoy)).toMatchObject({
      agreement: 2 / 3, ratings: 3, gold: false, echo_cancellation: true, auto_gain_control: false, capture_sample_rate: 48000, flags: expect.any(Array),
    });
    expect(rows.find((row) => row.take_id === corpus.takes.cDisgust)).toMatchObject({ perceived_emotion: null, votes: null, echo_cancellation: null, ratings: 0 });
  });

  it('when ratings.csv is read, then it holds every rating of the exported takes, repeats and uncounted ones too, and no other', async () => {
    const { rows, ratings, files } = await exported();
    const stored = await server.db.pool.query('SELECT take_id, listener_id, emotion, intensity, problems, response_ms, plays, repeat, counted FROM ratings');
    const exportedIds = new Set(ids(rows));
    const expected = stored.rows.filter((rating) => exportedIds.has(rating.take_id));
    expect(ratings).toHaveLength(expected.length);
    expect(expected.length).toBe(11);
    const fileOf = new Map(rows.map((row) => [row.take_id, `${row.folder}/${String(row.file_name)}`]));
    const asCsv = (rating: (typeof stored.rows)[number]) => ({
      take_file: fileOf.get(rating.take_id),
      rater_id: pseudonym(rating.listener_id),
      emotion: rating.emotion,
      intensity: rating.intensity === null ? '' : String(rating.intensity),
      problems: (rating.problems as string[]).join(';'),
      response_ms: String(rating.response_ms),
      plays: String(rating.plays),
      repeat: String(rating.repeat),
      counted: String(rating.counted),
    });
    expect([...ratings].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(expected.map(asCsv).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    for (const rating of ratings) expect(files.has(rating.take_file!)).toBe(true);
    expect(ratings.some((rating) => rating.repeat === 'true' && rating.counted === 'false')).toBe(true);
    // The rejected take's rating and the replaced take's rating stay out with their takes.
    expect(ratings.some((rating) => rating.take_file!.includes(corpus.takes.bNeutralRejected))).toBe(false);
    expect(ratings.some((rating) => rating.take_file!.includes(corpus.takes.dJoyOld))).toBe(false);
  });
});

describe('what an export holds', () => {
  it('when no review is given, then rejected and replaced takes are left out; review= and replaced=include bring them back', async () => {
    const { takes } = corpus;
    const everyKept = [takes.aJoy, takes.aAnger, takes.bSadness, takes.cFear, takes.cDisgust, takes.dJoy].sort();
    expect(ids((await exported()).rows)).toEqual(everyKept);
    expect(ids((await exported('?review=rejected')).rows)).toEqual([takes.bNeutralRejected]);
    expect(ids((await exported('?review=any&replaced=include')).rows)).toEqual(Object.values(takes).sort());
    expect((await preview('')).takes).toBe(everyKept.length);
    expect((await preview('?review=any&replaced=include')).takes).toBe(8);
  });

  it('when minAgreement or perceivedMatchesIntended is given, then the export and its preview hold the same validated subset', async () => {
    const { takes } = corpus;
    const cases: [string, string[]][] = [
      ['?minAgreement=0.6', [takes.aJoy, takes.bSadness, takes.cFear]],
      ['?minAgreement=1', [takes.bSadness, takes.cFear]],
      ['?minAgreement=0.5', [takes.aJoy, takes.aAnger, takes.bSadness, takes.cFear]],
      ['?perceivedMatchesIntended=true', [takes.aJoy, takes.bSadness, takes.cFear]],
      ['?perceivedMatchesIntended=true&minAgreement=0.9&review=accepted', [takes.bSadness]],
    ];
    for (const [query, expected] of cases) {
      expect(ids((await exported(query)).rows), query).toEqual([...expected].sort());
      expect((await preview(query)).takes, query).toBe(expected.length);
    }
    for (const bad of ['?minAgreement=1.5', '?minAgreement=x', '?perceivedMatchesIntended=yes', '?review=maybe']) {
      expect((await request(server.url, `/export${bad}`, { token: supervisor })).status, bad).toBe(400);
      expect((await request(server.url, `/export/preview${bad}`, { token: supervisor })).status, bad).toBe(400);
    }
  });

  it('when a download ticket carries the validated-subset options, then its link exports that subset', async () => {
    const issued = await requestJson<{ url: string }>(server.url, '/export/tickets', { method: 'POST', token: supervisor, body: { minAgreement: 1, perceivedMatchesIntended: true } }, 201);
    const response = await fetch(`${server.url}${issued.url}`);
    const rows = splitRows((await untar(Buffer.from(await response.arrayBuffer()))).files, 'csv');
    expect(ids(rows)).toEqual([corpus.takes.bSadness, corpus.takes.cFear].sort());
  });
});

describe('npm run export takes the REST options', () => {
  it('when the option table is compared with the REST query, then every query option has a CLI flag, and the CLI parses each', () => {
    expect(EXPORT_OPTIONS.map((option) => option.query).sort()).toEqual(Object.keys(exportQuery.shape).sort());
    expect(Object.keys(cliFlags()).sort()).toEqual(['format', 'include-replaced', 'min-agreement', 'perceived-matches-intended', 'review', 'since']);
  });

  it('when the CLI exports with --min-agreement and --perceived-matches-intended, then it writes the same takes and ratings as the REST route', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'emovox-export-'));
    try {
      const args = ['--out', out, '--min-agreement', '0.6', '--perceived-matches-intended', '--review', 'any', '--format', 'jsonl'];
      const { stderr } = await promisify(execFile)(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'server', 'scripts', 'export.ts'), ...args], {
        env: { ...process.env, ...server.env, LOG_LEVEL: 'warn' },
        timeout: 120_000,
      });
      // aJoy, bSadness, cFear, and (review=any) the rejected bNeutral, which its one listener heard as neutral.
      expect(stderr).toMatch(/exported 4 takes/);
      const files = new Map<string, Buffer>();
      for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.set(path.relative(out, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
      }
      const rest = await exported('?minAgreement=0.6&perceivedMatchesIntended=true&review=any&format=jsonl');
      expect([...files.keys()].sort()).toEqual([...rest.files.keys()].sort());
      expect(ids(splitRows(files, 'jsonl'))).toEqual(ids(rest.rows));
      expect(files.get('ratings.csv')!.equals(rest.files.get('ratings.csv')!)).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
  it('when the CLI is given an option value the REST route would refuse, or an unknown flag, then it exits 2 with the usage', async () => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const script = path.join(REPO_ROOT, 'server', 'scripts', 'export.ts');
    for (const args of [['--min-agreement', '2'], ['--min-agreement', 'most'], ['--bogus']]) {
      const failure = await promisify(execFile)(tsx, [script, '--out', '/tmp/never', ...args], { env: { ...process.env, ...server.env }, timeout: 60_000 }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure, args.join(' ')).toMatchObject({ code: 2, stderr: expect.stringContaining('--perceived-matches-intended') });
    }
  });
});

describe('the split', () => {
  it('when new speakers join between two exports, then no earlier speaker moves, and every split stays speaker-disjoint and filled', async () => {
    const splitsOf = (rows: Row[]) => new Map(rows.map((row) => [row.speaker_id as string, row.folder]));
    const before = splitsOf((await exported('?review=any&replaced=include')).rows);
    expect(new Set(before.values())).toEqual(new Set(SPLIT_FOLDERS));
    for (const emotion of ['joy', 'fear', 'neutral'] as const) {
      const speaker = await speakerWithProfile(server.url);
      const sentenceId = (await requestJson<{ id: string }>(server.url, '/sentences/random?locale=en')).id;
      const take = await upload(server.url, speaker.token, { emotion, sentenceId, fixture: FIXTURES.en1Webm });
      await rate(server, take.takeId, [{ listener: corpus.listeners[0]!, emotion }]);
    }
    const rows = (await exported('?review=any&replaced=include')).rows;
    const after = splitsOf(rows);
    expect(after.size).toBe(before.size + 3);
    for (const [speaker, split] of before) expect(after.get(speaker), speaker).toBe(split);
    for (const speaker of after.keys()) expect(new Set(rows.filter((row) => row.speaker_id === speaker).map((row) => row.folder)).size).toBe(1);
    // The validated subset and the full export agree on every speaker's split.
    for (const row of (await exported('?minAgreement=1')).rows) expect(row.folder).toBe(after.get(row.speaker_id as string));
  });
});
