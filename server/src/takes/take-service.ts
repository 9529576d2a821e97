// The take use cases: start, chunk, stop, resume, discard. Entry points validate; this layer decides.
// Each concept has its own file (take-start, take-chunk, take-stop); they share take-context.
import { chunkUseCase, resumeUseCase } from './take-chunk.js';
import { takeContext, type TakeServiceDeps } from './take-context.js';
import { pauseUseCase } from './take-pause.js';
import { startUseCase } from './take-start.js';
import { stopUseCases } from './take-stop.js';

export type { ChunkInput } from './take-chunk.js';
export type { TakeLimits, TakeServiceDeps } from './take-context.js';
export type { StartInput } from './take-start.js';
export type { StopInput } from './take-stop.js';

export function createTakeService(deps: TakeServiceDeps) {
  const ctx = takeContext(deps);
  const { stop, afterStop, announce, discard } = stopUseCases(ctx);
  return {
    start: startUseCase(ctx),
    chunk: chunkUseCase(ctx),
    stop,
    afterStop,
    refuseTooLong: ctx.refuseTooLong,
    announce,
    release: ctx.release,
    releaseEnded: ctx.releaseEnded,
    resume: resumeUseCase(ctx),
    discard,
    pause: pauseUseCase(ctx),
    /** The speaker's page said goodbye with no socket left anywhere: their recording takes are abandoned sooner. */
    speakerLeft: (speakerId: string) => ctx.takes.markSpeakerLeft(speakerId),
  };
}

export type TakeService = ReturnType<typeof createTakeService>;
