// take:pause (an addition): the recorder tells the server it paused or resumed a take, so that the monitor shows
// "paused" and stops the take's clock. It changes nothing in the take's row: a pause is the live view's business.
import type { z } from 'zod';
import type { Speaker } from '../db/speaker-repository.js';
import { conflict } from '../errors.js';
import type { TakePauseResult } from '../protocol/events.js';
import type { takePauseSchema } from '../protocol/schemas.js';
import type { TakeContext } from './take-context.js';

export type PauseInput = z.infer<typeof takePauseSchema>;

export function pauseUseCase(ctx: TakeContext) {
  const { deps } = ctx;
  return async function pause(speaker: Speaker, input: PauseInput): Promise<TakePauseResult> {
    // The row decides ownership and state (a cached live take may have ended on another replica).
    const take = await ctx.ownTake(speaker, input.takeId);
    if (take.state !== 'recording') throw conflict('Only a recording take can be paused or resumed', take.state);
    const live = await ctx.liveTake(take);
    deps.live.setPaused(live, input.paused);
    return { paused: live.pausedAt !== null, pausedMs: live.pausedMs };
  };
}
