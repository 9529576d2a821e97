// take:start: admission of a new take, or the take an earlier start with the same clientTakeId made.
import type { z } from 'zod';
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRecord } from '../db/take-row.js';
import { AppError, conflict, notFound } from '../errors.js';
import { toAudioSettings, type AudioSettings } from '../protocol/index.js';
import type { TakeStartResult } from '../protocol/events.js';
import { containerForMimeType } from '../protocol/media-types.js';
import type { takeStartSchema } from '../protocol/schemas.js';
import { takeToReplace } from './replacement.js';
import type { TakeContext } from './take-context.js';

export type StartInput = z.infer<typeof takeStartSchema>;

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
    take.promptId === (input.promptId ?? null) &&
    take.mimeType === input.mimeType &&
    take.replaces === (input.replacesTakeId ?? null) &&
    sameSettings(take.audioSettings, normaliseSettings(input.audioSettings))
  );
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

export function startUseCase(ctx: TakeContext) {
  const { deps, takes, limits } = ctx;

  const startResult = (take: TakeRecord): TakeStartResult => ({
    takeId: take.id,
    receipt: deps.receiptFor(take.id),
    state: take.state,
    maxChunkBytes: limits.maxChunkBytes,
    maxTakeSeconds: limits.maxTakeSeconds,
  });

  return async function start(speaker: Speaker, input: StartInput): Promise<TakeStartResult> {
    if (deps.isDraining()) throw new AppError('UNAVAILABLE', 'This server is restarting', { retryAfterMs: 1_000 });
    if (!containerForMimeType(input.mimeType)) throw new AppError('UNSUPPORTED_MEDIA', 'This audio format is not accepted');
    const sentence = await deps.sentences.findById(input.sentenceId);
    if (!sentence || !sentence.active) throw notFound('sentence');
    // A retry comes back to its take before anything else: by then the take it replaces may be marked replaced.
    // A prompt gives the take its labels: an omitted intensity is the prompt's; a disagreeing payload is refused.
    if (input.promptId) input = { ...input, intensity: (await deps.prompts.promptForTake(speaker, { ...input, promptId: input.promptId })).intensity };
    const earlier = input.clientTakeId ? await takes.findByClientId(speaker.id, input.clientTakeId) : null;
    if (earlier) {
      if (!sameFields(earlier, input)) throw conflict('This clientTakeId was used with other fields', earlier.state);
      return startResult(earlier);
    }
    const replaces = await takeToReplace(takes, speaker, input);
    // The text is copied as it reads now: a later edit of the sentence must not change what this take says.
    const admission = await takes.admit(
      { ...newTake(speaker, input, sentence.locale), sentenceText: sentence.text, replaces, state: 'recording', promptId: input.promptId ?? null },
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
    await ctx.liveTake(take);
    ctx.publish(take, -1);
    return startResult(take);
  };
}
