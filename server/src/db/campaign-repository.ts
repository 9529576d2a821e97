// Campaign rows, their cells, and what supervisors read of them: progress, skips and coverage.
import type pg from 'pg';
import type { Campaign, CampaignCoverage, CampaignSkip, Emotion, Intensity, Locale, SkipReason } from '../protocol/index.js';
import { withTransaction } from './transaction.js';

/** A take counts for its prompt when it is saved, not rejected, and not replaced by a re-recording. */
export const COUNTED_TAKE = "t.state = 'saved' AND t.review <> 'rejected' AND t.replaced_by IS NULL";

export interface NewCampaign {
  name: string;
  locale: Locale;
  code: string;
  sentenceIds: string[];
  emotions: Emotion[];
  intensities: (Intensity | null)[];
  takesPerCell: number;
  sessionSize: number;
  listenBack: boolean;
}

const SKIPS_SHOWN = 50;

const CAMPAIGN_SELECT = `SELECT c.id, c.name, c.locale, c.code, c.active, c.sentence_ids, c.emotions, c.intensities,
    c.takes_per_cell, c.session_size, c.listen_back, c.created_at,
    (SELECT count(*) FROM campaign_cells cc WHERE cc.campaign_id = c.id)::int AS cells,
    (SELECT count(*) FROM (
       SELECT p.cell_id FROM campaign_prompts p JOIN takes t ON t.prompt_id = p.id
       WHERE p.campaign_id = c.id AND ${COUNTED_TAKE}
       GROUP BY p.cell_id HAVING count(DISTINCT p.id) >= c.takes_per_cell) full_cells)::int AS done,
    (SELECT count(*) FROM campaign_speakers cs WHERE cs.campaign_id = c.id)::int AS speakers
  FROM campaigns c`;

function toCampaign(row: Record<string, unknown>, skips: CampaignSkip[]): Campaign {
  return {
    id: row.id as string,
    name: row.name as string,
    locale: row.locale as Locale,
    code: row.code as string,
    active: row.active as boolean,
    sentenceIds: row.sentence_ids as string[],
    emotions: row.emotions as Emotion[],
    intensities: row.intensities as (Intensity | null)[],
    takesPerCell: row.takes_per_cell as number,
    sessionSize: row.session_size as number,
    createdAt: (row.created_at as Date).toISOString(),
    progress: { cells: row.cells as number, done: row.done as number, speakers: row.speakers as number },
    listenBack: row.listen_back as boolean,
    skips,
  };
}

export function campaignRepository(pool: pg.Pool) {
  async function skipsOf(ids: string[]): Promise<Map<string, CampaignSkip[]>> {
    const bySkip = new Map<string, CampaignSkip[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return bySkip;
    const result = await pool.query(
      `SELECT * FROM (
         SELECT p.campaign_id, p.id, cc.sentence_id, s.text, p.skip_reason, p.skip_note, p.skipped_at,
                row_number() OVER (PARTITION BY p.campaign_id ORDER BY p.skipped_at DESC, p.id) AS rank
         FROM campaign_prompts p JOIN campaign_cells cc ON cc.id = p.cell_id JOIN sentences s ON s.id = cc.sentence_id
         WHERE p.campaign_id = ANY($1::uuid[]) AND p.skipped_at IS NOT NULL) ranked
       WHERE rank <= $2 ORDER BY skipped_at DESC, id`,
      [ids, SKIPS_SHOWN],
    );
    for (const row of result.rows) {
      bySkip.get(row.campaign_id as string)?.push({
        promptId: row.id as string,
        sentenceId: row.sentence_id as string,
        sentenceText: row.text as string,
        reason: row.skip_reason as SkipReason,
        note: row.skip_note as string | null,
        at: (row.skipped_at as Date).toISOString(),
      });
    }
    return bySkip;
  }

  async function campaigns(where: string, params: unknown[]): Promise<Campaign[]> {
    const result = await pool.query(`${CAMPAIGN_SELECT} ${where}`, params);
    const skips = await skipsOf(result.rows.map((row) => row.id as string));
    return result.rows.map((row) => toCampaign(row, skips.get(row.id as string) ?? []));
  }

  return {
    /** The campaign and its cells (sentence-major, then emotion, then intensity), in one transaction. */
    async create(input: NewCampaign): Promise<string> {
      return withTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO campaigns (name, locale, code, sentence_ids, emotions, intensities, takes_per_cell, session_size, listen_back)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [input.name, input.locale, input.code, input.sentenceIds, input.emotions, input.intensities, input.takesPerCell,
            input.sessionSize, input.listenBack],
        );
        const id = inserted.rows[0].id as string;
        await client.query(
          `INSERT INTO campaign_cells (campaign_id, position, sentence_id, emotion, intensity)
           SELECT $1, (row_number() OVER (ORDER BY s.ord, e.ord, i.ord))::int, s.id, e.value, i.value
           FROM unnest($2::uuid[]) WITH ORDINALITY AS s (id, ord)
           CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS e (value, ord)
           CROSS JOIN unnest($4::text[]) WITH ORDINALITY AS i (value, ord)`,
          [id, input.sentenceIds, input.emotions, input.intensities],
        );
        return id;
      });
    },
    async codeTaken(code: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM campaigns WHERE code = $1', [code]);
      return result.rowCount !== 0;
    },
    async list(): Promise<Campaign[]> {
      return campaigns('ORDER BY c.created_at DESC, c.id DESC', []);
    },
    async find(id: string): Promise<Campaign | null> {
      return (await campaigns('WHERE c.id = $1', [id]))[0] ?? null;
    },
    /** An active campaign by its code, whatever the case the speaker typed it in. */
    async findActiveByCode(code: string): Promise<Campaign | null> {
      return (await campaigns('WHERE c.code = upper($1) AND c.active', [code]))[0] ?? null;
    },
    async update(id: string, patch: { active?: boolean; name?: string; listenBack?: boolean }): Promise<boolean> {
      const result = await pool.query(
        `UPDATE campaigns SET active = coalesce($2, active), name = coalesce($3, name), listen_back = coalesce($4, listen_back),
           updated_at = now() WHERE id = $1`,
        [id, patch.active ?? null, patch.name ?? null, patch.listenBack ?? null],
      );
      return result.rowCount !== 0;
    },
    /** Of these IDs, the sentences that exist, with their locale and whether they are active. */
    async sentences(ids: string[]): Promise<{ id: string; locale: Locale; active: boolean }[]> {
      const result = await pool.query('SELECT id, locale, active FROM sentences WHERE id = ANY($1::uuid[])', [ids]);
      return result.rows.map((row) => ({ id: row.id as string, locale: row.locale as Locale, active: row.active as boolean }));
    },
    async activeSentenceIds(locale: Locale): Promise<string[]> {
      const result = await pool.query('SELECT id FROM sentences WHERE locale = $1 AND active ORDER BY created_at, id', [locale]);
      return result.rows.map((row) => row.id as string);
    },
    /** Every cell with its counted takes, in grid order; and every speaker who joined, with their progress. */
    async coverage(id: string, sessionSize: number): Promise<CampaignCoverage> {
      const cells = await pool.query(
        `SELECT cc.sentence_id, s.text, cc.emotion, cc.intensity,
           (SELECT count(DISTINCT p.id) FROM campaign_prompts p JOIN takes t ON t.prompt_id = p.id
            WHERE p.cell_id = cc.id AND ${COUNTED_TAKE})::int AS saved
         FROM campaign_cells cc JOIN sentences s ON s.id = cc.sentence_id
         WHERE cc.campaign_id = $1 ORDER BY cc.position`,
        [id],
      );
      const speakers = await pool.query(
        `SELECT cs.speaker_id, cs.last_activity_at,
           (SELECT count(*) FROM campaign_prompts p WHERE p.campaign_id = cs.campaign_id AND p.speaker_id = cs.speaker_id
              AND EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE}))::int AS done,
           (SELECT count(*) FROM campaign_prompts p JOIN campaign_cells cc ON cc.id = p.cell_id JOIN sentences s ON s.id = cc.sentence_id
            WHERE p.campaign_id = cs.campaign_id AND p.speaker_id = cs.speaker_id AND p.skipped_at IS NULL
              AND (s.active OR EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE})))::int AS kept,
           (SELECT count(*) FROM campaign_cells cc JOIN sentences s ON s.id = cc.sentence_id
            WHERE cc.campaign_id = cs.campaign_id AND s.active AND NOT EXISTS (SELECT 1 FROM campaign_prompts p
              WHERE p.campaign_id = cs.campaign_id AND p.speaker_id = cs.speaker_id AND p.cell_id = cc.id))::int AS fresh
         FROM campaign_speakers cs WHERE cs.campaign_id = $1 ORDER BY cs.joined_at, cs.speaker_id`,
        [id],
      );
      return {
        cells: cells.rows.map((row) => ({
          sentenceId: row.sentence_id as string,
          sentenceText: row.text as string,
          emotion: row.emotion as Emotion,
          intensity: row.intensity as Intensity | null,
          saved: row.saved as number,
        })),
        speakers: speakers.rows.map((row) => ({
          speakerId: row.speaker_id as string,
          done: row.done as number,
          total: Math.min(sessionSize, (row.kept as number) + (row.fresh as number)),
          lastActivityAt: (row.last_activity_at as Date).toISOString(),
        })),
      };
    },
  };
}
export type CampaignRepository = ReturnType<typeof campaignRepository>;
