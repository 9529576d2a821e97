// The dataset export, through the API (a gzipped tar) and the CLI (a directory): Hugging Face audiofolder layout,
// one folder per split (train/, validation/, test/) with its WAVs and metadata file, then ratings.csv and README.md.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/auth/keys.js';
import { pseudonymousSpeakerId } from '../../src/export/metadata.js';
import { parseWav } from '../../src/media/index.js';
import { REPO_ROOT } from '../../src/paths.js';
import { FIXTURES } from '../fixtures/index.js';
import { createSpeaker, call, connectRecorder, randomSentence } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { SPLIT_FOLDERS, splitRows, untar, type Row } from './dataset-archive.js';
import { ADMIN_ENV, request, speakerWithProfile, supervisorTokens, uploadTake } from '../supervisors/helpers.js';

let server: TestServer;
let supervisor: string;
const run = promisify(execFile);

/** Eight speakers with one to two saved takes each, one take accepted, plus a take that is not saved. */
beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
  const emotions = ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral'];
  for (let i = 0; i < 8; i += 1) {
    const speaker = await speakerWithProfile(server.url, { ageRange: '25-34', gender: i % 2 ? 'female' : 'male', accent: i === 0 ? 'Québec, "tu"' : 'none' });
    const take = await uploadTake(server.url, speaker.token, { emotion: emotions[i % 6]!, fixture: i % 2 ? FIXTURES.en2Webm : FIXTURES.en1Webm });
    if (i < 3) await uploadTake(server.url, speaker.token, { emotion: 'neutral' });
    if (i === 0) await request(server.url, `/takes/${take.takeId}`, { method: 'PATCH', token: supervisor, body: { review: 'accepted' } });
  }
  const idle = await createSpeaker(server.url);
  const socket = await connectRecorder(server.url, idle.token);
  await call(socket, 'take:start', { sentenceId: (await randomSentence(server.url)).id, emotion: 'joy', mimeType: 'audio/webm' });
  socket.close();
});
afterAll(async () => {
  await server?.dispose();
});

async function savedRows(review?: string) {
  const result = await server.db.pool.query(
    `SELECT id, speaker_id FROM takes WHERE state = 'saved' ${review ? 'AND review = $1' : ''}`,
    review ? [review] : [],
  );
  return result.rows as { id: string; speaker_id: string }[];
}

const isWav = (name: string) => name.endsWith('.wav');

function checkDataset(files: Map<string, Buffer>, rows: Row[], expected: { id: string; speaker_id: string }[]) {
  expect(rows.map((row) => row.take_id).sort()).toEqual(expected.map((take) => take.id).sort());
  const audio = [...files.keys()].filter(isWav);
  expect(audio.sort()).toEqual(rows.map((row) => `${row.folder}/${String(row.take_id)}.wav`).sort());
  for (const name of audio) {
    const wav = parseWav(files.get(name)!);
    expect(wav).toMatchObject({ sampleRate: 16_000, channels: 1 });
    expect(wav.samples.length).toBeGreaterThan(16_000);
  }
  const key = deriveKeys(server.env.TOKEN_SECRET!).pseudonym;
  const splitBySpeaker = new Map<string, Set<unknown>>();
  for (const row of rows) {
    const real = expected.find((take) => take.id === row.take_id)!.speaker_id;
    expect(row.speaker_id).toBe(pseudonymousSpeakerId(key, real));
    expect(row.speaker_id).not.toContain(real.slice(0, 8));
    expect(row.file_name).toBe(`${String(row.take_id)}.wav`);
    expect(row.split).toBe(row.folder);
    splitBySpeaker.set(String(row.speaker_id), (splitBySpeaker.get(String(row.speaker_id)) ?? new Set()).add(row.split));
  }
  for (const splits of splitBySpeaker.values()) expect(splits.size).toBe(1);
}

describe('GET /export', () => {
  it('when a supervisor exports as CSV, then the tar holds every saved take as a decodable WAV in its split folder, each with a metadata.csv whose first column is file_name', async () => {
    const response = await request(server.url, '/export', { token: supervisor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    const { files, order } = await untar(Buffer.from(await response.arrayBuffer()));
    expect(order.filter((name) => !isWav(name))).toEqual([...SPLIT_FOLDERS.map((split) => `${split}/metadata.csv`), 'ratings.csv', 'README.md']);
    expect(order.slice(-5).every((name) => !isWav(name))).toBe(true);
    for (const split of SPLIT_FOLDERS) {
      expect(files.get(`${split}/metadata.csv`)!.toString('utf8').split('\n')[0]).toMatch(
        /^file_name,take_id,speaker_id,sentence_id,sentence,locale,emotion,intensity,review,duration_s,sample_rate,rms_dbfs,peak_dbfs,flags,age_range,gender,native_language,accent,recorded_at,split,replaced_by,perceived_emotion,/,
      );
    }
    const rows = splitRows(files, 'csv');
    const expected = await savedRows();
    expect(expected).toHaveLength(11);
    checkDataset(files, rows, expected);
    expect(rows.filter((row) => row.accent === 'Québec, "tu"')).toHaveLength(2);
    for (const row of rows) {
      expect(Number(row.duration_s)).toBeGreaterThan(1);
      expect(row.sample_rate).toBe('16000');
      expect(String(row.sentence).length).toBeGreaterThan(5);
      expect(row.flags).toMatch(/^([a-z_]+(;[a-z_]+)*)?$/);
    }
  });

  it('when exported as jsonl with review=accepted, then only the accepted take, in metadata.jsonl alone', async () => {
    const response = await request(server.url, '/export?format=jsonl&review=accepted', { token: supervisor });
    expect(response.status).toBe(200);
    const { files } = await untar(Buffer.from(await response.arrayBuffer()));
    const rows = splitRows(files, 'jsonl');
    expect([...files.keys()].filter((name) => !isWav(name))).toEqual([`${String(rows[0]?.folder)}/metadata.jsonl`, 'ratings.csv', 'README.md']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ review: 'accepted', sample_rate: 16000 });
    checkDataset(files, rows, await savedRows('accepted'));
  });

  it('when since is in the future, then an empty dataset: no split folder, a header-only ratings.csv and the card; a bad query is 400', async () => {
    const response = await request(server.url, '/export?since=2999-01-01', { token: supervisor });
    const { files } = await untar(Buffer.from(await response.arrayBuffer()));
    expect([...files.keys()]).toEqual(['ratings.csv', 'README.md']);
    expect(files.get('ratings.csv')!.toString('utf8').trim().split('\n')).toHaveLength(1);
    expect((await request(server.url, '/export?format=xml', { token: supervisor })).status).toBe(400);
  });
});

describe('an interrupted export', () => {
  it('when the client goes away after the first bytes, then the server stays up and the next export is whole', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/export`, { headers: { authorization: `Bearer ${supervisor}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    const again = await request(server.url, '/export?format=jsonl', { token: supervisor });
    const { files } = await untar(Buffer.from(await again.arrayBuffer()));
    expect([...files.keys()].filter(isWav)).toHaveLength((await savedRows()).length);
  });
});

describe('npm run export', () => {
  it('when the CLI exports to a directory, then the same layout and rows as the API, with a progress bar on stderr', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'emovox-export-'));
    try {
      const { stderr } = await run(
        path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
        [path.join(REPO_ROOT, 'server', 'scripts', 'export.ts'), '--out', out, '--format', 'csv'],
        { env: { ...process.env, ...server.env, LOG_LEVEL: 'warn' }, timeout: 120_000 },
      );
      expect(stderr).toContain('11/11 takes');
      expect(stderr).toMatch(/exported 11 takes/);
      expect((await readdir(out)).sort()).toEqual(['README.md', 'ratings.csv', 'test', 'train', 'validation']);
      const files = new Map<string, Buffer>();
      for (const split of SPLIT_FOLDERS) {
        for (const name of await readdir(path.join(out, split))) files.set(`${split}/${name}`, await readFile(path.join(out, split, name)));
      }
      checkDataset(files, splitRows(files, 'csv'), await savedRows());
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('when the CLI is given a bad --review, then it exits 2 with the usage', async () => {
    const failure = await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'server', 'scripts', 'export.ts'), '--out', '/tmp/never', '--review', 'maybe'], {
      env: { ...process.env, ...server.env },
      timeout: 60_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run export') });
  });
});
