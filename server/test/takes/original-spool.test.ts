import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleSpools } from '../../src/takes/live-transcodes.js';
import { OriginalSpool } from '../../src/takes/original-spool.js';

describe('the original spool of a live take', () => {
  it('when chunks are appended, then close hands over the one file holding exactly their bytes in order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    const spool = new OriginalSpool(dir);
    const chunks = Array.from({ length: 40 }, (_, i) => randomBytes(1 + ((i * 631) % 5000)));
    chunks.forEach((chunk) => spool.append(chunk));
    const file = await spool.close();
    expect(file).not.toBeNull();
    expect(await readdir(dir)).toEqual([path.basename(file!)]);
    expect((await readFile(file!)).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('when the spool is discarded, then its file is gone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    const spool = new OriginalSpool(dir);
    spool.append(randomBytes(4800));
    spool.discard();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readdir(dir)).toEqual([]);
  });

  it('when the file cannot be written, then close gives null and finalize falls back to the staged chunks', async () => {
    const spool = new OriginalSpool(path.join(tmpdir(), 'emovox-no-such-dir', 'deeper'));
    spool.append(randomBytes(4800));
    expect(await spool.close()).toBeNull();
  });

  it('when a killed process left spool files, then only those untouched for longer than a live take can last are removed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    for (const name of ['emovox-live-old.orig', 'emovox-live-old.wav', 'emovox-live-fresh.orig', 'someone-else.tmp']) {
      await writeFile(path.join(dir, name), 'x');
    }
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    for (const name of ['emovox-live-old.orig', 'emovox-live-old.wav', 'someone-else.tmp']) await utimes(path.join(dir, name), elevenMinutesAgo, elevenMinutesAgo);
    expect(await removeStaleSpools(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['emovox-live-fresh.orig', 'someone-else.tmp']);
  });
});
