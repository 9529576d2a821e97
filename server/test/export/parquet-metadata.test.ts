// format=parquet: each split's metadata.parquet is read back by two Parquet readers that share no code with the
// writer: hyparquet, and Apache Arrow's Rust implementation (arrow-rs, compiled to WebAssembly as parquet-wasm),
// the Arrow that `datasets` loads Parquet into. The corpus has columns known in some splits and unknown in every row
// of another; in CSV and JSONL those read with another type in that split, which `datasets` refuses ("have
// different features"). In Parquet every split's file states one schema, the card's features, and holds the same
// values as the JSONL rows.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readParquet, readSchema, writeParquet } from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, supervisorTokens } from '../supervisors/helpers.js';
import { exportFiles as exportArchive, SPLIT_FOLDERS, splitRows } from './dataset-archive.js';
import { buildCorpus } from './dataset-fixture.js';

let server: TestServer;
let supervisor: string;

beforeAll(async () => {
  server = await startTestServer({ env: { ...ADMIN_ENV, DATASET_LICENSE: 'cc-by-4.0' } });
  ({ supervisor } = await supervisorTokens(server.url));
  await buildCorpus(server, supervisor);
});
afterAll(async () => {
  await server?.dispose();
});

const exportFiles = (query: string) => exportArchive(server.url, supervisor, query);

const arrayBufferOf = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

interface Element {
  name: string;
  type?: string;
  repetition?: string;
  converted?: string;
  children?: number;
}

function schemaOf(data: Buffer): Element[] {
  return parquetMetadata(arrayBufferOf(data)).schema.map((element) => ({
    name: element.name,
    type: element.type,
    repetition: element.repetition_type,
    converted: element.converted_type,
    children: element.num_children,
  }));
}

/** The rows as the reader gives them, with an absent (null) struct as null, as JSONL writes it. */
async function parquetRows(data: Uint8Array): Promise<Record<string, unknown>[]> {
  const rows = (await parquetReadObjects({ file: arrayBufferOf(data) })) as Record<string, unknown>[];
  return rows.map((row) => ({ ...row, votes: row.votes ?? null }));
}

interface Card {
  dataset_info: { features: Record<string, unknown>[] };
}
const cardOf = (files: Map<string, Buffer>) => {
  const [, yaml, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(files.get('README.md')!.toString('utf8'))!;
  return { card: parseYaml(yaml!) as Card, body: body! };
};

const LEAVES: Record<string, Omit<Element, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted: 'UTF8' },
  int32: { type: 'INT32' },
  float64: { type: 'DOUBLE' },
  bool: { type: 'BOOLEAN' },
};
const leaf = (name: string, dtype: string): Element => ({ name, repetition: 'OPTIONAL', ...LEAVES[dtype]! });

/** The Parquet elements a declared feature stands for: a list and a struct as groups; audio and class labels as text. */
function elementsOf(feature: Record<string, unknown>): Element[] {
  const name = feature.name === 'audio' ? 'file_name' : (feature.name as string);
  if (typeof feature.sequence === 'string') {
    return [{ name, repetition: 'OPTIONAL', converted: 'LIST', children: 1 }, { name: 'list', repetition: 'REPEATED', children: 1 }, leaf('element', feature.sequence)];
  }
  if (Array.isArray(feature.struct)) {
    const fields = feature.struct as { name: string; dtype: string }[];
    return [{ name, repetition: 'OPTIONAL', children: fields.length }, ...fields.map((field) => leaf(field.name, field.dtype))];
  }
  return [leaf(name, typeof feature.dtype === 'string' ? feature.dtype : 'string')];
}

describe('format=parquet', () => {
  it('when the splits are exported as Parquet, then every split states the same schema, the one the card declares, where JSONL differs', async () => {
    const files = await exportFiles('?format=parquet');
    const jsonl = await exportFiles('?format=jsonl');
    const present = SPLIT_FOLDERS.filter((split) => files.has(`${split}/metadata.parquet`));
    expect(present).toEqual(SPLIT_FOLDERS.filter((split) => jsonl.has(`${split}/metadata.jsonl`)));
    expect(present.length).toBeGreaterThan(1);
    for (const name of files.keys()) expect(name).not.toMatch(/metadata\.(csv|jsonl)$/);

    const schemas = present.map((split) => schemaOf(files.get(`${split}/metadata.parquet`)!));
    for (const schema of schemas) expect(schema).toEqual(schemas[0]);

    // JSONL names columns whose type differs between its splits; Parquet has none, and says so.
    expect(cardOf(jsonl).body).toMatch(/Columns whose type differs between splits[^\n]*`/);
    expect(cardOf(files).body).toContain('Every metadata column reads with the same type in every split.');

    // The schema is the card's features, column by column and in order, nested as in JSONL.
    const { features } = cardOf(files).card.dataset_info;
    expect(features).toEqual(cardOf(jsonl).card.dataset_info.features);
    expect(schemas[0]![0]).toMatchObject({ children: features.length });
    expect(schemas[0]!.slice(1)).toEqual(features.flatMap(elementsOf));
  });

  it('when read back, then each split holds the JSONL rows value for value, and every file_name is a WAV beside it', async () => {
    const files = await exportFiles('?format=parquet');
    const expected = new Map(splitRows(await exportFiles('?format=jsonl'), 'jsonl').map(({ folder, ...row }) => [row.take_id, { folder, row }]));
    let seen = 0;
    for (const split of SPLIT_FOLDERS) {
      const data = files.get(`${split}/metadata.parquet`);
      if (!data) continue;
      for (const row of await parquetRows(data)) {
        const want = expected.get(row.take_id)!;
        expect(want.folder).toBe(split);
        expect(row).toEqual(want.row);
        expect(files.has(`${split}/${String(row.file_name)}`)).toBe(true);
        seen += 1;
      }
    }
    expect(seen).toBe(expected.size);
    expect(seen).toBeGreaterThan(0);
  });

  it('when Arrow reads each split (arrow-rs), then every split has the same Arrow schema, and the rows Arrow read are the JSONL rows', async () => {
    const files = await exportFiles('?format=parquet');
    const expected = new Map(splitRows(await exportFiles('?format=jsonl'), 'jsonl').map(({ folder, ...row }) => [row.take_id, { folder, row }]));
    const arrowSchemas: Buffer[] = [];
    let seen = 0;
    for (const split of SPLIT_FOLDERS) {
      const data = files.get(`${split}/metadata.parquet`);
      if (!data) continue;
      arrowSchemas.push(Buffer.from(readSchema(data).intoIPCStream()));
      // What Arrow read, written out again by Arrow's own writer, then read by the other reader.
      for (const row of await parquetRows(writeParquet(readParquet(data)))) {
        expect(row).toEqual(expected.get(row.take_id)!.row);
        expect(expected.get(row.take_id)!.folder).toBe(split);
        seen += 1;
      }
    }
    expect(arrowSchemas.length).toBeGreaterThan(1);
    for (const schema of arrowSchemas) expect(schema.equals(arrowSchemas[0]!)).toBe(true);
    expect(seen).toBe(expected.size);
  });
});
