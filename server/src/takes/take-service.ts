// The take use cases: start, chunk, stop, resume, discard. Entry points validate; this layer decides.
import type { z } from 'zod';
import type { SentenceRepository } from '../db/sentence-repository.js';
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson, toTakeStatus, type TakeRecord } from '../db/take-row.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { Metrics } from '../ops/metrics.js';
import { toAudioSettings, type AudioSettings, type TakeState } from '../protocol/index.js';
import type { TakeResumeResult, TakeStartResult } from '../protocol/events.js';
import type { takeChunkSchema, takeStartSchema, takeStopSchema } from '../protocol/schemas.js';
import type { ChunkStager } from './chunk-stager.js';
import type { Finalizer } from './finalizer.js';
import { contiguousUpTo, type LiveTakes } from './live-takes.js';
import type { LiveTranscodes } from './live-transcodes.js';
import { containerForMimeType } from '../protocol/media-types.js';
import { takeToReplace } from './replacement.js';
import { refusedAboveMs, takeTooLongMessage } from './take-length.js';
import type { TakeNotifier } from './take-notifier.js';
import { takeRelease } from './take-release.js';

export type StartInput = z.infer<typeof takeStartSchema>;
export type ChunkInput = z.infer<typeof takeChunkSchema>;
export type StopInput = z.infer<typeof takeStopSchema>;

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
}

/** Opus at 512 kbit/s is far above any browser default; the budget only stops abuse. */
const MAX_BYTES_PER_SECOND = 64_000;
/** MediaRecorder timeslices below 50 ms make no sense; this bounds seq. */
const MAX_CHUNKS_PER_SECOND = 20;

const AUDIO_SETTING_KEYS = ['echoCancellation', 'noiseSuppression', 'autoGainControl', 'sampleRate', 'channelCount'] as const;

const normaliseSettings = (settings: StartInput['audioSettings']): AudioSettings | null =>
  settings ? toAudioSettings(settings) : null;

/** Compared value by value: jsonb gives the settings back with its own key order. */
function sameSettings(a: AudioSettings | null, b: AudioSettings | null): boolean {
  if (a === null || b === null) return a === b;
  return AUDIO_SETTING_KEYS.every((key) => a[key] === b[key]);
}

function sameFields(take: TakeRecord, input: StartInput): boolean {
  return (
    take.sentenceId === input.sentenceId &&
    take.emotion === input.emotion &&
    take.intensity === (input.intensity ?? null) &&
    take.mimeType === input.mimeType &&
    take.replaces === (input.replacesTakeId ?? null) &&
    sameSettings(take.audioSettings, normaliseSettings(input.audioSettings))
  );
}

export function createTakeService(deps: TakeServiceDeps) {
  const { takes, limits } = deps;
  const maxSeq = limits.maxTakeSeconds * MAX_CHUNKS_PER_SECOND;
  const maxTakeBytes = limits.maxTakeSeconds * MAX_BYTES_PER_SECOND + limits.maxChunkBytes;

  const ownTake = async (speaker: Speaker, takeId: string): Promise<TakeRecord> => {
    const take = await takes.find(takeId);
    if (!take || take.speakerId !== speaker.id) throw notFound();
    return take;
  };

  const startResult = (take: TakeRecord): TakeStartResult => ({
    takeId: take.id,
    receipt: deps.receiptFor(take.id),
    state: take.state,
    maxChunkBytes: limits.maxChunkBytes,
    maxTakeSeconds: limits.maxTakeSeconds,
  });

  const publish = (take: TakeRecord, receivedSeq: number) => {
    deps.notifier.status(take.speakerId, toTakeStatus(take, receivedSeq));
    deps.notifier.take(toTakeJson(take));
  };

  /** This replica's live view of a recording take, rebuilt from the staged chunks on a miss. */
  const liveTake = async (take: TakeRecord) => {
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

  return {
    async start(speaker: Speaker, input: StartInput): Promise<TakeStartResult> {
      if (deps.isDraining()) throw new AppError('UNAVAILABLE', 'This server is restarting', { retryAfterMs: 1_000 });
      if (!containerForMimeType(input.mimeType)) throw new AppError('UNSUPPORTED_MEDIA', 'This audio format is not accepted');
      const sentence = await deps.sentences.findById(input.sentenceId);
      if (!sentence || !sentence.active) throw notFound('sentence');
      // A retry comes back to its take before anything else: by then the take it replaces may be marked replaced.
      const earlier = input.clientTakeId ? await takes.findByClientId(speaker.id, input.clientTakeId) : null;
      if (earlier) {
        if (!sameFields(earlier, input)) throw conflict('This clientTakeId was used with other fields', earlier.state);
        return startResult(earlier);
      }
      const replaces = await takeToReplace(takes, speaker, input);
      // The text is copied as it reads now: a later edit of the sentence must not change what this take says.
      const admission = await takes.admit(
        { ...newTake(speaker, input, sentence.locale), sentenceText: sentence.text, replaces, state: 'recording' },
        { maxActiveTakes: limits.maxActiveTakes, takesPerMinute: limits.takesPerMinute },
      );
      if (admission.kind === 'too_many_active') {
        throw new AppError('RATE_LIMITED', `At most ${limits.maxActiveTakes} takes may be recording at once`, { retryAfterMs: 5_000 });
      }
      if (admission.kind === 'too_many_per_minute') {
        throw new AppError('RATE_LIMITED', 'Too many takes started in the last minute', { retryAfterMs: 10_000 });
      }
      const { take } = admission;
      if (admission.kind === 'existing') {
        if (!sameFields(take, input)) throw conflict('This clientTakeId was used with other fields', take.state);
        return startResult(take);
      }
      deps.metrics.takesStarted.inc();
      deps.transcodes.begin(take.id, take.mimeType);
      await liveTake(take);
      publish(take, -1);
      return startResult(take);
    },

    async chunk(speaker: Speaker, input: ChunkInput, receivedAt: number): Promise<{ seq: number }> {
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
        const take = await ownTake(speaker, input.takeId);
        if (take.state === 'recording') live = await liveTake(take);
      }
      if (live && !live.held.has(input.seq) && live.bytes + data.length > maxTakeBytes) {
        throw new AppError('TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
      }
      // The stream decoded so far (live takes only) is already over the limit: the take can never be saved.
      if (live && !live.held.has(input.seq) && (deps.transcodes.decodedMs(input.takeId) ?? 0) > refusedAboveMs(limits.maxTakeSeconds)) {
        await refuseTooLong(input.takeId);
        throw new AppError('TOO_LARGE', takeTooLongMessage(limits.maxTakeSeconds));
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
    },

    /** Moves the take to finalizing. The caller acks, then calls afterStop: the ack precedes the status. */
    async stop(speaker: Speaker, input: StopInput): Promise<{ state: TakeState; changed: boolean }> {
      return takes.withLockedTake(input.takeId, async (take, client) => {
        if (!take || take.speakerId !== speaker.id) throw notFound();
        if (take.state !== 'recording') {
          if (take.lastSeq === input.lastSeq) return { state: take.state, changed: false };
          throw conflict('This take was already stopped with another lastSeq', take.state);
        }
        const held = (await client.query('SELECT seq FROM take_chunks WHERE take_id = $1 ORDER BY seq', [take.id])).rows.map(
          (row) => row.seq as number,
        );
        if (held.length > 0 && held[held.length - 1]! > input.lastSeq) {
          throw new AppError('BAD_REQUEST', 'lastSeq is below a chunk the server already holds');
        }
        const heldSet = new Set(held);
        const missing: number[] = [];
        for (let seq = 0; seq <= input.lastSeq && missing.length < 1000; seq += 1) if (!heldSet.has(seq)) missing.push(seq);
        if (missing.length > 0) throw new AppError('MISSING_CHUNKS', `${missing.length} chunk(s) are missing`, { missing });
        await client.query(
          `UPDATE takes SET state = 'finalizing', last_seq = $2, client_duration_ms = $3, updated_at = now() WHERE id = $1`,
          [take.id, input.lastSeq, input.durationMs === undefined ? null : Math.round(input.durationMs)],
        );
        return { state: 'finalizing' as const, changed: true };
      });
    },

    async afterStop(takeId: string): Promise<TakeState> {
      deps.live.delete(takeId);
      const take = await takes.find(takeId);
      if (take) publish(take, take.lastSeq ?? -1);
      // The durable job is queued beside the inline run, not before it: the speaker should not wait on the queue.
      // Should this replica die before the job is written, the sweep re-queues takes left in finalizing.
      const queued = deps.enqueueFinalize(takeId).catch(() => undefined);
      const state = await deps.finalizer.run(takeId);
      await queued;
      return state;
    },

    refuseTooLong,

    /** Announces a take whose state changed outside a request (the stale sweep). */
    async announce(takeId: string): Promise<void> {
      deps.live.delete(takeId);
      const take = await takes.find(takeId);
      // A finalizing take's live files are the finalizer's; any other ending releases them.
      if (take?.state !== 'finalizing') await release(takeId);
      if (take) publish(take, take.lastSeq ?? -1);
    },

    release,

    releaseEnded,

    async resume(speaker: Speaker, takeId: string): Promise<TakeResumeResult> {
      const take = await ownTake(speaker, takeId);
      const receipt = deps.receiptFor(take.id);
      if (take.state !== 'recording') {
        const last = take.lastSeq ?? -1;
        return { state: take.state, nextSeq: last + 1, missing: [], receivedSeq: last, receipt };
      }
      const held = await takes.heldSeqs(take.id);
      await takes.touch(take.id);
      deps.live.delete(take.id);
      await liveTake(take);
      const nextSeq = held.length > 0 ? held[held.length - 1]! + 1 : 0;
      const heldSet = new Set(held);
      const missing: number[] = [];
      for (let seq = 0; seq < nextSeq; seq += 1) if (!heldSet.has(seq)) missing.push(seq);
      return { state: take.state, nextSeq, missing, receivedSeq: contiguousUpTo(held), receipt };
    },

    async discard(speaker: Speaker, takeId: string, removeObjects: (prefix: string) => Promise<void>) {
      const take = await takes.withLockedTake(takeId, async (locked, client) => {
        if (!locked || locked.speakerId !== speaker.id) throw notFound();
        if (locked.state === 'saved') throw conflict('A saved take is removed with DELETE /takes/:id', 'saved');
        if (locked.state !== 'discarded') {
          await client.query(
            "UPDATE takes SET state = 'discarded', updated_at = now() WHERE id = $1",
            [locked.id],
          );
        }
        return { ...locked, state: 'discarded' as const };
      });
      await release(takeId);
      await takes.dropChunks(takeId);
      await removeObjects(`takes/${takeId}/`);
      publish(take, -1);
      return { state: 'discarded' as const };
    },
  };

}

function newTake(speaker: Speaker, input: StartInput, locale: TakeRecord['locale'] & string) {
  return {
    speakerId: speaker.id,
    sentenceId: input.sentenceId,
    locale,
    clientTakeId: input.clientTakeId ?? null,
    emotion: input.emotion,
    intensity: input.intensity ?? null,
    mimeType: input.mimeType,
    audioSettings: normaliseSettings(input.audioSettings),
  };
}

export type TakeService = ReturnType<typeof createTakeService>;
