// Saved takes with their sentence and speaker profile, read page by page (keyset) so that a large
// dataset is never loaded at once.
import type pg from 'pg';
import type { AudioSettings, Perception, Quality } from '../protocol/index.js';

export interface DatasetFilter {
  /** One review state, `any`, or (the default) every state but rejected. */
  review?: 'pending' | 'accepted' | 'rejected' | 'any' | 'not-rejected';
  /** created_at >= since */
  since?: Date;
  /** Keep takes that a saved re-recording replaced (left out by default). */
  includeReplaced?: boolean;
  /** Listener agreement at least this; takes nobody rated are left out. */
  minAgreement?: number;
  /** Only takes whose perceived emotion (the listeners' plurality) is the intended one. */
  perceivedMatchesIntended?: boolean;
}

export interface DatasetTake {
  takeId: string;
  speakerId: string;
  sentenceId: string;
  /** The text as the speaker read it, not the sentence's current text. */
  sentence: string;
  locale: string | null;
  emotion: string;
  intensity: string | null;
  review: string;
  durationMs: number | null;
  quality: Quality | null;
  wavKey: string;
  ageRange: string | null;
  gender: string | null;
  nativeLanguage: string | null;
  accent: string | null;
  recordedAt: Date;
  replacedBy: string | null;
  mimeType: string;
  audioSettings: AudioSettings | null;
  gold: boolean;
  /** The consensus the listening code keeps on the take (null until its first counted rating). */
  perception: Perception | null;
  /** Pre-roll and post-roll marks (migration 011). */
  speakAtMs: number | null;
  stopPressedAtMs: number | null;
}

const PAGE = 500;

function conditions(filter: DatasetFilter, params: unknown[]): string[] {
  const where = ["t.state = 'saved'", 't.wav_key IS NOT NULL'];
  if (!filter.includeReplaced) where.push('t.replaced_by IS NULL');
  if (filter.review === 'not-rejected' || filter.review === undefined) where.push("t.review <> 'rejected'");
  else if (filter.review !== 'any') {
    params.push(filter.review);
    where.push(`t.review = $${params.length}`);
  }
  if (filter.minAgreement !== undefined) {
    // Against the real column at its own precision: an agreement of exactly 0.7 passes minAgreement=0.7.
    params.push(filter.minAgreement);
    where.push(`t.agreement >= $${params.length}::real`);
  }
  if (filter.perceivedMatchesIntended) where.push('t.perceived_emotion = t.emotion');
  if (filter.since) {
    params.push(filter.since);
    where.push(`t.created_at >= $${params.length}`);
  }
  return where;
}

export async function countDatasetTakes(pool: pg.Pool, filter: DatasetFilter): Promise<number> {
  const params: unknown[] = [];
  const result = await pool.query(`SELECT count(*)::int AS n FROM takes t WHERE ${conditions(filter, params).join(' AND ')}`, params);
  return result.rows[0].n as number;
}

/** What an export with this filter holds: takes and seconds of audio (a take whose WAV went missing is still counted). */
export async function previewDataset(pool: pg.Pool, filter: DatasetFilter): Promise<{ takes: number; seconds: number }> {
  const params: unknown[] = [];
  const result = await pool.query(
    `SELECT count(*)::int AS n, coalesce(sum(t.duration_ms), 0)::bigint::text AS ms FROM takes t WHERE ${conditions(filter, params).join(' AND ')}`,
    params,
  );
  return { takes: result.rows[0].n as number, seconds: Math.round(Number(result.rows[0].ms) / 100) / 10 };
}

/** Oldest first, by (created_at, id). */
export async function* datasetTakes(pool: pg.Pool, filter: DatasetFilter): AsyncGenerator<DatasetTake> {
  // created_at travels as text: a JS Date would drop the microseconds and re-read the last row.
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const params: unknown[] = [];
    const where = conditions(filter, params);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(t.created_at, t.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(PAGE);
    const result = await pool.query(
      `SELECT t.id, t.speaker_id, t.sentence_id, t.sentence_text, t.locale, t.emotion, t.intensity, t.review, t.duration_ms,
              t.quality, t.wav_key, t.created_at, t.replaced_by, sp.age_range, sp.gender, sp.native_language, sp.accent,
              t.mime_type, t.audio_settings, t.gold, t.perception, t.created_at::text AS created_text, t.speak_at_ms,
              t.stop_pressed_at_ms
       FROM takes t JOIN speakers sp ON sp.id = t.speaker_id
       WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.id LIMIT $${params.length}`,
      params,
    );
    for (const row of result.rows) {
      yield {
        takeId: row.id as string,
        speakerId: row.speaker_id as string,
        sentenceId: row.sentence_id as string,
        sentence: row.sentence_text as string,
        locale: row.locale as string | null,
        emotion: row.emotion as string,
        intensity: row.intensity as string | null,
        review: row.review as string,
        durationMs: row.duration_ms as number | null,
        quality: row.quality as Quality | null,
        wavKey: row.wav_key as string,
        ageRange: row.age_range as string | null,
        gender: row.gender as string | null,
        nativeLanguage: row.native_language as string | null,
        accent: row.accent as string | null,
        recordedAt: row.created_at as Date,
        replacedBy: row.replaced_by as string | null,
        mimeType: row.mime_type as string,
        audioSettings: row.audio_settings as AudioSettings | null,
        gold: row.gold as boolean,
        perception: row.perception as Perception | null,
        speakAtMs: row.speak_at_ms as number | null,
        stopPressedAtMs: row.stop_pressed_at_ms as number | null,
      };
    }
    if (result.rows.length < PAGE) return;
    const last = result.rows[result.rows.length - 1];
    after = { createdAt: last.created_text as string, id: last.id as string };
  }
}
