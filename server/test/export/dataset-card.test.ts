// The v1.1 archive as a modeller meets it: the audiofolder layout (split folders, a metadata file in each, relative
// file names), the README.md card whose YAML features match the metadata, a standard-library loader, and the audio.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FLOAT_COLUMNS } from '../../src/export/metadata.js';
import { parseWav } from '../../src/media/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, supervisorTokens } from '../supervisors/helpers.js';
import { exportFiles as exportArchive, SPLIT_FOLDERS, splitRows, type Row } from './dataset-archive.js';
import { buildCorpus, type Corpus } from './dataset-fixture.js';

const PYTHON = '/usr/bin/python3';

interface Loaded {
  splits: Record<string, { rows: number; emotions: Record<string, number> }>;
  ratings: number;
  card: { keys: string[]; splits: string[]; class_labels: Record<string, string[]> };
  types: Record<string, Record<string, string>>;
  differing: string[];
}
const LOADER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-audiofolder.py');
let server: TestServer;
let supervisor: string;
let corpus: Corpus;

beforeAll(async () => {
  server = await startTestServer({ env: { ...ADMIN_ENV, DATASET_LICENSE: 'cc-by-4.0' } });
  ({ supervisor } = await supervisorTokens(server.url));
  corpus = await buildCorpus(server, supervisor);
});
afterAll(async () => {
  await server?.dispose();
});

const exportFiles = (query: string) => exportArchive(server.url, supervisor, query);

interface Card {
  license: string;
  task_categories: string[];
  language: string[];
  configs: { config_name: string; data_files: { split: string; path: string }[] }[];
  dataset_info: { features: Record<string, unknown>[]; splits: { name: string; num_examples: number }[] };
}

function readCard(files: Map<string, Buffer>): { card: Card; body: string } {
  const text = files.get('README.md')!.toString('utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  expect(match, 'README.md starts with a YAML header').not.toBeNull();
  return { card: parseYaml(match![1]!) as Card, body: match![2]! };
}

const unknown = (value: unknown) => value === null || value === '';

/** Does this metadata value fit the declared feature? CSV carries text; JSONL carries typed values. */
function fits(feature: Record<string, unknown>, value: unknown, format: 'csv' | 'jsonl'): boolean {
  if (unknown(value)) return true;
  const dtype = feature.dtype;
  if (typeof dtype === 'object' && dtype !== null && 'class_label' in dtype) {
    return Object.values((dtype as { class_label: { names: Record<string, string> } }).class_label.names).includes(String(value));
  }
  if (feature.sequence === 'string') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (Array.isArray(feature.struct)) {
    const fields = (feature.struct as { name: string; dtype: string }[]).map((field) => field.name);
    return typeof value === 'object' && Object.keys(value as object).sort().join() === [...fields].sort().join() && Object.values(value as object).every(Number.isInteger);
  }
  const text = String(value);
  switch (dtype) {
    case 'string':
      return typeof value === 'string';
    case 'int32':
      return format === 'csv' ? /^-?\d+$/.test(text) : Number.isInteger(value);
    case 'float64':
      return format === 'csv' ? Number.isFinite(Number(text)) && text.trim() !== '' : typeof value === 'number';
    case 'bool':
      return format === 'csv' ? text === 'true' || text === 'false' : typeof value === 'boolean';
    default:
      return false;
  }
}

function checkCardAgainstMetadata(files: Map<string, Buffer>, format: 'csv' | 'jsonl') {
  const { card } = readCard(files);
  const rows = splitRows(files, format);
  const features = card.dataset_info.features;
  const byName = new Map(features.map((feature) => [feature.name as string, feature]));
  // audiofolder turns file_name into the `audio` column; every other metadata column is declared as it is.
  const columns = Object.keys(rows[0]!).filter((column) => column !== 'folder');
  expect([...byName.keys()].sort()).toEqual(columns.map((column) => (column === 'file_name' ? 'audio' : column)).sort());
  expect(byName.get('audio')).toEqual({ name: 'audio', dtype: { audio: { sampling_rate: 16000 } } });
  const labels = (name: string) => Object.values((byName.get(name)!.dtype as { class_label: { names: Record<string, string> } }).class_label.names);
  expect(labels('emotion')).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral']);
  expect(labels('perceived_emotion')).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other']);
  for (const row of rows) {
    for (const column of columns) {
      const feature = byName.get(column === 'file_name' ? 'audio' : column)!;
      if (column !== 'file_name') expect(fits(feature, row[column], format), `${column} = ${JSON.stringify(row[column])}`).toBe(true);
    }
  }
  // A declared dtype that no row shows would be a guess: each non-string feature is seen with a value at least once.
  for (const feature of features.filter((f) => f.dtype !== 'string' && f.name !== 'audio')) {
    expect(rows.some((row) => !unknown(row[feature.name as string])), `${String(feature.name)} never has a value`).toBe(true);
  }
  return { card, rows };
}

/** The audiofolder rules of the `datasets` docs: split-named folders, one metadata file each, relative names that exist. */
function checkAudiofolderLayout(files: Map<string, Buffer>, format: 'csv' | 'jsonl', rows: Row[]) {
  const names = [...files.keys()];
  expect(names.filter((name) => name.includes('/')).every((name) => (SPLIT_FOLDERS as readonly string[]).includes(name.split('/')[0]!))).toBe(true);
  expect(names.filter((name) => !name.includes('/')).sort()).toEqual(['README.md', 'ratings.csv']);
  for (const folder of new Set(rows.map((row) => row.folder))) {
    expect(names.filter((name) => name.startsWith(`${folder}/metadata.`))).toEqual([`${folder}/metadata.${format}`]);
  }
  for (const row of rows) {
    expect(String(row.file_name)).not.toContain('/');
    expect(files.has(`${row.folder}/${String(row.file_name)}`)).toBe(true);
  }
  expect(names.filter((name) => name.endsWith('.wav'))).toHaveLength(rows.length);
}

describe('the v1.1 archive and its dataset card', () => {
  it('when exported as CSV, then the layout follows the audiofolder rules and every declared feature matches the metadata', async () => {
    const files = await exportFiles('');
    const { card, rows } = checkCardAgainstMetadata(files, 'csv');
    checkAudiofolderLayout(files, 'csv', rows);
    expect(card.license).toBe('cc-by-4.0');
    expect(card.dataset_info.features.filter((feature) => feature.dtype === 'float64').map((feature) => feature.name)).toEqual([...FLOAT_COLUMNS]);
    expect(card.task_categories).toContain('audio-classification');
    expect(card.language.sort()).toEqual(['en', 'fr']);
    expect(card.configs).toEqual([
      { config_name: 'default', data_files: SPLIT_FOLDERS.map((split) => ({ split, path: `${split}/*` })) },
    ]);
    expect(card.dataset_info.splits).toEqual(SPLIT_FOLDERS.map((name) => ({ name, num_examples: rows.filter((row) => row.folder === name).length })));
  });

  it('when exported as JSONL, then flags is a list, votes an object, declared so, with the same ratings.csv and card sections', async () => {
    const csv = await exportFiles('');
    const files = await exportFiles('?format=jsonl');
    const { card, rows } = checkCardAgainstMetadata(files, 'jsonl');
    checkAudiofolderLayout(files, 'jsonl', rows);
    const feature = (name: string) => card.dataset_info.features.find((f) => f.name === name);
    expect(feature('flags')).toEqual({ name: 'flags', sequence: 'string' });
    expect((feature('votes')!.struct as { name: string }[]).map((field) => field.name)).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other']);
    expect(rows.find((row) => row.take_id === corpus.takes.aJoy)).toMatchObject({ flags: expect.any(Array), votes: { joy: 2, anger: 1, other: 0 } });
    expect(files.get('ratings.csv')!.equals(csv.get('ratings.csv')!)).toBe(true);
    const sections = (text: string) => text.split('\n').filter((line) => line.startsWith('## '));
    expect(sections(readCard(files).body)).toEqual(sections(readCard(csv).body));
  });

  it('when the card is read, then it gives counts per split, emotion and locale, agreement, recognition, capture settings and the split method', async () => {
    const files = await exportFiles('');
    const { body } = readCard(files);
    const rows = splitRows(files, 'csv');
    for (const heading of ['## Counts', '## Listener agreement', '## Capture settings', '## How the split was made']) expect(body).toContain(heading);
    for (const split of SPLIT_FOLDERS) {
      const mine = rows.filter((row) => row.folder === split);
      const speakers = new Set(mine.map((row) => row.speaker_id)).size;
      expect(body).toMatch(new RegExp(`^\\| ${split} \\| ${speakers} \\| ${mine.length} \\|`, 'm'));
    }
    // aJoy (2 of 3), aAnger (tie, 1 of 2), bSadness (3 of 3), cFear (1 of 1): four rated takes, 9 counted ratings.
    expect(body).toContain(`takes with at least one counted rating: 4 of ${rows.length}`);
    expect(body).toContain('counted ratings on them: 9; rows in ratings.csv: 11, by 3 raters');
    expect(body).toContain(`mean agreement (the plurality's share of a take's counted ratings): ${(((2 / 3 + 0.5 + 1 + 1) / 4) * 100).toFixed(1)} %`);
    expect(body).toMatch(/^\| joy \| 1 \| 1 \| 100\.0 % \|$/m);
    expect(body).toMatch(/^\| anger \| 0 \| 0 \| n\/a \|$/m);
    expect(body).toMatch(/`echo_cancellation`: unknown \(5\), true \(1\)/);
    expect(body).toMatch(/`capture_sample_rate`: unknown \(5\), 48000 \(1\)/);
  });

  it('when an exported WAV is compared with the utterance it was recorded from, then it is the same speech', async () => {
    const files = await exportFiles('');
    const row = splitRows(files, 'csv').find((candidate) => candidate.take_id === corpus.takes.cFear)!;
    const wav = files.get(`${row.folder}/${String(row.file_name)}`)!;
    expect(parseWav(wav)).toMatchObject({ sampleRate: 16_000, channels: 1 });
    expect((await compareToSource(wav, FIXTURES.fr1Wav)).r).toBeGreaterThanOrEqual(0.9);
    expect((await compareToSource(wav, FIXTURES.en2Wav)).r).toBeLessThan(0.9);
  });

  it.for(['csv', 'jsonl'] as const)(
    'when a standard-library Python loader reads the %s archive the audiofolder way, then its counts are the database\'s and the card names the columns whose type differs between splits',
    async (format, context) => {
      if (!existsSync(PYTHON)) context.skip(`${PYTHON} is missing: the loader check needs it (the datasets library cannot be installed here)`);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'emovox-audiofolder-'));
      try {
        const files = await exportFiles(`?format=${format}`);
        for (const [name, data] of files) {
          await mkdir(path.join(dir, path.dirname(name)), { recursive: true });
          await writeFile(path.join(dir, name), data);
        }
        const { stdout } = await promisify(execFile)(PYTHON, [LOADER, dir], { timeout: 60_000 });
        const loaded = JSON.parse(stdout) as Loaded;
        const db = await server.db.pool.query(
          `SELECT t.emotion, ds.split, count(*)::int AS n FROM takes t JOIN dataset_splits ds ON ds.speaker_id = t.speaker_id
           WHERE t.state = 'saved' AND t.review <> 'rejected' AND t.replaced_by IS NULL GROUP BY 1, 2`,
        );
        for (const split of SPLIT_FOLDERS) {
          const mine = db.rows.filter((row) => row.split === split);
          expect(loaded.splits[split]!.rows).toBe(mine.reduce((sum, row) => sum + (row.n as number), 0));
          expect(loaded.splits[split]!.emotions).toEqual(Object.fromEntries(mine.map((row) => [row.emotion, row.n])));
        }
        const ratings = await server.db.pool.query(
          `SELECT count(*)::int AS n FROM ratings r JOIN takes t ON t.id = r.take_id WHERE t.review <> 'rejected' AND t.replaced_by IS NULL`,
        );
        expect(loaded.ratings).toBe(ratings.rows[0].n);
        expect(loaded.card.keys).toEqual(expect.arrayContaining(['license', 'task_categories', 'language', 'configs', 'dataset_info']));
        expect(loaded.card.splits).toEqual([...SPLIT_FOLDERS]);
        expect(loaded.card.class_labels.emotion).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral']);
        // Real numbers read as floats whatever values a split happens to hold (0.0, 1.0); in JSONL a split where a
        // column is null in every row reads it as null instead.
        for (const split of SPLIT_FOLDERS) {
          for (const column of FLOAT_COLUMNS) expect(loaded.types[split]![column], `${split} ${column}`).toMatch(format === 'csv' ? /^float$/ : /^(float|null)$/);
        }
        // The card names exactly the columns a loader would find typed differently from one split to another.
        const line = readCard(files).body.split('\n').find((text) => text.startsWith('Columns whose type differs between splits'));
        const named = line ? [...line.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]) : [];
        expect(named).toEqual(loaded.differing);
        expect(loaded.differing.length, 'this corpus has profile fields known for some splits only').toBeGreaterThan(0);
        const floats = format === 'csv' ? [...FLOAT_COLUMNS] : ['duration_s', 'rms_dbfs', 'peak_dbfs', 'clipped_ratio', 'silence_ratio'];
        for (const always of ['file_name', 'take_id', 'speaker_id', 'sentence', 'emotion', 'sample_rate', 'ratings', 'gold', 'mime_type', ...floats]) {
          expect(loaded.differing).not.toContain(always);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
