import type { Migration } from '../migrator.js';

export const takeEdges: Migration = {
  name: '011-take-edges',
  async up({ context: sql }) {
    await sql(`
      -- The recorder's pre-roll and post-roll marks, as the client sent them with its stop (or POST /takes): when the
      -- prompt turned to "speak now" and when Stop was pressed, in ms from the start of the recording. Null for takes
      -- recorded without them (older clients, takes ended by the sweep). The edge silences the server measures
      -- live in quality (leadingSilenceMs, trailingSilenceMs), not here.
      ALTER TABLE takes
        ADD COLUMN speak_at_ms integer CHECK (speak_at_ms >= 0),
        ADD COLUMN stop_pressed_at_ms integer CHECK (stop_pressed_at_ms >= 0);
      -- When the take entered its current state, kept by trigger so that every transition (stop, sweep, finalize,
      -- discard, and any made in SQL) sets it: the monitor dates a failed or discarded take by it, not by its start.
      ALTER TABLE takes ADD COLUMN state_changed_at timestamptz;
      UPDATE takes SET state_changed_at = CASE WHEN state = 'recording' THEN created_at ELSE coalesce(saved_at, updated_at) END;
      ALTER TABLE takes ALTER COLUMN state_changed_at SET DEFAULT now(), ALTER COLUMN state_changed_at SET NOT NULL;
      CREATE FUNCTION takes_state_changed_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.state_changed_at := now();
        RETURN NEW;
      END $$;
      CREATE TRIGGER takes_state_changed_at BEFORE UPDATE OF state ON takes
        FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION takes_state_changed_at();
      -- When the speaker's page said goodbye while the take was still recording: the sweep ends such a take after
      -- LEFT_TAKE_SECONDS rather than STALE_TAKE_SECONDS, unless a chunk or a resume came after.
      ALTER TABLE takes ADD COLUMN speaker_left_at timestamptz;
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP TRIGGER takes_state_changed_at ON takes;
      DROP FUNCTION takes_state_changed_at();
      ALTER TABLE takes DROP COLUMN speaker_left_at, DROP COLUMN state_changed_at, DROP COLUMN stop_pressed_at_ms,
        DROP COLUMN speak_at_ms;
    `);
  },
};
