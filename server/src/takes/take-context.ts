// What the take use cases share: their dependencies, and the helpers each of them needs (owner check,
// publishing a take's status, this replica's live view, release).
import type { CampaignSessions } from '../campaigns/campaign-sessions.js';
import type { SentenceRepository } from '../db/sentence-repository.js';
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson, toTakeStatus, type TakeRecord } from '../db/take-row.js';
import { notFound } from '../errors.js';
import type { Metrics } from '../ops/metrics.js';
import type { ChunkStager } from './chunk-stager.js';
import type { Finalizer } from './finalizer.js';
import type { LiveTake, LiveTakes } from './live-takes.js';
import type { LiveTranscodes } from './live-transcodes.js';
import { takeTooLongMessage } from './take-length.js';
import type { TakeNotifier } from './take-notifier.js';
import { takeRelease } from './take-release.js';

export interface TakeLimits {
  maxChunkBytes: number;
  maxTakeSeconds: number;
  maxActiveTakes: number;
  takesPerMinute: number;
}

export interface TakeServiceDeps {
  takes: TakeRepository;
  sentences: SentenceRepository;
  stager: ChunkStager;
  finalizer: Finalizer;
  /** Puts the durable finalize job in the queue (the backstop of the inline finalize). */
  enqueueFinalize: (takeId: string) => Promise<void>;
  live: LiveTakes;
  transcodes: LiveTranscodes;
  notifier: TakeNotifier;
  metrics: Metrics;
  limits: TakeLimits;
  receiptFor: (takeId: string) => string;
  isDraining: () => boolean;
  /** The prompt check of a take started with a promptId. */
  prompts: Pick<CampaignSessions, 'promptForTake'>;
}

export function takeContext(deps: TakeServiceDeps) {
  const { takes, limits } = deps;

  const ownTake = async (speaker: Speaker, takeId: string): Promise<TakeRecord> => {
    const take = await takes.find(takeId);
    if (!take || take.speakerId !== speaker.id) throw notFound();
    return take;
  };

  const publish = (take: TakeRecord, receivedSeq: number) => {
    deps.notifier.status(take.speakerId, toTakeStatus(take, receivedSeq));
    deps.notifier.take(toTakeJson(take));
  };

  /** This replica's live view of a recording take, rebuilt from the staged chunks on a miss. */
  const liveTake = async (take: TakeRecord): Promise<LiveTake> => {
    const cached = deps.live.get(take.id);
    if (cached) return cached;
    const held = await takes.heldSeqs(take.id);
    const { bytes } = await takes.heldBytes(take.id);
    return deps.live.put({
      takeId: take.id,
      speakerId: take.speakerId,
      sentenceId: take.sentenceId,
      emotion: take.emotion,
      state: take.state,
      startedAt: take.createdAt,
      held: new Set(held),
      bytes,
      lastChunkAt: null,
      peak: null,
      ackMs: [],
    });
  };

  const { release, releaseEnded } = takeRelease(takes, deps.live, deps.transcodes);

  /** A take that can no longer be saved for its length: failed at once, rather than recording until the stale sweep. */
  const refuseTooLong = async (takeId: string): Promise<void> => {
    const failed = await takes.failRecording(takeId, 'TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
    await release(takeId);
    if (failed) publish(failed, -1);
  };

  return { deps, takes, limits, ownTake, publish, liveTake, release, releaseEnded, refuseTooLong };
}
export type TakeContext = ReturnType<typeof takeContext>;
