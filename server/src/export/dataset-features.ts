// The dataset card's `dataset_info.features`: what each metadata column holds, as the `datasets` library names it.
// One entry per column (the type makes sure none is missing); file_name becomes the `audio` feature.
import { EMOTIONS, PERCEIVED_LABELS } from '../protocol/index.js';
import { WAV_SAMPLE_RATE } from '../media/index.js';
import type { MetadataColumn, MetadataFormat } from './metadata.js';

export type Dtype = 'string' | 'int32' | 'float64' | 'bool';
export type Feature =
  | { name: string; kind: 'audio'; samplingRate: number }
  | { name: string; kind: 'class_label'; names: readonly string[] }
  | { name: string; kind: 'value'; dtype: Dtype }
  | { name: string; kind: 'sequence'; dtype: Dtype }
  | { name: string; kind: 'struct'; fields: { name: string; dtype: Dtype }[] };

type Shape = Dtype | 'audio' | 'emotion' | 'perceived' | 'list' | 'votes';

const SHAPES: Record<MetadataColumn, Shape> = {
  file_name: 'audio',
  take_id: 'string',
  speaker_id: 'string',
  sentence_id: 'string',
  sentence: 'string',
  locale: 'string',
  emotion: 'emotion',
  intensity: 'string',
  review: 'string',
  duration_s: 'float64',
  sample_rate: 'int32',
  rms_dbfs: 'float64',
  peak_dbfs: 'float64',
  flags: 'list',
  age_range: 'string',
  gender: 'string',
  native_language: 'string',
  accent: 'string',
  recorded_at: 'string',
  split: 'string',
  replaced_by: 'string',
  perceived_emotion: 'perceived',
  agreement: 'float64',
  ratings: 'int32',
  votes: 'votes',
  mean_perceived_intensity: 'float64',
  gold: 'bool',
  clipped_ratio: 'float64',
  silence_ratio: 'float64',
  echo_cancellation: 'bool',
  noise_suppression: 'bool',
  auto_gain_control: 'bool',
  capture_sample_rate: 'int32',
  mime_type: 'string',
  speak_at_ms: 'int32',
  stop_pressed_at_ms: 'int32',
  leading_silence_ms: 'int32',
  trailing_silence_ms: 'int32',
};

/** CSV carries lists as `a;b` text and votes as JSON text; JSONL and Parquet carry them as a list and a struct. */
export function datasetFeatures(format: MetadataFormat): Feature[] {
  return columnFeatures(format).map(([, feature]) => feature);
}

/** Each metadata column with its feature (file_name's is named `audio`). */
export function columnFeatures(format: MetadataFormat): [MetadataColumn, Feature][] {
  const nested = format !== 'csv';
  return (Object.entries(SHAPES) as [MetadataColumn, Shape][]).map(([name, shape]): [MetadataColumn, Feature] => [name, featureOf(name, shape, nested)]);
}

function featureOf(name: MetadataColumn, shape: Shape, nested: boolean): Feature {
  switch (shape) {
    case 'audio':
      return { name: 'audio', kind: 'audio', samplingRate: WAV_SAMPLE_RATE };
    case 'emotion':
      return { name, kind: 'class_label', names: EMOTIONS };
    case 'perceived':
      return { name, kind: 'class_label', names: PERCEIVED_LABELS };
    case 'list':
      return nested ? { name, kind: 'sequence', dtype: 'string' } : { name, kind: 'value', dtype: 'string' };
    case 'votes':
      return nested
        ? { name, kind: 'struct', fields: PERCEIVED_LABELS.map((label) => ({ name: label, dtype: 'int32' as const })) }
        : { name, kind: 'value', dtype: 'string' };
    default:
      return { name, kind: 'value', dtype: shape };
  }
}
