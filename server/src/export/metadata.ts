// One dataset row per exported take: the audiofolder metadata columns (v1, then v1.1), the pseudonymous speaker,
// and how a row is written in CSV (spreadsheet-safe) and JSONL (values as they are).
import { createHmac } from 'node:crypto';
import type { ExportFormat } from '../protocol/index.js';

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
  // v1.1: what listeners perceived, the rest of the quality measures, and how the browser captured the take.
  'perceived_emotion',
  'agreement',
  'ratings',
  'votes',
  'mean_perceived_intensity',
  'gold',
  'clipped_ratio',
  'silence_ratio',
  'echo_cancellation',
  'noise_suppression',
  'auto_gain_control',
  'capture_sample_rate',
  'mime_type',
  // Pre-roll and post-roll marks, and the edge silences the server measured (ms; empty when unknown).
  'speak_at_ms',
  'stop_pressed_at_ms',
  'leading_silence_ms',
  'trailing_silence_ms',
] as const;

export type MetadataColumn = (typeof METADATA_COLUMNS)[number];
/** A list (flags, problems) is joined with `;` in CSV; an object (votes) is JSON text in CSV. */
export type Cell = string | number | boolean | null | readonly string[] | Readonly<Record<string, number>>;
export type MetadataRow = Record<MetadataColumn, Cell>;
export type MetadataFormat = ExportFormat;

/** HMAC of the real ID under a key that never leaves the server: stable across exports, not reversible. */
export function pseudonymousSpeakerId(key: Buffer, speakerId: string): string {
  return createHmac('sha256', key).update(speakerId).digest('hex').slice(0, 16);
}

export const metadataFileName = (format: MetadataFormat) => `metadata.${format}`;

/** What a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/**
 * Text cells (speaker profile, sentence) are free text: a leading quote makes a spreadsheet show them as text.
 * Numeric columns (durations, levels such as -3.5) are numbers, never text, and stay as they are.
 */
function neutraliseFormula(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/** One CSV cell: empty for unknown, `true`/`false`, numbers as they are, lists joined with `;`, objects as JSON. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'string') text = neutraliseFormula(value);
  else if (Array.isArray(value)) text = neutraliseFormula(value.join(';'));
  else text = neutraliseFormula(JSON.stringify(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\n`;

/**
 * Real-number columns are written with a decimal point (1.0, not 1) in CSV and JSONL alike: `datasets` infers each
 * split's column types from its own metadata file and refuses splits that differ, and a split whose clipped ratios
 * all happen to be 0 would otherwise read as integers.
 */
export const FLOAT_COLUMNS: ReadonlySet<MetadataColumn> = new Set([
  'duration_s',
  'rms_dbfs',
  'peak_dbfs',
  'agreement',
  'mean_perceived_intensity',
  'clipped_ratio',
  'silence_ratio',
]);

/** null (unknown) for a value that is not a finite number. */
function floatText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const isFloatCell = (column: MetadataColumn, value: Cell): value is number => typeof value === 'number' && FLOAT_COLUMNS.has(column);

/** The formats written line by line (Parquet: metadata-parquet.ts). */
export type TextFormat = Exclude<MetadataFormat, 'parquet'>;

export function metadataHeader(format: TextFormat): string {
  return format === 'csv' ? `${METADATA_COLUMNS.join(',')}\n` : '';
}

export function metadataLine(row: MetadataRow, format: TextFormat): string {
  if (format === 'jsonl') {
    const fields = METADATA_COLUMNS.map((column) => `${JSON.stringify(column)}:${isFloatCell(column, row[column]) ? (floatText(row[column] as number) ?? 'null') : JSON.stringify(row[column])}`);
    return `{${fields.join(',')}}\n`;
  }
  return `${METADATA_COLUMNS.map((column) => (isFloatCell(column, row[column]) ? (floatText(row[column] as number) ?? '') : csvField(row[column]))).join(',')}\n`;
}
