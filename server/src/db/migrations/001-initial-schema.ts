import type { Migration } from '../migrator.js';

export const initialSchema: Migration = {
  name: '001-initial-schema',
  async up({ context: sql }) {
    await sql(`
      CREATE TABLE sentences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'en')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (locale, text)
      );
      CREATE INDEX sentences_active_locale ON sentences (locale) WHERE active;

      CREATE TABLE speakers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        consented_at timestamptz NOT NULL,
        locale text NOT NULL,
        age_range text,
        gender text,
        native_language text,
        accent text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE takes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        speaker_id uuid NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        sentence_id uuid NOT NULL REFERENCES sentences (id),
        client_take_id text,
        locale text,
        emotion text NOT NULL,
        intensity text,
        state text NOT NULL CHECK (state IN ('recording', 'finalizing', 'saved', 'failed', 'discarded')),
        review text NOT NULL DEFAULT 'pending',
        review_note text,
        mime_type text NOT NULL,
        audio_settings jsonb,
        last_seq integer,
        client_duration_ms integer,
        duration_ms integer,
        quality jsonb,
        error_code text,
        error_message text,
        original_key text,
        wav_key text,
        finalize_attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        saved_at timestamptz,
        UNIQUE (speaker_id, client_take_id)
      );
      CREATE INDEX takes_created_at ON takes (created_at DESC, id DESC);
      CREATE INDEX takes_state ON takes (state);
      CREATE INDEX takes_speaker_state ON takes (speaker_id, state);

      CREATE TABLE take_chunks (
        take_id uuid NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        data bytea NOT NULL,
        digest bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (take_id, seq)
      );
      -- Opus does not compress: skip TOAST's compression attempt on every chunk.
      ALTER TABLE take_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

      CREATE TABLE deletions (
        id bigserial PRIMARY KEY,
        take_id uuid NOT NULL,
        deleted_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL CHECK (reason IN ('speaker_request', 'supervisor'))
      );
      CREATE INDEX deletions_deleted_at ON deletions (deleted_at DESC);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('supervisor', 'admin')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));
    `);
  },
  async down({ context: sql }) {
    await sql('DROP TABLE users, deletions, take_chunks, takes, speakers, sentences');
  },
};
