import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { clearPendingTakes, makeIndexedDbChunkStore, makeMemoryChunkStore, type ChunkStore, type PendingTake } from './chunk-store';

const take = (id: string): PendingTake => ({
  clientTakeId: id,
  start: { sentenceId: 's', emotion: 'fear', mimeType: 'audio/webm;codecs=opus' },
  sentenceText: 'x',
  takeId: null,
  receipt: null,
  highestSeq: -1,
  stoppedDurationMs: null,
  createdAt: Date.now(),
});

const kinds: [string, () => Promise<ChunkStore>][] = [
  ['IndexedDB', () => makeIndexedDbChunkStore(new IDBFactory(), 'store-test')],
  ['memory', async () => makeMemoryChunkStore()],
];

describe.each(kinds)('pending chunk store (%s)', (_kind, make) => {
  it('when chunks are stored out of order, then they list in seq order and raise highestSeq', async () => {
    const store = await make();
    await store.saveTake(take('a'));
    await store.putChunk({ clientTakeId: 'a', seq: 2, data: new Uint8Array([2]).buffer, peak: 0.1 });
    await store.putChunk({ clientTakeId: 'a', seq: 0, data: new Uint8Array([0]).buffer, peak: null });
    expect((await store.listChunks('a')).map((c) => c.seq)).toEqual([0, 2]);
    expect((await store.getTake('a'))?.highestSeq).toBe(2);
    expect([...new Uint8Array((await store.getChunk('a', 2))!.data)]).toEqual([2]);
    store.close();
  });

  it('when the speaker asks to be forgotten, then every kept take and its chunks are gone', async () => {
    const store = await make();
    for (const id of ['a', 'b']) {
      await store.saveTake(take(id));
      await store.putChunk({ clientTakeId: id, seq: 0, data: new ArrayBuffer(1), peak: null });
    }
    await clearPendingTakes(store);
    expect(await store.listTakes()).toEqual([]);
    expect(await store.listChunks('a')).toEqual([]);
    expect(await store.listChunks('b')).toEqual([]);
    store.close();
  });

  it('when a take is deleted, then its chunks go and other takes stay', async () => {
    const store = await make();
    await store.saveTake(take('a'));
    await store.saveTake(take('b'));
    await store.putChunk({ clientTakeId: 'a', seq: 0, data: new ArrayBuffer(1), peak: null });
    await store.putChunk({ clientTakeId: 'b', seq: 0, data: new ArrayBuffer(1), peak: null });
    await store.deleteTake('a');
    expect(await store.listChunks('a')).toEqual([]);
    expect((await store.listTakes()).map((t) => t.clientTakeId)).toEqual(['b']);
    expect(await store.listChunks('b')).toHaveLength(1);
    store.close();
  });

  it('when an ack arrives, then deleting that chunk leaves the others', async () => {
    const store = await make();
    await store.saveTake(take('a'));
    for (const seq of [0, 1, 2]) await store.putChunk({ clientTakeId: 'a', seq, data: new ArrayBuffer(1), peak: null });
    await store.deleteChunk('a', 1);
    expect((await store.listChunks('a')).map((c) => c.seq)).toEqual([0, 2]);
    await store.updateTake('a', { takeId: 't', receipt: 'r' });
    expect(await store.getTake('a')).toMatchObject({ takeId: 't', receipt: 'r', highestSeq: 2 });
    store.close();
  });
});
