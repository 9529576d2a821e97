// Reading an exported dataset back: the gzipped tar and the CSV metadata.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { request } from '../supervisors/helpers.js';

export interface Extracted {
  files: Map<string, Buffer>;
  order: string[];
}

export async function untar(gzipped: Buffer): Promise<Extracted> {
  const files = new Map<string, Buffer>();
  const order: string[] = [];
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (part: unknown) => parts.push(part as Buffer));
      stream.on('end', () => {
        files.set(header.name, Buffer.concat(parts));
        order.push(header.name);
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from(gzipped).pipe(createGunzip()).pipe(extract as unknown as NodeJS.WritableStream);
  await done;
  return { files, order };
}

/** GET /export with this query string (e.g. `?format=jsonl`) as a supervisor: the archive's files by name. */
export async function exportFiles(url: string, token: string, query: string): Promise<Map<string, Buffer>> {
  const response = await request(url, `/export${query}`, { token });
  if (response.status !== 200) throw new Error(`GET /export${query}: ${response.status} ${await response.text()}`);
  return (await untar(Buffer.from(await response.arrayBuffer()))).files;
}

/** RFC 4180, enough for the exporter's own output (quoted fields with "" and commas). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ''])));
}

export const SPLIT_FOLDERS = ['train', 'validation', 'test'] as const;

export type Row = Record<string, unknown> & { folder: string };

/** Every split folder's metadata rows (CSV cells as text, JSONL values as they are), each with its folder. */
export function splitRows(files: Map<string, Buffer>, format: 'csv' | 'jsonl'): Row[] {
  return SPLIT_FOLDERS.flatMap((folder) => {
    const file = files.get(`${folder}/metadata.${format}`);
    if (!file) return [];
    const text = file.toString('utf8');
    const rows: Record<string, unknown>[] = format === 'csv' ? parseCsv(text) : text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    return rows.map((row) => ({ ...row, folder }));
  });
}
