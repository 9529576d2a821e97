import type { Migration } from '../migrator.js';

export const campaigns: Migration = {
  name: '010-campaigns',
  async up({ context: sql }) {
    await sql(`
      -- A campaign is a design: sentences x emotions x intensities (cells), each wanted takes_per_cell times.
      -- intensities may hold one NULL element: [null] means "no intensity". code is stored upper-case.
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'en')),
        code text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        sentence_ids uuid[] NOT NULL,
        emotions text[] NOT NULL,
        intensities text[] NOT NULL,
        takes_per_cell integer NOT NULL CHECK (takes_per_cell > 0),
        session_size integer NOT NULL CHECK (session_size > 0),
        listen_back boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX campaigns_created_at ON campaigns (created_at DESC, id DESC);
      -- The cells, made once at creation (the design never changes afterwards): counting and locking need rows.
      CREATE TABLE campaign_cells (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        position integer NOT NULL,
        sentence_id uuid NOT NULL REFERENCES sentences (id),
        emotion text NOT NULL,
        intensity text,
        UNIQUE NULLS NOT DISTINCT (campaign_id, sentence_id, emotion, intensity)
      );
      CREATE INDEX campaign_cells_campaign ON campaign_cells (campaign_id, position);
      CREATE TABLE campaign_speakers (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        speaker_id uuid NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, speaker_id)
      );
      CREATE INDEX campaign_speakers_speaker ON campaign_speakers (speaker_id, last_activity_at DESC);
      -- A prompt is one cell offered to one speaker; a speaker holds each cell at most once. Whether it is done is
      -- read from its takes (saved, not rejected, not replaced), so a redo or a rejection reopens it by itself.
      CREATE TABLE campaign_prompts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        speaker_id uuid NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        cell_id uuid NOT NULL REFERENCES campaign_cells (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        redo_at timestamptz,
        skipped_at timestamptz,
        skip_reason text CHECK (skip_reason IN ('offensive', 'unreadable', 'wrong_language', 'other')),
        skip_note text,
        UNIQUE (campaign_id, speaker_id, cell_id),
        UNIQUE (campaign_id, speaker_id, seq)
      );
      CREATE INDEX campaign_prompts_cell ON campaign_prompts (cell_id);
      CREATE INDEX campaign_prompts_skipped ON campaign_prompts (campaign_id, skipped_at DESC) WHERE skipped_at IS NOT NULL;
      ALTER TABLE takes ADD COLUMN prompt_id uuid REFERENCES campaign_prompts (id) ON DELETE SET NULL;
      CREATE INDEX takes_prompt ON takes (prompt_id) WHERE prompt_id IS NOT NULL;
      -- Every redo request, as asked: the take itself is only marked rejected, never deleted.
      CREATE TABLE take_redos (
        id bigserial PRIMARY KEY,
        take_id uuid NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
        prompt_id uuid REFERENCES campaign_prompts (id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('clipping', 'too_quiet', 'noise', 'misread', 'emotion_unclear', 'cut_off', 'other')),
        note text,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX take_redos_take ON take_redos (take_id);
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP TABLE take_redos;
      DROP INDEX takes_prompt;
      ALTER TABLE takes DROP COLUMN prompt_id;
      DROP TABLE campaign_prompts, campaign_speakers, campaign_cells, campaigns;
    `);
  },
};
