// The chunk path: take:chunk (the per-chunk limits, then the group-committed write of chunk-stager.ts and what its
// outcome means), and take:resume (which chunks the server holds, so the client knows what to send again).
import type { z } from 'zod';
import type { Speaker } from '../db/speaker-repository.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { TakeState } from '../protocol/index.js';
import type { TakeResumeResult } from '../protocol/events.js';
import type { takeChunkSchema } from '../protocol/schemas.js';
import { contiguousUpTo, missingSeqs } from './live-takes.js';
import type { TakeContext } from './take-context.js';
import { refusedAboveMs, takeTooLongMessage } from './take-length.js';

export type ChunkInput = z.infer<typeof takeChunkSchema>;

/** Opus at 512 kbit/s is far above any browser default; the budget only stops abuse. */
const MAX_BYTES_PER_SECOND = 64_000;
/** MediaRecorder timeslices below 50 ms make no sense; this bounds seq. */
const MAX_CHUNKS_PER_SECOND = 20;

export function chunkUseCase(ctx: TakeContext) {
  const { deps, limits, release } = ctx;
  const maxSeq = limits.maxTakeSeconds * MAX_CHUNKS_PER_SECOND;
  const maxTakeBytes = limits.maxTakeSeconds * MAX_BYTES_PER_SECOND + limits.maxChunkBytes;
  const maxDecodedMs = refusedAboveMs(limits.maxTakeSeconds);

  return async function chunk(speaker: Speaker, input: ChunkInput, receivedAt: number): Promise<{ seq: number }> {
    const data = Buffer.isBuffer(input.data)
      ? input.data
      : input.data instanceof ArrayBuffer
        ? Buffer.from(input.data)
        : Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
    if (data.length > limits.maxChunkBytes) {
      throw new AppError('TOO_LARGE', `A chunk may hold at most ${limits.maxChunkBytes} bytes`);
    }
    if (data.length === 0) throw new AppError('BAD_REQUEST', 'A chunk may not be empty');
    if (input.seq > maxSeq) throw new AppError('TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
    let live = deps.live.get(input.takeId);
    if (live && live.speakerId !== speaker.id) throw notFound();
    if (!live) {
      const take = await ctx.ownTake(speaker, input.takeId);
      if (take.state === 'recording') live = await ctx.liveTake(take);
    }
    if (live && !live.held.has(input.seq)) {
      if (live.bytes + data.length > maxTakeBytes) throw new AppError('TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
      // The stream decoded so far (live takes only) is already over the limit: the take can never be saved.
      if ((deps.transcodes.decodedMs(input.takeId) ?? 0) > maxDecodedMs) {
        await ctx.refuseTooLong(input.takeId);
        throw new AppError('TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
      }
    }
    const outcome = await deps.stager.stage(input.takeId, speaker.id, input.seq, data);
    switch (outcome.kind) {
      case 'stored':
      case 'duplicate': {
        const ackMs = performance.now() - receivedAt;
        if (live) deps.live.recordChunk(live, input.seq, data.length, input.peak, ackMs, outcome.kind === 'stored');
        if (outcome.kind === 'stored') {
          deps.metrics.chunkBytes.inc(data.length);
          deps.transcodes.feed(input.takeId, input.seq, data);
        }
        deps.metrics.chunkAckSeconds.observe(ackMs / 1000);
        return { seq: input.seq };
      }
      case 'mismatch':
        throw conflict(`Chunk ${input.seq} is already held with other bytes`, live?.state ?? 'recording');
      case 'not_recording':
        // Ended elsewhere (another replica, a sweep): whatever this replica still holds for it goes.
        if (outcome.state !== 'finalizing') void release(input.takeId);
        throw conflict('This take is not recording', outcome.state as TakeState);
      case 'not_found':
        void release(input.takeId);
        throw notFound();
    }
  };
}

/** Where a take stands for a client coming back to it: a recording take counts as active again. */
export function resumeUseCase(ctx: TakeContext) {
  const { deps, takes } = ctx;
  return async function resume(speaker: Speaker, takeId: string): Promise<TakeResumeResult> {
    const take = await ctx.ownTake(speaker, takeId);
    const receipt = deps.receiptFor(take.id);
    if (take.state !== 'recording') {
      const last = take.lastSeq ?? -1;
      return { state: take.state, nextSeq: last + 1, missing: [], receivedSeq: last, receipt };
    }
    const held = await takes.heldSeqs(take.id);
    await takes.touch(take.id);
    deps.live.delete(take.id);
    await ctx.liveTake(take);
    const nextSeq = held.length > 0 ? held[held.length - 1]! + 1 : 0;
    return { state: take.state, nextSeq, missing: missingSeqs(held, nextSeq - 1), receivedSeq: contiguousUpTo(held), receipt };
  };
}
