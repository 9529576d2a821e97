// Ending a take: the speaker's stop (then its finalize) and discard, and announcing a take whose state changed
// outside a request. The transitions themselves are db/take-transitions.ts; this layer turns their outcomes
// into answers and errors.
import type { z } from 'zod';
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRecord } from '../db/take-row.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { TakeState } from '../protocol/index.js';
import type { takeStopSchema } from '../protocol/schemas.js';
import { missingSeqs } from './live-takes.js';
import type { TakeContext } from './take-context.js';

export type StopInput = z.infer<typeof takeStopSchema>;

/** A take this stop moved to finalizing, as the stop left it; `claimed`: the stop took the finalize lease. */
export interface Stopped {
  take: TakeRecord;
  claimed: boolean;
}

/** `stopped` is set when this stop moved the take (a repeated stop changes nothing). */
export interface StopResult {
  state: TakeState;
  stopped?: Stopped;
}

/** MISSING_CHUNKS lists this many missing seqs at most. */
const MISSING_LISTED = 1000;

export function stopUseCases(ctx: TakeContext) {
  const { deps, takes, publish, release } = ctx;
  return {
    /** Moves the take to finalizing. The caller acks, then calls afterStop with the result: the ack precedes the status. */
    async stop(speaker: Speaker, input: StopInput): Promise<StopResult> {
      const durationMs = input.durationMs === undefined ? null : Math.round(input.durationMs);
      const marks = { speakAtMs: input.speakAtMs ?? null, stopPressedAtMs: input.stopPressedAtMs ?? null };
      const lease = deps.finalizer.leaseAtStop(input.takeId);
      const outcome = await takes.moveToFinalizing(input.takeId, speaker.id, input.lastSeq, durationMs, marks, lease);
      switch (outcome.kind) {
        case 'not_found':
          throw notFound();
        case 'not_recording':
          if (outcome.lastSeq === input.lastSeq) return { state: outcome.state };
          throw conflict('This take was already stopped with another lastSeq', outcome.state);
        case 'beyond_last_seq':
          throw new AppError('BAD_REQUEST', 'lastSeq is below a chunk the server already holds');
        case 'incomplete': {
          const missing = missingSeqs(outcome.held, input.lastSeq, MISSING_LISTED);
          throw new AppError('MISSING_CHUNKS', `${missing.length} chunk(s) are missing`, { missing });
        }
        case 'finalizing':
          return { state: 'finalizing', stopped: { take: outcome.take, claimed: outcome.claimed } };
      }
    },

    async afterStop({ take, claimed }: Stopped): Promise<TakeState> {
      deps.live.delete(take.id);
      publish(take, take.lastSeq ?? -1);
      // The durable job is queued beside the inline run, not before it: the speaker should not wait on the queue.
      // Should this replica die before the job is written, the sweep re-queues takes left in finalizing.
      const queued = deps.enqueueFinalize(take.id).catch(() => undefined);
      const state = await (claimed ? deps.finalizer.runClaimed(take) : deps.finalizer.run(take.id));
      await queued;
      return state;
    },

    /** Announces a take whose state changed outside a request (the stale sweep). */
    async announce(takeId: string): Promise<void> {
      deps.live.delete(takeId);
      const take = await takes.find(takeId);
      // A finalizing take's live files are the finalizer's; any other ending releases them.
      if (take?.state !== 'finalizing') await release(takeId);
      if (take) publish(take, take.lastSeq ?? -1);
    },

    async discard(speaker: Speaker, takeId: string, removeObjects: (prefix: string) => Promise<void>) {
      const outcome = await takes.discard(takeId, speaker.id);
      if (outcome.kind === 'not_found') throw notFound();
      if (outcome.kind === 'saved') throw conflict('A saved take is removed with DELETE /takes/:id', 'saved');
      await release(takeId);
      await takes.dropChunks(takeId);
      await removeObjects(`takes/${takeId}/`);
      publish(outcome.take, -1);
      return { state: 'discarded' as const };
    },
  };
}
