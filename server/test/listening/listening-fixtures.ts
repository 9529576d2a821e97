// Listening test fixtures: saved takes cloned by SQL from one real take (so they share its real WAV), listeners
// made by SQL, and a seeded random for reproducible assignment.
import type pg from 'pg';

export async function insertSpeaker(pool: pg.Pool, locale = 'en'): Promise<string> {
  const result = await pool.query(
    `INSERT INTO speakers (token_hash, consented_at, locale) VALUES (decode(md5(random()::text || clock_timestamp()::text), 'hex'), now(), $1) RETURNING id`,
    [locale],
  );
  return result.rows[0].id as string;
}

/** Saved takes of `speakerId` (a fresh speaker when omitted), copying `template`'s audio keys and quality. */
export async function cloneTakes(
  pool: pg.Pool,
  template: string,
  count: number,
  options: { speakerId?: string; emotion?: string; gold?: boolean; review?: string; state?: string; locale?: string } = {},
): Promise<string[]> {
  const speakerId = options.speakerId ?? (await insertSpeaker(pool));
  const result = await pool.query(
    `INSERT INTO takes (speaker_id, sentence_id, sentence_text, locale, emotion, state, review, mime_type, duration_ms,
                        quality, original_key, wav_key, saved_at, gold)
     SELECT $2, sentence_id, sentence_text, coalesce($7, locale), coalesce($3, emotion), coalesce($6, 'saved'),
            coalesce($5, 'pending'), mime_type, duration_ms, quality, original_key, wav_key, now(), coalesce($4, false)
     FROM takes, generate_series(1, $8) WHERE id = $1 RETURNING id`,
    [template, speakerId, options.emotion ?? null, options.gold ?? null, options.review ?? null, options.state ?? null, options.locale ?? null, count],
  );
  return result.rows.map((row) => row.id as string);
}

export { seeded } from '../support/seeded-random.js';

/** The template: one saved take row with fake keys (DB-level tests never read the audio). */
export async function templateTake(pool: pg.Pool): Promise<string> {
  const speakerId = await insertSpeaker(pool);
  const sentence = (await pool.query(`SELECT id, text FROM sentences WHERE locale = 'en' LIMIT 1`)).rows[0] as { id: string; text: string };
  const result = await pool.query(
    `INSERT INTO takes (speaker_id, sentence_id, sentence_text, locale, emotion, state, mime_type, duration_ms, wav_key, original_key, saved_at)
     VALUES ($1, $2, $3, 'en', 'joy', 'saved', 'audio/webm', 1000, 'fake/take.wav', 'fake/take.webm', now()) RETURNING id`,
    [speakerId, sentence.id, sentence.text],
  );
  return result.rows[0].id as string;
}
