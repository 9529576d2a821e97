// A take and its ratings as the export writes them: its metadata row, and its lines of ratings.csv.
import { WAV_SAMPLE_RATE } from '../media/index.js';
import { PERCEIVED_LABELS } from '../protocol/index.js';
import type { DatasetRating } from '../db/dataset-ratings-repository.js';
import type { DatasetTake } from '../db/dataset-repository.js';
import { csvLine, pseudonymousSpeakerId, type MetadataRow } from './metadata.js';
import type { Split } from './split-assignment.js';

/** The WAV's path inside the archive: its split's folder, so that audiofolder finds the split by itself. */
export const wavPath = (split: Split, takeId: string) => `${split}/${takeId}.wav`;

export function toMetadataRow(take: DatasetTake, split: Split, pseudonymKey: Buffer): MetadataRow {
  const perception = take.perception;
  const settings = take.audioSettings;
  return {
    // Relative to the split's folder, where the metadata file sits.
    file_name: `${take.takeId}.wav`,
    take_id: take.takeId,
    speaker_id: pseudonymousSpeakerId(pseudonymKey, take.speakerId),
    sentence_id: take.sentenceId,
    sentence: take.sentence,
    locale: take.locale,
    emotion: take.emotion,
    intensity: take.intensity,
    review: take.review,
    duration_s: take.durationMs === null ? null : take.durationMs / 1000,
    sample_rate: WAV_SAMPLE_RATE,
    rms_dbfs: take.quality?.rmsDbfs ?? null,
    peak_dbfs: take.quality?.peakDbfs ?? null,
    flags: take.quality?.flags ?? [],
    age_range: take.ageRange,
    gender: take.gender,
    native_language: take.nativeLanguage,
    accent: take.accent,
    // The UTC day only: the exact time adds nothing to a speech dataset and helps re-identify speakers.
    recorded_at: take.recordedAt.toISOString().slice(0, 10),
    split,
    replaced_by: take.replacedBy,
    perceived_emotion: perception?.perceivedEmotion ?? null,
    agreement: perception?.agreement ?? null,
    // A count: 0 (not unknown) for a take nobody has rated yet.
    ratings: perception?.ratings ?? 0,
    // In class-label order (jsonb keeps its own key order).
    votes: perception ? Object.fromEntries(PERCEIVED_LABELS.map((label) => [label, perception.votes[label] ?? 0])) : null,
    mean_perceived_intensity: perception?.meanIntensity ?? null,
    gold: take.gold,
    clipped_ratio: take.quality?.clippedRatio ?? null,
    silence_ratio: take.quality?.silenceRatio ?? null,
    echo_cancellation: settings?.echoCancellation ?? null,
    noise_suppression: settings?.noiseSuppression ?? null,
    auto_gain_control: settings?.autoGainControl ?? null,
    capture_sample_rate: settings?.sampleRate ?? null,
    mime_type: take.mimeType,
    speak_at_ms: take.speakAtMs,
    stop_pressed_at_ms: take.stopPressedAtMs,
    leading_silence_ms: take.quality?.leadingSilenceMs ?? null,
    trailing_silence_ms: take.quality?.trailingSilenceMs ?? null,
  };
}

export const RATINGS_COLUMNS = ['take_file', 'rater_id', 'emotion', 'intensity', 'problems', 'response_ms', 'plays', 'repeat', 'counted'] as const;
export const RATINGS_HEADER = `${RATINGS_COLUMNS.join(',')}\n`;

/** One line of ratings.csv; the rater is pseudonymous like speaker_id (the same person gets the same ID in both). */
export function ratingLine(rating: DatasetRating, takeFile: string, pseudonymKey: Buffer): string {
  return csvLine([
    takeFile,
    pseudonymousSpeakerId(pseudonymKey, rating.listenerId),
    rating.emotion,
    rating.intensity,
    rating.problems,
    rating.responseMs,
    rating.plays,
    rating.repeat,
    rating.counted,
  ]);
}
