// The dataset export shared by GET /export and `npm run export`: saved takes only, WAVs streamed from
// the object store one at a time, then the single metadata file (Hugging Face audiofolder layout).
import type pg from 'pg';
import { WAV_SAMPLE_RATE } from '../media/index.js';
import type { ObjectStore } from '../storage/index.js';
import { datasetTakes, type DatasetFilter, type DatasetTake } from '../db/dataset-repository.js';
import type { DatasetSink } from './dataset-sink.js';
import {
  metadataFileName,
  metadataHeader,
  metadataLine,
  pseudonymousSpeakerId,
  splitFor,
  type MetadataFormat,
  type MetadataRow,
} from './metadata.js';

export interface ExportDeps {
  pool: pg.Pool;
  store: ObjectStore;
  pseudonymKey: Buffer;
}

export interface ExportOptions {
  filter: DatasetFilter;
  format: MetadataFormat;
  signal?: AbortSignal;
  onProgress?: (done: number, bytes: number) => void;
  /** A saved take whose WAV is missing from storage is left out, and reported here. */
  onSkipped?: (takeId: string) => void;
}

export interface ExportSummary {
  takes: number;
  skipped: number;
  bytes: number;
}

export function toMetadataRow(take: DatasetTake, pseudonymKey: Buffer): MetadataRow {
  const speakerId = pseudonymousSpeakerId(pseudonymKey, take.speakerId);
  return {
    file_name: `audio/${take.takeId}.wav`,
    take_id: take.takeId,
    speaker_id: speakerId,
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
    flags: (take.quality?.flags ?? []).join(';'),
    age_range: take.ageRange,
    gender: take.gender,
    native_language: take.nativeLanguage,
    accent: take.accent,
    // The UTC day only: the exact time adds nothing to a speech dataset and helps re-identify speakers.
    recorded_at: take.recordedAt.toISOString().slice(0, 10),
    split: splitFor(speakerId),
    replaced_by: take.replacedBy,
    speak_at_ms: take.speakAtMs,
    stop_pressed_at_ms: take.stopPressedAtMs,
    leading_silence_ms: take.quality?.leadingSilenceMs ?? null,
    trailing_silence_ms: take.quality?.trailingSilenceMs ?? null,
  };
}

export async function exportDataset(deps: ExportDeps, options: ExportOptions, sink: DatasetSink): Promise<ExportSummary> {
  // Only the metadata text is kept until the end (a few hundred bytes per take), never audio.
  const lines: string[] = [metadataHeader(options.format)];
  const summary: ExportSummary = { takes: 0, skipped: 0, bytes: 0 };
  for await (const take of datasetTakes(deps.pool, options.filter)) {
    options.signal?.throwIfAborted();
    const info = await deps.store.stat(take.wavKey);
    if (!info) {
      summary.skipped += 1;
      options.onSkipped?.(take.takeId);
      continue;
    }
    const body = await deps.store.read(take.wavKey);
    const abort = () => body.destroy(new Error('export aborted'));
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await sink.addStream(`audio/${take.takeId}.wav`, info.size, body);
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    lines.push(metadataLine(toMetadataRow(take, deps.pseudonymKey), options.format));
    summary.takes += 1;
    summary.bytes += info.size;
    options.onProgress?.(summary.takes, summary.bytes);
  }
  await sink.addBuffer(metadataFileName(options.format), Buffer.from(lines.join(''), 'utf8'));
  await sink.finish();
  return summary;
}
