// One dataset row per saved take: the audiofolder metadata columns, pseudonymous speaker, speaker-disjoint split.
import { createHash, createHmac } from 'node:crypto';

export const METADATA_COLUMNS = [
  'file_name',
  'take_id',
  'speaker_id',
  'sentence_id',
  'sentence',
  'locale',
  'emotion',
  'intensity',
  'review',
  'duration_s',
  'sample_rate',
  'rms_dbfs',
  'peak_dbfs',
  'flags',
  'age_range',
  'gender',
  'native_language',
  'accent',
  'recorded_at',
  'split',
  'replaced_by',
  // Pre-roll and post-roll marks, and the edge silences the server measured (ms; empty when unknown).
  'speak_at_ms',
  'stop_pressed_at_ms',
  'leading_silence_ms',
  'trailing_silence_ms',
] as const;

export type MetadataRow = Record<(typeof METADATA_COLUMNS)[number], string | number | null>;
export type Split = 'train' | 'dev' | 'test';
export type MetadataFormat = 'csv' | 'jsonl';

/** HMAC of the real ID under a key that never leaves the server: stable across exports, not reversible. */
export function pseudonymousSpeakerId(key: Buffer, speakerId: string): string {
  return createHmac('sha256', key).update(speakerId).digest('hex').slice(0, 16);
}

/** 80/10/10 by a hash of the pseudonymous speaker: every take of a speaker lands in the same split. */
export function splitFor(pseudonymousId: string): Split {
  const bucket = createHash('sha256').update(pseudonymousId).digest().readUInt32BE(0) % 100;
  return bucket < 80 ? 'train' : bucket < 90 ? 'dev' : 'test';
}

export const metadataFileName = (format: MetadataFormat) => (format === 'csv' ? 'metadata.csv' : 'metadata.jsonl');

/** What a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/**
 * Text cells (speaker profile, sentence) are free text: a leading quote makes a spreadsheet show them as text.
 * Numeric columns (durations, levels such as -3.5) are numbers, never text, and stay as they are.
 */
function neutraliseFormula(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function metadataHeader(format: MetadataFormat): string {
  return format === 'csv' ? `${METADATA_COLUMNS.join(',')}\n` : '';
}

export function metadataLine(row: MetadataRow, format: MetadataFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(row)}\n`;
  return `${METADATA_COLUMNS.map((column) => csvField(row[column])).join(',')}\n`;
}
