import type { Migration } from '../migrator.js';

export const listening: Migration = {
  name: '009-listening',
  async up({ context: sql }) {
    await sql(`
      -- A supervisor's reference take: listeners' gold accuracy is measured on these.
      ALTER TABLE takes ADD COLUMN gold boolean NOT NULL DEFAULT false;
      -- The take's consensus, kept by the listening code from its counted ratings so that readers (take JSON,
      -- filters, export, stats) just read it: counted_ratings orders assignment, perception is the contract's
      -- object (null until the first counted rating), perceived_emotion and agreement serve the filters.
      ALTER TABLE takes ADD COLUMN counted_ratings integer NOT NULL DEFAULT 0;
      ALTER TABLE takes ADD COLUMN perception jsonb;
      ALTER TABLE takes ADD COLUMN perceived_emotion text;
      ALTER TABLE takes ADD COLUMN agreement real;
      -- What assignment may give: saved, not rejected, not replaced; fewest counted ratings first.
      CREATE INDEX takes_listenable ON takes (locale, counted_ratings, id)
        WHERE state = 'saved' AND review <> 'rejected' AND replaced_by IS NULL;
      -- The same order for a listener who asks for any locale.
      CREATE INDEX takes_listenable_any ON takes (counted_ratings, id)
        WHERE state = 'saved' AND review <> 'rejected' AND replaced_by IS NULL;
      CREATE INDEX takes_gold ON takes (locale, id)
        WHERE gold AND state = 'saved' AND review <> 'rejected' AND replaced_by IS NULL;
      CREATE INDEX takes_perceived ON takes (perceived_emotion) WHERE perceived_emotion IS NOT NULL;

      -- One clip given to one listener. kind: 'fill' (towards RATINGS_TARGET), 'gold' or 'repeat'.
      -- An unanswered one is open until expires_at; a listener holds at most one unanswered assignment
      -- (an expired one is deleted when it is replaced).
      CREATE TABLE listen_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listener_id uuid NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        take_id uuid NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('fill', 'gold', 'repeat')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        answered_at timestamptz
      );
      CREATE UNIQUE INDEX listen_assignments_one_open ON listen_assignments (listener_id) WHERE answered_at IS NULL;
      CREATE INDEX listen_assignments_open_take ON listen_assignments (take_id, expires_at) WHERE answered_at IS NULL;

      -- Every rating, kept. counted is false for repeats and for every rating of a listener excluded by the gold
      -- rule (updated when they become excluded), so that readers just read it.
      CREATE TABLE ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL UNIQUE REFERENCES listen_assignments (id) ON DELETE CASCADE,
        take_id uuid NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
        listener_id uuid NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        emotion text NOT NULL
          CHECK (emotion IN ('joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other')),
        intensity smallint CHECK (intensity BETWEEN 1 AND 5),
        problems text[] NOT NULL DEFAULT '{}'
          CHECK (problems <@ ARRAY['noise', 'cut_off', 'wrong_sentence', 'silent', 'distorted']::text[]),
        response_ms integer NOT NULL CHECK (response_ms >= 0),
        plays integer NOT NULL CHECK (plays >= 1),
        repeat boolean NOT NULL DEFAULT false,
        counted boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- A listener's first rating of a take is the one that counts; repeats come after it.
      CREATE UNIQUE INDEX ratings_first_per_listener ON ratings (take_id, listener_id) WHERE NOT repeat;
      CREATE INDEX ratings_listener ON ratings (listener_id, take_id);
      CREATE INDEX ratings_counted_take ON ratings (take_id) WHERE counted;
      CREATE INDEX ratings_created_at ON ratings (created_at) WHERE counted;
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP TABLE ratings;
      DROP TABLE listen_assignments;
      DROP INDEX takes_perceived;
      DROP INDEX takes_gold;
      DROP INDEX takes_listenable_any;
      DROP INDEX takes_listenable;
      ALTER TABLE takes DROP COLUMN agreement, DROP COLUMN perceived_emotion, DROP COLUMN perception,
        DROP COLUMN counted_ratings, DROP COLUMN gold;
    `);
  },
};
