// Supervisor-side reads and writes of takes: filtered, keyset-paginated lists and review decisions.
import type pg from 'pg';
import { badRequest } from '../errors.js';
import type { Emotion, Locale, PerceivedLabel, QualityFlag, ReviewState, TakeState } from '../protocol/index.js';
import { TAKE_COLUMNS, toTakeRecord, type TakeRecord } from './take-row.js';

export interface TakeFilter {
  state?: TakeState;
  emotion?: Emotion;
  speakerId?: string;
  review?: ReviewState;
  locale?: Locale;
  sentenceId?: string;
  flag?: QualityFlag;
  /** Listening: the plurality heard, the least agreement, gold or not. */
  perceived?: PerceivedLabel | undefined;
  minAgreement?: number | undefined;
  gold?: boolean | undefined;
}

/** The opaque cursor: created_at in epoch microseconds (JS dates lose them) and the id, for ties. */
interface Position {
  micros: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.micros}.${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const [micros, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (!micros || !/^\d{1,20}$/.test(micros) || !id || !UUID.test(id) || rest.length > 0) {
    throw badRequest('cursor is not valid');
  }
  return { micros, id };
}

export function takeReviewRepository(pool: pg.Pool) {
  return {
    /** Newest first; limit + 1 rows are read to learn whether another page exists. */
    async list(filter: TakeFilter, limit: number, cursor?: string): Promise<{ items: TakeRecord[]; nextCursor: string | null }> {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (placeholder: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (filter.state) add((p) => `state = ${p}`, filter.state);
      if (filter.emotion) add((p) => `emotion = ${p}`, filter.emotion);
      if (filter.speakerId) add((p) => `speaker_id = ${p}`, filter.speakerId);
      if (filter.review) add((p) => `review = ${p}`, filter.review);
      if (filter.locale) add((p) => `locale = ${p}`, filter.locale);
      if (filter.sentenceId) add((p) => `sentence_id = ${p}`, filter.sentenceId);
      if (filter.flag) add((p) => `quality -> 'flags' ? ${p}`, filter.flag);
      if (filter.perceived) add((p) => `perceived_emotion = ${p}`, filter.perceived);
      if (filter.minAgreement !== undefined) add((p) => `agreement >= ${p}::real`, filter.minAgreement);
      if (filter.gold !== undefined) add((p) => `gold = ${p}`, filter.gold);
      if (cursor) {
        const position = decodeCursor(cursor);
        params.push(position.micros, position.id);
        where.push(
          `(created_at, id) < ('epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::uuid)`,
        );
      }
      params.push(limit + 1);
      const result = await pool.query(
        `SELECT ${TAKE_COLUMNS}, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_micros
         FROM takes ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const rows = result.rows.slice(0, limit);
      const last = rows[rows.length - 1];
      return {
        items: rows.map(toTakeRecord),
        nextCursor:
          result.rows.length > limit && last ? encodeCursor({ micros: last.created_micros as string, id: last.id as string }) : null,
      };
    },

    async recent(limit: number): Promise<TakeRecord[]> {
      const result = await pool.query(`SELECT ${TAKE_COLUMNS} FROM takes ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
      return result.rows.map(toTakeRecord);
    },

    /** note undefined keeps the current note; null clears it. */
    async setReview(takeId: string, review: ReviewState, note: string | null | undefined): Promise<TakeRecord | null> {
      const result = await pool.query(
        `UPDATE takes SET review = $2, review_note = CASE WHEN $4 THEN $3 ELSE review_note END, updated_at = now()
         WHERE id = $1 RETURNING ${TAKE_COLUMNS}`,
        [takeId, review, note ?? null, note !== undefined],
      );
      return result.rows[0] ? toTakeRecord(result.rows[0]) : null;
    },

    async sentenceHasTakes(sentenceId: string): Promise<boolean> {
      const result = await pool.query('SELECT EXISTS (SELECT 1 FROM takes WHERE sentence_id = $1) AS found', [sentenceId]);
      return result.rows[0].found as boolean;
    },
  };
}
export type TakeReviewRepository = ReturnType<typeof takeReviewRepository>;
