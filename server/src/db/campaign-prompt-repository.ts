// A speaker's session in a campaign: membership, the prompts they were given, and the issue of the next one.
// Issuing is serialised per campaign (a row lock on the campaign), so concurrent speakers on any replica each see
// the prompts handed out before theirs, and the design stays balanced.
import type pg from 'pg';
import type { Emotion, Intensity, Locale, SkipReason } from '../protocol/index.js';
import { COUNTED_TAKE } from './campaign-repository.js';
import { withTransaction } from './transaction.js';

export interface PromptRow {
  id: string;
  campaignId: string;
  speakerId: string;
  seq: number;
  redoAt: Date | null;
  skippedAt: Date | null;
  sentenceId: string;
  sentenceText: string;
  locale: Locale;
  emotion: Emotion;
  intensity: Intensity | null;
  /** A saved, non-rejected take, not replaced, was recorded through it. */
  done: boolean;
  /** Its sentence can still be recorded (a deactivated sentence's prompt is set aside like a skipped one). */
  sentenceActive: boolean;
}

/**
 * A cell this speaker never had, with its counted takes (saved) and its prompts handed out lately and not yet
 * done (offered): those are not recordings, but a speaker is probably recording them right now.
 */
export interface Candidate {
  cellId: string;
  sentenceId: string;
  emotion: Emotion;
  intensity: Intensity | null;
  saved: number;
  offered: number;
}

export type Choose = (candidates: Candidate[], previous: { sentenceId: string; emotion: Emotion } | null) => Candidate | null;

const PROMPT_SELECT = `SELECT p.id, p.campaign_id, p.speaker_id, p.seq, p.redo_at, p.skipped_at, cc.sentence_id, s.text, s.locale,
    s.active AS sentence_active, cc.emotion, cc.intensity, EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE}) AS done
  FROM campaign_prompts p JOIN campaign_cells cc ON cc.id = p.cell_id JOIN sentences s ON s.id = cc.sentence_id`;

const toPrompt = (row: Record<string, unknown>): PromptRow => ({
  id: row.id as string,
  campaignId: row.campaign_id as string,
  speakerId: row.speaker_id as string,
  seq: row.seq as number,
  redoAt: row.redo_at as Date | null,
  skippedAt: row.skipped_at as Date | null,
  sentenceId: row.sentence_id as string,
  sentenceText: row.text as string,
  locale: row.locale as Locale,
  emotion: row.emotion as Emotion,
  intensity: row.intensity as Intensity | null,
  done: row.done as boolean,
  sentenceActive: row.sentence_active as boolean,
});

/** How long a prompt handed out and not recorded still steers assignment (an abandoned one stops steering). */
export const OFFER_HOLD_MINUTES = 15;

/** Cells (of active sentences) that the speaker was never given, with the counts the assignment orders by. */
const CANDIDATES = `WITH stats AS (
    SELECT p.cell_id, count(*) FILTER (WHERE d.done)::int AS saved,
           count(*) FILTER (WHERE NOT d.done AND p.skipped_at IS NULL
             AND greatest(p.issued_at, p.redo_at) > now() - interval '${OFFER_HOLD_MINUTES} minutes')::int AS offered
    FROM campaign_prompts p
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE}) AS done) d
    WHERE p.campaign_id = $1 GROUP BY p.cell_id)
  SELECT cc.id, cc.sentence_id, cc.emotion, cc.intensity, coalesce(stats.saved, 0) AS saved, coalesce(stats.offered, 0) AS offered
  FROM campaign_cells cc JOIN sentences s ON s.id = cc.sentence_id LEFT JOIN stats ON stats.cell_id = cc.id
  WHERE cc.campaign_id = $1 AND s.active
    AND NOT EXISTS (SELECT 1 FROM campaign_prompts mine WHERE mine.cell_id = cc.id AND mine.speaker_id = $2)
  ORDER BY cc.position`;

export function campaignPromptRepository(pool: pg.Pool) {
  return {
    /** Idempotent: a second join only counts as activity. */
    async join(campaignId: string, speakerId: string): Promise<void> {
      await pool.query(
        `INSERT INTO campaign_speakers (campaign_id, speaker_id) VALUES ($1, $2)
         ON CONFLICT (campaign_id, speaker_id) DO UPDATE SET last_activity_at = now()`,
        [campaignId, speakerId],
      );
    },
    async isMember(campaignId: string, speakerId: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM campaign_speakers WHERE campaign_id = $1 AND speaker_id = $2', [campaignId, speakerId]);
      return result.rowCount !== 0;
    },
    async touch(campaignId: string, speakerId: string): Promise<void> {
      await pool.query('UPDATE campaign_speakers SET last_activity_at = now() WHERE campaign_id = $1 AND speaker_id = $2', [
        campaignId,
        speakerId,
      ]);
    },
    /** The speaker's prompts in this campaign, in the order they were issued. */
    async prompts(campaignId: string, speakerId: string): Promise<PromptRow[]> {
      const result = await pool.query(`${PROMPT_SELECT} WHERE p.campaign_id = $1 AND p.speaker_id = $2 ORDER BY p.seq`, [
        campaignId,
        speakerId,
      ]);
      return result.rows.map(toPrompt);
    },
    async find(promptId: string): Promise<PromptRow | null> {
      const result = await pool.query(`${PROMPT_SELECT} WHERE p.id = $1`, [promptId]);
      return result.rows[0] ? toPrompt(result.rows[0]) : null;
    },
    /** Cells of active sentences the speaker was never given. */
    async freshCells(campaignId: string, speakerId: string): Promise<number> {
      const result = await pool.query(
        `SELECT count(*)::int AS fresh FROM campaign_cells cc JOIN sentences s ON s.id = cc.sentence_id
         WHERE cc.campaign_id = $1 AND s.active
           AND NOT EXISTS (SELECT 1 FROM campaign_prompts p WHERE p.cell_id = cc.id AND p.speaker_id = $2)`,
        [campaignId, speakerId],
      );
      return result.rows[0].fresh as number;
    },
    /**
     * Under the campaign's lock: when the speaker holds no open prompt and has fewer than `size` prompts kept
     * (not skipped), `choose` picks among the cells they never had, and that cell becomes their next prompt.
     */
    async issue(campaignId: string, speakerId: string, size: number, choose: Choose): Promise<void> {
      await withTransaction(pool, async (client) => {
        await client.query('SELECT 1 FROM campaigns WHERE id = $1 FOR UPDATE', [campaignId]);
        // As session-summary.ts counts them: a prompt of a deactivated sentence, not done, is set aside.
        const mine = await client.query(
          `SELECT count(*) FILTER (WHERE p.skipped_at IS NULL AND (d.done OR s.active))::int AS kept,
                  count(*) FILTER (WHERE p.skipped_at IS NULL AND NOT d.done AND s.active)::int AS open,
                  coalesce(max(p.seq), 0) AS last_seq
           FROM campaign_prompts p JOIN campaign_cells cc ON cc.id = p.cell_id JOIN sentences s ON s.id = cc.sentence_id
           CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE}) AS done) d
           WHERE p.campaign_id = $1 AND p.speaker_id = $2`,
          [campaignId, speakerId],
        );
        const { kept, open, last_seq: lastSeq } = mine.rows[0] as { kept: number; open: number; last_seq: number };
        if (open > 0 || kept >= size) return; // another request issued it meanwhile, or the session is full
        const previous = await client.query(
          `SELECT cc.sentence_id, cc.emotion FROM campaign_prompts p JOIN campaign_cells cc ON cc.id = p.cell_id
           WHERE p.campaign_id = $1 AND p.speaker_id = $2
           ORDER BY greatest(p.issued_at, coalesce(p.redo_at, p.issued_at)) DESC, p.seq DESC LIMIT 1`,
          [campaignId, speakerId],
        );
        const candidates = await client.query(CANDIDATES, [campaignId, speakerId]);
        const chosen = choose(
          candidates.rows.map((row) => ({
            cellId: row.id as string,
            sentenceId: row.sentence_id as string,
            emotion: row.emotion as Emotion,
            intensity: row.intensity as Intensity | null,
            saved: row.saved as number,
            offered: row.offered as number,
          })),
          previous.rows[0] ? { sentenceId: previous.rows[0].sentence_id as string, emotion: previous.rows[0].emotion as Emotion } : null,
        );
        if (!chosen) return;
        await client.query('INSERT INTO campaign_prompts (campaign_id, speaker_id, cell_id, seq) VALUES ($1, $2, $3, $4)', [
          campaignId,
          speakerId,
          chosen.cellId,
          lastSeq + 1,
        ]);
      });
    },
    /** False when the prompt is already skipped or done. */
    async skip(promptId: string, reason: SkipReason, note: string | null): Promise<boolean> {
      const result = await pool.query(
        `UPDATE campaign_prompts p SET skipped_at = now(), skip_reason = $2, skip_note = $3
         WHERE p.id = $1 AND p.skipped_at IS NULL AND NOT EXISTS (SELECT 1 FROM takes t WHERE t.prompt_id = p.id AND ${COUNTED_TAKE})`,
        [promptId, reason, note],
      );
      return result.rowCount !== 0;
    },
    /** The campaign the speaker was last active in, while it is active (for the monitor). */
    async latestActiveCampaign(speakerId: string): Promise<string | null> {
      const result = await pool.query(
        `SELECT cs.campaign_id FROM campaign_speakers cs JOIN campaigns c ON c.id = cs.campaign_id
         WHERE cs.speaker_id = $1 AND c.active ORDER BY cs.last_activity_at DESC LIMIT 1`,
        [speakerId],
      );
      return (result.rows[0]?.campaign_id as string | undefined) ?? null;
    },
  };
}
export type CampaignPromptRepository = ReturnType<typeof campaignPromptRepository>;
