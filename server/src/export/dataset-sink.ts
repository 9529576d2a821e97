// Where an export goes: a tar stream (the API) or a directory (the CLI). Both get one file at a time.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

export interface DatasetSink {
  /** Writes one file of a known size from a stream; resolves once it is fully written. */
  addStream(name: string, size: number, body: Readable): Promise<void>;
  addBuffer(name: string, data: Buffer): Promise<void>;
  finish(): Promise<void>;
}

/** An uncompressed tar on `output`; pipe it through gzip. Backpressure flows from output to the WAV reads. */
export function tarSink(): { sink: DatasetSink; output: tar.Pack } {
  const pack = tar.pack();
  const mtime = new Date();
  const entry = (name: string, size: number, write: (entry: ReturnType<tar.Pack['entry']>) => void) =>
    new Promise<void>((resolve, reject) => {
      const stream = pack.entry({ name, size, mode: 0o644, mtime }, (error) => (error ? reject(error) : resolve()));
      // A failed entry is reported through the callback; its 'error' event would otherwise go unhandled.
      stream.on('error', () => undefined);
      write(stream);
    });
  return {
    output: pack,
    sink: {
      addStream: (name, size, body) =>
        entry(name, size, (stream) => {
          body.on('error', (error) => stream.destroy(error));
          body.pipe(stream as unknown as NodeJS.WritableStream);
        }),
      addBuffer: (name, data) => entry(name, data.length, (stream) => stream.end(data)),
      async finish() {
        pack.finalize();
      },
    },
  };
}

/** The audiofolder layout on disk: DIR/<split>/<takeId>.wav, DIR/<split>/metadata.*, DIR/ratings.csv, DIR/README.md. */
export async function directorySink(root: string): Promise<DatasetSink> {
  await mkdir(root, { recursive: true });
  const target = async (name: string) => {
    const resolved = path.resolve(root, name);
    if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
    await mkdir(path.dirname(resolved), { recursive: true });
    return resolved;
  };
  return {
    addStream: async (name, _size, body) => pipeline(body, createWriteStream(await target(name))),
    addBuffer: async (name, data) => writeFile(await target(name), data),
    async finish() {},
  };
}
