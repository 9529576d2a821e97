// The behaviour every ObjectStore must share, run against each implementation by its own test file.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../src/storage/index.js';
import { ObjectNotFoundError } from '../../src/storage/index.js';

/** Returns a store with no objects in it; called once per test. */
export type StoreFactory = () => Promise<ObjectStore>;

export async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The whole object, through read(): the stores have no whole-object call of their own. */
export async function readAll(store: ObjectStore, key: string): Promise<Buffer> {
  return drain(await store.read(key));
}

const ORIGINAL = 'takes/0b7e2a4c-1f3d-4c55-9a51-2d1f0f6a7c11/original.webm';
const WAV = 'takes/0b7e2a4c-1f3d-4c55-9a51-2d1f0f6a7c11/audio.wav';

const BAD_KEYS = [
  '',
  '/takes/a/audio.wav',
  '../secret',
  'takes/../../etc/passwd',
  'takes/./audio.wav',
  'takes//audio.wav',
  'takes/a/',
  'takes\\a\\audio.wav',
  'takes/.hidden',
  'takes/a\u0000b',
];

export function objectStoreContract(name: string, freshStore: StoreFactory): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it('when an object is put, then stat gives its size and content type and readAll gives its bytes', async () => {
      const store = await freshStore();
      const body = randomBytes(10_000);
      await store.put(WAV, body, 'audio/wav');
      expect(await store.stat(WAV)).toEqual({ size: 10_000, contentType: 'audio/wav' });
      expect((await readAll(store, WAV)).equals(body)).toBe(true);
    });

    it('when an object is put twice with the same bytes, then the second put succeeds and nothing changes', async () => {
      const store = await freshStore();
      const body = randomBytes(2048);
      await store.put(ORIGINAL, body, 'audio/webm');
      await store.put(ORIGINAL, body, 'audio/webm');
      expect(await store.stat(ORIGINAL)).toEqual({ size: 2048, contentType: 'audio/webm' });
      expect((await readAll(store, ORIGINAL)).equals(body)).toBe(true);
      expect(await store.list('takes/')).toEqual([ORIGINAL]);
    });

    it('when an object is overwritten with other bytes and type, then the new ones are served', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('first version'), 'application/octet-stream');
      await store.put(WAV, Buffer.from('second'), 'audio/wav');
      expect(await store.stat(WAV)).toEqual({ size: 6, contentType: 'audio/wav' });
      expect((await readAll(store, WAV)).toString()).toBe('second');
    });

    it('when a file is put, then the object holds its bytes and the file is gone; putting again replaces the object', async () => {
      const store = await freshStore();
      const dir = await mkdtemp(path.join(tmpdir(), 'emovox-put-file-'));
      try {
        for (const body of [randomBytes(70_000), randomBytes(1_000)]) {
          const file = path.join(dir, 'spooled.wav');
          await writeFile(file, body);
          await store.putFile(WAV, file, 'audio/wav');
          expect(await store.stat(WAV)).toEqual({ size: body.length, contentType: 'audio/wav' });
          expect((await readAll(store, WAV)).equals(body)).toBe(true);
          expect(await readdir(dir)).toEqual([]);
        }
        await expect(store.putFile(WAV, path.join(dir, 'missing.wav'), 'audio/wav')).rejects.toThrow();
        expect((await readAll(store, WAV)).length).toBe(1_000);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('when an empty object is put, then it exists with size 0', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.alloc(0), 'audio/wav');
      expect(await store.stat(WAV)).toEqual({ size: 0, contentType: 'audio/wav' });
      expect((await readAll(store, WAV)).length).toBe(0);
      expect((await drain(await store.read(WAV))).length).toBe(0);
    });

    it('when an object is missing, then stat is null and read and readAll reject with ObjectNotFoundError', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('x'), 'audio/wav');
      expect(await store.stat(ORIGINAL)).toBeNull();
      await expect(store.read(ORIGINAL)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.read(ORIGINAL, { start: 0, end: 0 })).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(readAll(store, ORIGINAL)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('when a key names only a "folder" of other objects, then it is a missing object', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('x'), 'audio/wav');
      const folder = WAV.slice(0, WAV.lastIndexOf('/'));
      expect(await store.stat(folder)).toBeNull();
      await expect(readAll(store, folder)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.read(folder)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await store.delete(folder);
      expect(await store.list('takes/')).toEqual([WAV]);
    });

    it('when an object is read as a stream, then the stream yields exactly its bytes', async () => {
      const store = await freshStore();
      const body = randomBytes(700_000); // several stream chunks
      await store.put(ORIGINAL, body, 'audio/webm');
      expect((await drain(await store.read(ORIGINAL))).equals(body)).toBe(true);
    });

    it('when a byte range is read, then exactly bytes start..end inclusive come back', async () => {
      const store = await freshStore();
      const body = randomBytes(300_000);
      await store.put(WAV, body, 'audio/wav');
      const cases = [
        { start: 0, end: 0 },
        { start: 0, end: 43 },
        { start: 44, end: 199_999 },
        { start: 299_999, end: 299_999 },
        { start: 123_456, end: 299_999 },
      ];
      for (const range of cases) {
        const got = await drain(await store.read(WAV, range));
        expect(got.equals(body.subarray(range.start, range.end + 1)), JSON.stringify(range)).toBe(true);
      }
    });

    it('when a range is malformed, then read rejects with a plain Error', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('0123456789'), 'audio/wav');
      for (const range of [{ start: 5, end: 4 }, { start: -1, end: 3 }, { start: 0.5, end: 3 }]) {
        const error = await store.read(WAV, range).catch((e: unknown) => e);
        expect(error, JSON.stringify(range)).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(ObjectNotFoundError);
      }
    });

    it('when an object is deleted, then it is gone, and deleting it again is not an error', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('x'), 'audio/wav');
      await store.put(ORIGINAL, Buffer.from('y'), 'audio/webm');
      await store.delete(WAV);
      expect(await store.stat(WAV)).toBeNull();
      await expect(readAll(store, WAV)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await store.delete(WAV);
      await store.delete('takes/never-existed/audio.wav');
      expect(await store.list('takes/')).toEqual([ORIGINAL]);
    });

    it('when a prefix is deleted, then exactly the keys starting with it go', async () => {
      const store = await freshStore();
      const keys = ['takes/ab/audio.wav', 'takes/ab/original.webm', 'takes/abc/audio.wav', 'takes/b/audio.wav', 'exports/ab'];
      for (const key of keys) await store.put(key, Buffer.from(key), 'audio/wav');
      await store.deletePrefix('takes/ab/');
      expect(await store.list('')).toEqual(['exports/ab', 'takes/abc/audio.wav', 'takes/b/audio.wav']);
      await store.deletePrefix('takes/a'); // a partial segment matches like any string prefix
      expect(await store.list('')).toEqual(['exports/ab', 'takes/b/audio.wav']);
      await store.deletePrefix('takes/nothing-here/');
      expect(await store.list('')).toEqual(['exports/ab', 'takes/b/audio.wav']);
    });

    it('when deletePrefix gets an empty prefix, then it refuses rather than deleting everything', async () => {
      const store = await freshStore();
      await store.put(WAV, Buffer.from('x'), 'audio/wav');
      await expect(store.deletePrefix('')).rejects.toThrow(/empty prefix/);
      expect(await store.list('')).toEqual([WAV]);
    });

    it('when listing, then the keys starting with the prefix come back sorted, and none is []', async () => {
      const store = await freshStore();
      const keys = ['takes/b/audio.wav', 'takes/a/original.webm', 'takes/a/audio.wav', 'takes/a2/x', 'other/a'];
      for (const key of keys) await store.put(key, Buffer.from('.'), 'audio/wav');
      expect(await store.list('takes/a/')).toEqual(['takes/a/audio.wav', 'takes/a/original.webm']);
      expect(await store.list('takes/a')).toEqual(['takes/a/audio.wav', 'takes/a/original.webm', 'takes/a2/x']);
      expect(await store.list('takes/')).toEqual(['takes/a/audio.wav', 'takes/a/original.webm', 'takes/a2/x', 'takes/b/audio.wav']);
      expect(await store.list('')).toEqual([...keys].sort());
      expect(await store.list('nothing/')).toEqual([]);
    });

    it('when a key has spaces and non-ASCII letters, then it round-trips', async () => {
      const store = await freshStore();
      const key = 'exports/déjà vu/naïve take #1.wav';
      await store.put(key, Buffer.from('é'), 'audio/wav');
      expect((await readAll(store, key)).toString()).toBe('é');
      expect(await store.list('exports/')).toEqual([key]);
    });

    it('when readers race an overwrite, then each read sees the old or the new bytes in full', async () => {
      const store = await freshStore();
      const before = Buffer.alloc(200_000, 1);
      const after = Buffer.alloc(150_000, 2);
      await store.put(WAV, before, 'audio/wav');
      const reads = Array.from({ length: 8 }, () => readAll(store, WAV));
      await Promise.all([store.put(WAV, after, 'audio/wav'), ...reads]);
      for (const got of await Promise.all(reads)) expect(got.equals(before) || got.equals(after)).toBe(true);
      expect((await readAll(store, WAV)).equals(after)).toBe(true);
    });

    it('when storage is reachable, then ping resolves', async () => {
      const store = await freshStore();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('when a key could escape or is malformed, then every call rejects with a plain Error', async () => {
      const store = await freshStore();
      for (const key of BAD_KEYS) {
        const calls = [
          () => store.put(key, Buffer.from('x'), 'audio/wav'),
          () => store.stat(key),
          () => store.read(key),
          () => readAll(store, key),
          () => store.delete(key),
        ];
        for (const call of calls) {
          const error = await call().then(() => null, (e: unknown) => e);
          expect(error, JSON.stringify(key)).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(ObjectNotFoundError);
        }
      }
      for (const prefix of ['/takes/', '../', 'takes/../', 'takes//', 'takes\\', 'takes/.x']) {
        await expect(store.list(prefix), prefix).rejects.toThrow(/Invalid key prefix/);
        await expect(store.deletePrefix(prefix), prefix).rejects.toThrow(/Invalid key prefix/);
      }
      expect(await store.list('')).toEqual([]);
    });
  });
}
