// The behaviour of the `/record` namespace the client's take logic relies on, run once against the
// FakeRecordServer (client/src/test-support/fake-record-server.test.ts) and once against the real server
// with real Socket.IO clients (server/test/socket/record-server-contract.test.ts), so the fake cannot drift.
import type { Ack } from '@emovox/server/protocol';
import { describe, expect, it } from 'vitest';

/** One speaker's connection to a `/record` server. */
export interface ContractClient {
  /** Sends an event and resolves with its ack. */
  request(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  /** A sentence the server knows. */
  sentenceId: string;
  close(): Promise<void>;
}

export type ContractClientFactory = () => Promise<ContractClient>;

const bytes = (...values: number[]) => new Uint8Array(values);

export function recordServerContract(name: string, connect: ContractClientFactory): void {
  describe(`/record contract: ${name}`, () => {
    async function withTake(test: (client: ContractClient, takeId: string, start: Record<string, unknown>) => Promise<void>) {
      const client = await connect();
      try {
        const start = { sentenceId: client.sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus', clientTakeId: `contract-${Math.random().toString(36).slice(2)}` };
        const ack = await client.request('take:start', start);
        expect(ack).toMatchObject({ ok: true, state: 'recording' });
        await test(client, String((ack as Record<string, unknown>).takeId), start);
      } finally {
        await client.close();
      }
    }

    it('when chunks are sent, then each is acked with its seq and resume reports them held', async () => {
      await withTake(async (client, takeId) => {
        expect(await client.request('take:chunk', { takeId, seq: 0, data: bytes(1, 2, 3) })).toEqual({ ok: true, seq: 0 });
        expect(await client.request('take:chunk', { takeId, seq: 1, data: bytes(4, 5) })).toEqual({ ok: true, seq: 1 });
        expect(await client.request('take:resume', { takeId })).toMatchObject({ ok: true, state: 'recording', nextSeq: 2, missing: [], receivedSeq: 1 });
      });
    });

    it('when a held seq is resent with the same bytes, then it succeeds again', async () => {
      await withTake(async (client, takeId) => {
        await client.request('take:chunk', { takeId, seq: 0, data: bytes(1, 2, 3) });
        expect(await client.request('take:chunk', { takeId, seq: 0, data: bytes(1, 2, 3) })).toEqual({ ok: true, seq: 0 });
      });
    });

    it('when a held seq is resent with other bytes, then the answer is CONFLICT and the held bytes stay', async () => {
      await withTake(async (client, takeId) => {
        await client.request('take:chunk', { takeId, seq: 0, data: bytes(1, 2, 3) });
        const ack = await client.request('take:chunk', { takeId, seq: 0, data: bytes(9, 9, 9) });
        expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
        expect(await client.request('take:chunk', { takeId, seq: 0, data: bytes(1, 2, 3) })).toEqual({ ok: true, seq: 0 });
      });
    });

    it('when a chunk is missing below the highest seq, then resume lists it and stop answers MISSING_CHUNKS', async () => {
      await withTake(async (client, takeId) => {
        await client.request('take:chunk', { takeId, seq: 0, data: bytes(1) });
        await client.request('take:chunk', { takeId, seq: 2, data: bytes(3) });
        expect(await client.request('take:resume', { takeId })).toMatchObject({ ok: true, nextSeq: 3, missing: [1], receivedSeq: 0 });
        expect(await client.request('take:stop', { takeId, lastSeq: 2 })).toMatchObject({ ok: false, error: { code: 'MISSING_CHUNKS', missing: [1] } });
      });
    });

    it('when every chunk is held, then the stop ack carries exactly the contract fields', async () => {
      await withTake(async (client, takeId) => {
        await client.request('take:chunk', { takeId, seq: 0, data: bytes(1) });
        expect(await client.request('take:stop', { takeId, lastSeq: 0 })).toEqual({ ok: true, state: 'finalizing' });
      });
    });

    it('when take:start is repeated with the same clientTakeId, then the same take comes back; with other fields, CONFLICT', async () => {
      await withTake(async (client, takeId, start) => {
        expect(await client.request('take:start', start)).toMatchObject({ ok: true, takeId, state: 'recording' });
        expect(await client.request('take:start', { ...start, emotion: 'anger' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      });
    });

    it('when a take is discarded, then a new chunk for it gives CONFLICT with the state', async () => {
      await withTake(async (client, takeId) => {
        await client.request('take:chunk', { takeId, seq: 0, data: bytes(1) });
        expect(await client.request('take:discard', { takeId })).toEqual({ ok: true, state: 'discarded' });
        expect(await client.request('take:chunk', { takeId, seq: 1, data: bytes(2) })).toMatchObject({ ok: false, error: { code: 'CONFLICT', state: 'discarded' } });
      });
    });
  });
}
