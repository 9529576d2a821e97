import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createObjectStore, LocalObjectStore } from '../../src/storage/index.js';
import { objectStoreContract, readAll } from './object-store.contract.js';

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'emovox-store-'));
  roots.push(root);
  return root;
}
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Every file under dir, relative, including the store's hidden sidecars and temp files. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

objectStoreContract('local filesystem', async () => createObjectStore({ kind: 'local', rootDir: await freshRoot() }));

describe('LocalObjectStore on disk', () => {
  it('when a file from another filesystem is put, then it is copied in whole and the source is removed', async () => {
    const root = await freshRoot();
    const store = new LocalObjectStore(root);
    const source = await mkdtemp(join('/dev/shm', 'emovox-spool-'));
    roots.push(source);
    expect((await stat(source)).dev).not.toBe((await stat(root)).dev); // a rename would fail with EXDEV
    const body = randomBytes(300_000);
    await writeFile(join(source, 'take.wav'), body);
    await store.putFile('takes/t1/audio.wav', join(source, 'take.wav'), 'audio/wav');
    expect((await readAll(store, 'takes/t1/audio.wav')).equals(body)).toBe(true);
    expect(await readdir(source)).toEqual([]);
    expect(await filesUnder(root)).toEqual(['takes/t1/audio.wav']);
  });

  it('when objects are put, then only the object files remain, with a sidecar only for a type their extension does not imply', async () => {
    const root = await freshRoot();
    const store = new LocalObjectStore(root);
    await store.put('takes/t1/audio.wav', Buffer.from('RIFF'), 'audio/wav');
    await store.put('takes/t1/audio.wav', Buffer.from('RIFF2'), 'audio/wav');
    await store.put('takes/t1/original.webm', Buffer.from('webm'), 'audio/webm;codecs=opus');
    expect(await filesUnder(root)).toEqual(['takes/t1/.original.webm.meta.json', 'takes/t1/audio.wav', 'takes/t1/original.webm']);
    await store.put('takes/t1/audio.wav', Buffer.from('RIFF3'), 'audio/x-wav');
    expect(await store.stat('takes/t1/audio.wav')).toEqual({ size: 5, contentType: 'audio/x-wav' });
    await store.put('takes/t1/audio.wav', Buffer.from('RIFF4'), 'audio/wav');
    expect(await store.stat('takes/t1/audio.wav')).toEqual({ size: 5, contentType: 'audio/wav' });
    expect(await filesUnder(root)).toEqual(['takes/t1/.original.webm.meta.json', 'takes/t1/audio.wav', 'takes/t1/original.webm']);
  });

  it('when a new store opens the same directory, then it serves the same objects and content types', async () => {
    const root = await freshRoot();
    await new LocalObjectStore(root).put('takes/t1/original.webm', Buffer.from('webm'), 'audio/webm;codecs=opus');
    const reopened = new LocalObjectStore(root);
    expect(await reopened.stat('takes/t1/original.webm')).toEqual({ size: 4, contentType: 'audio/webm;codecs=opus' });
    expect(await reopened.list('')).toEqual(['takes/t1/original.webm']);
  });

  it('when a prefix is deleted, then its emptied directories go too but the root stays', async () => {
    const root = await freshRoot();
    const store = new LocalObjectStore(root);
    await store.put('takes/t1/audio.wav', Buffer.from('a'), 'audio/wav');
    await store.put('takes/t2/audio.wav', Buffer.from('b'), 'audio/wav');
    await store.deletePrefix('takes/t1/');
    expect(await readdir(join(root, 'takes'))).toEqual(['t2']);
    await store.delete('takes/t2/audio.wav');
    expect(await readdir(root)).toEqual([]);
    await store.put('takes/t3/audio.wav', Buffer.from('c'), 'audio/wav');
    expect(await store.list('')).toEqual(['takes/t3/audio.wav']);
  });

  it('when puts and prefix deletes race in the same folders, then every put that finishes is readable', async () => {
    const store = new LocalObjectStore(await freshRoot());
    for (let round = 0; round < 20; round += 1) {
      const key = `takes/t${round}/audio.wav`;
      await store.put(`takes/t${round}/stale.wav`, Buffer.from('old'), 'audio/wav');
      await Promise.all([store.deletePrefix(`takes/t${round}/stale`), store.put(key, Buffer.from('new'), 'audio/wav')]);
      expect((await readAll(store, key)).toString()).toBe('new');
    }
  });

  it('when the root directory does not exist yet, then ping creates it and resolves', async () => {
    const root = join(await freshRoot(), 'not', 'yet');
    await expect(new LocalObjectStore(root).ping()).resolves.toBeUndefined();
    expect(await readdir(root)).toEqual([]);
  });

  it('when the root cannot be created, then ping rejects', async () => {
    const root = await freshRoot();
    const blocker = join(root, 'a-file');
    await new LocalObjectStore(root).put('a-file', Buffer.from('x'), 'text/plain');
    await expect(new LocalObjectStore(join(blocker, 'store')).ping()).rejects.toThrow();
  });
});
