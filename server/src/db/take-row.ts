// The takes table as the server sees it, and its mapping to the contract's take JSON and take:status.
import type {
  AudioSettings,
  Emotion,
  ErrorCode,
  Intensity,
  Locale,
  Quality,
  ReviewState,
  TakeJson,
  TakeState,
  TakeStatus,
} from '../protocol/index.js';

export interface TakeRecord {
  id: string;
  speakerId: string;
  sentenceId: string;
  /** The sentence as it read when the take started. */
  sentenceText: string;
  clientTakeId: string | null;
  locale: Locale | null;
  emotion: Emotion;
  intensity: Intensity | null;
  state: TakeState;
  review: ReviewState;
  reviewNote: string | null;
  mimeType: string;
  audioSettings: AudioSettings | null;
  lastSeq: number | null;
  clientDurationMs: number | null;
  durationMs: number | null;
  quality: Quality | null;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  originalKey: string | null;
  wavKey: string | null;
  finalizeAttempts: number;
  createdAt: Date;
  savedAt: Date | null;
  /** The take this one was recorded to replace, and the take that replaced this one once saved. */
  replaces: string | null;
  replacedBy: string | null;
  /** The campaign prompt the take was recorded for, or null. */
  promptId: string | null;
}

export const TAKE_COLUMNS = `id, speaker_id, sentence_id, client_take_id, locale, emotion, intensity, state, review,
  review_note, mime_type, audio_settings, last_seq, client_duration_ms, duration_ms, quality, error_code,
  error_message, original_key, wav_key, finalize_attempts, created_at, saved_at, sentence_text, replaces, replaced_by,
  prompt_id`;

export function toTakeRecord(row: Record<string, unknown>): TakeRecord {
  return {
    id: row.id as string,
    speakerId: row.speaker_id as string,
    sentenceId: row.sentence_id as string,
    sentenceText: row.sentence_text as string,
    clientTakeId: row.client_take_id as string | null,
    locale: row.locale as Locale | null,
    emotion: row.emotion as Emotion,
    intensity: row.intensity as Intensity | null,
    state: row.state as TakeState,
    review: row.review as ReviewState,
    reviewNote: row.review_note as string | null,
    mimeType: row.mime_type as string,
    audioSettings: row.audio_settings as AudioSettings | null,
    lastSeq: row.last_seq as number | null,
    clientDurationMs: row.client_duration_ms as number | null,
    durationMs: row.duration_ms as number | null,
    quality: row.quality as Quality | null,
    errorCode: row.error_code as ErrorCode | null,
    errorMessage: row.error_message as string | null,
    originalKey: row.original_key as string | null,
    wavKey: row.wav_key as string | null,
    finalizeAttempts: row.finalize_attempts as number,
    createdAt: row.created_at as Date,
    savedAt: row.saved_at as Date | null,
    replaces: row.replaces as string | null,
    replacedBy: row.replaced_by as string | null,
    promptId: (row.prompt_id as string | null | undefined) ?? null,
  };
}

const takeError = (take: TakeRecord) => (take.errorCode ? { code: take.errorCode, message: take.errorMessage ?? '' } : null);

export function toTakeJson(take: TakeRecord): TakeJson {
  return {
    takeId: take.id,
    speakerId: take.speakerId,
    sentenceId: take.sentenceId,
    sentenceText: take.sentenceText,
    locale: take.locale,
    emotion: take.emotion,
    intensity: take.intensity,
    state: take.state,
    review: take.review,
    reviewNote: take.reviewNote,
    mimeType: take.mimeType,
    audioSettings: take.audioSettings,
    durationMs: take.durationMs,
    quality: take.quality,
    error: takeError(take),
    createdAt: take.createdAt.toISOString(),
    savedAt: take.savedAt ? take.savedAt.toISOString() : null,
    replaces: take.replaces,
    replacedBy: take.replacedBy,
    promptId: take.promptId,
  };
}

/** What the speaker's socket hears of a take (take:status); receivedSeq is the highest contiguous chunk. */
export function toTakeStatus(take: TakeRecord, receivedSeq = take.lastSeq ?? -1): TakeStatus {
  return {
    takeId: take.id,
    state: take.state,
    receivedSeq,
    durationMs: take.durationMs,
    quality: take.quality,
    error: takeError(take),
  };
}
