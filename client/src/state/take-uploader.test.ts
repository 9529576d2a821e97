// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIndexedDbChunkStore, type ChunkStore } from '../lib/chunk-store';
import { FakeRecordServer } from '../test-support/fake-record-server';
import { TakeUploader, type UploadProgress } from './take-uploader';

const start = { sentenceId: 's1', emotion: 'joy' as const, intensity: null, mimeType: 'audio/webm;codecs=opus' };
const open: ChunkStore[] = [];

async function setup(server = new FakeRecordServer()) {
  const store = await makeIndexedDbChunkStore(new IDBFactory(), 'test');
  open.push(store);
  const updates: UploadProgress[] = [];
  const deps = { transport: server, store, onChange: (p: UploadProgress) => updates.push(p), retryDelayMs: 20 };
  return { server, store, deps, updates };
}

function bytes(...values: number[]): Blob {
  return new Blob([new Uint8Array(values)]);
}

/** A Blob whose bytes arrive after `ms`: lets a later chunk be read before an earlier one. */
function slowBlob(value: number, ms: number): Blob {
  const blob = bytes(value);
  return Object.assign(blob, { arrayBuffer: () => new Promise<ArrayBuffer>((r) => setTimeout(() => r(new Uint8Array([value]).buffer), ms)) });
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

describe('take uploader', () => {
  it('when every chunk is acknowledged, then the store is emptied and stop completes the take as saved', async () => {
    const { server, store, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c1', start, sentenceText: 'Hello' });
    for (let i = 0; i < 5; i++) uploader.addChunk(bytes(i), 0.5);
    const finished = uploader.finish(1500);
    await until(() => uploader.progress().serverState === 'finalizing', 'finalizing');
    const { takeId } = uploader.progress();
    expect(server.received(takeId as string)).toEqual([0, 1, 2, 3, 4]);
    server.finalize(takeId as string);
    expect(await finished).toBe('saved');
    expect(await store.listChunks('c1')).toEqual([]);
    expect(await store.listTakes()).toEqual([]);
    expect(uploader.progress()).toMatchObject({ captured: 5, sent: 5, acked: 5, unacked: 0, receipt: `receipt-${takeId}` });
    uploader.dispose();
  });

  it('when the take:start ack carries maxTakeSeconds, then the uploader reports it', async () => {
    const { deps } = await setup();
    const limits: number[] = [];
    const uploader = await TakeUploader.begin({ ...deps, onMaxTakeSeconds: (seconds) => limits.push(seconds) }, { clientTakeId: 'c-limit', start, sentenceText: 'Hello' });
    await until(() => limits.length > 0, 'the limit');
    expect(limits).toEqual([60]);
    uploader.dispose();
  });

  it('when an earlier chunk takes longer to read, then seqs still follow capture order', async () => {
    const { server, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c2', start, sentenceText: 'Hello' });
    uploader.addChunk(slowBlob(10, 40), null);
    uploader.addChunk(bytes(11), null);
    const finished = uploader.finish(null);
    await until(() => uploader.progress().serverState === 'finalizing', 'finalizing');
    const take = server.takes.get(uploader.progress().takeId as string);
    expect([...(take?.chunks.get(0) ?? [])]).toEqual([10]);
    expect([...(take?.chunks.get(1) ?? [])]).toEqual([11]);
    server.finalize(take?.takeId as string);
    await finished;
    uploader.dispose();
  });

  it('when the connection drops mid-take, then unacked chunks stay in the store and are resent after resume', async () => {
    const { server, store, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c3', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    uploader.addChunk(bytes(1), null);
    await until(() => uploader.progress().acked === 2, 'first acks');
    server.goOffline();
    uploader.addChunk(bytes(2), null);
    uploader.addChunk(bytes(3), null);
    await until(async () => (await store.listChunks('c3')).length === 2, 'chunks kept locally');
    expect(uploader.progress()).toMatchObject({ connected: false, unacked: 2, acked: 2 });
    const finished = uploader.finish(null);
    server.goOnline();
    await until(() => uploader.progress().serverState === 'finalizing', 'finalizing');
    const takeId = uploader.progress().takeId as string;
    expect(server.received(takeId)).toEqual([0, 1, 2, 3]);
    expect(server.log.filter((e) => e === 'take:resume')).toHaveLength(1);
    server.finalize(takeId);
    expect(await finished).toBe('saved');
    uploader.dispose();
  });

  it('when an ack is lost but the server holds the chunk, then resume counts it as held without resending', async () => {
    const { server, deps } = await setup();
    server.dropConnectionAfter.add(1); // chunk 1 is stored, then the connection drops before its ack
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c4', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    uploader.addChunk(bytes(1), null);
    await until(() => !uploader.progress().connected, 'the drop');
    expect(uploader.progress()).toMatchObject({ acked: 1, unacked: 1 });
    server.goOnline();
    await until(() => uploader.progress().acked === 2, 'ack by resume');
    expect(server.log.filter((e) => e === 'take:resume')).toHaveLength(1);
    expect(server.log.filter((e) => e === 'take:chunk')).toHaveLength(2); // chunk 1 was not sent again
    const finished = uploader.finish(null);
    await until(() => uploader.progress().serverState === 'finalizing', 'finalizing');
    server.finalize(uploader.progress().takeId as string);
    expect(await finished).toBe('saved');
    uploader.dispose();
  });

  it('when the uploader is disposed while stop waits to retry, then no timer keeps running and finish ends as discarded', async () => {
    const { server, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c9', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    await until(() => uploader.progress().acked === 1, 'ack');
    server.failNext.set('take:stop', { code: 'RATE_LIMITED', message: 'busy', retryAfterMs: 600_000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const finished = uploader.finish(null);
      // IndexedDB and the fake server move on setImmediate and microtasks, which stay real.
      for (let i = 0; i < 1000 && vi.getTimerCount() === 0; i++) await new Promise((r) => setImmediate(r));
      expect(server.log.filter((e) => e === 'take:stop')).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(1); // the sleep before the next stop
      uploader.dispose();
      expect(vi.getTimerCount()).toBe(0);
      expect(await finished).toBe('discarded');
      expect(server.log.filter((e) => e === 'take:stop')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the page reloads mid-take, then a new uploader completes the take from the stored chunks', async () => {
    const { server, store, deps } = await setup();
    const first = await TakeUploader.begin(deps, { clientTakeId: 'c5', start, sentenceText: 'Hello' });
    first.addChunk(bytes(0), null);
    await until(() => first.progress().acked === 1, 'first ack');
    server.goOffline();
    first.addChunk(bytes(1), null);
    first.addChunk(bytes(2), null);
    await until(async () => (await store.listChunks('c5')).length === 2, 'chunks stored');
    first.dispose(); // the page is gone

    const [pending] = await store.listTakes();
    expect(pending).toMatchObject({ clientTakeId: 'c5', highestSeq: 2, sentenceText: 'Hello' });
    server.goOnline();
    const second = await TakeUploader.recover(deps, pending!);
    const finished = second.finish(pending!.stoppedDurationMs);
    await until(() => second.progress().serverState === 'finalizing', 'finalizing');
    const takeId = second.progress().takeId as string;
    expect(server.received(takeId)).toEqual([0, 1, 2]);
    expect(server.takes.get(takeId)?.lastSeq).toBe(2);
    server.finalize(takeId);
    expect(await finished).toBe('saved');
    expect(await store.listTakes()).toEqual([]);
    second.dispose();
  });

  it('when the server is unreachable at start, then take:start is retried with the same clientTakeId on connect', async () => {
    const server = new FakeRecordServer();
    server.goOffline();
    const { deps } = await setup(server);
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c6', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    await new Promise((r) => setTimeout(r, 30));
    expect(uploader.progress()).toMatchObject({ takeId: null, unacked: 1, sent: 0 });
    server.goOnline();
    await until(() => uploader.progress().acked === 1, 'ack after connect');
    expect([...server.takes.values()].map((t) => t.clientTakeId)).toEqual(['c6']);
    uploader.dispose();
  });

  it('when the server lost a chunk the client no longer holds, then the take fails with a clear error', async () => {
    const { server, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c7', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    await until(() => uploader.progress().acked === 1, 'ack');
    server.forget(uploader.progress().takeId as string, 0);
    expect(await uploader.finish(null)).toBe('failed');
    expect(uploader.progress().error?.code).toBe('MISSING_CHUNKS');
    uploader.dispose();
  });

  it('when a take is discarded, then the server and the store both forget it', async () => {
    const { server, store, deps } = await setup();
    const uploader = await TakeUploader.begin(deps, { clientTakeId: 'c8', start, sentenceText: 'Hello' });
    uploader.addChunk(bytes(0), null);
    await until(() => uploader.progress().acked === 1, 'ack');
    const takeId = uploader.progress().takeId as string;
    await uploader.discard();
    expect(server.takes.get(takeId)?.state).toBe('discarded');
    expect(await store.listTakes()).toEqual([]);
  });
});
