import type { Migration } from '../migrator.js';

export const speakerPrivacy: Migration = {
  name: '007-speaker-privacy',
  async up({ context: sql }) {
    await sql(`
      -- "Forget me": the speaker's profile is cleared and this is set; their token no longer verifies.
      ALTER TABLE speakers ADD COLUMN erased_at timestamptz;
      -- A speaker's own takes, newest first (GET /speakers/me/takes).
      CREATE INDEX takes_speaker_created ON takes (speaker_id, created_at DESC);
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP INDEX takes_speaker_created;
      ALTER TABLE speakers DROP COLUMN erased_at;
    `);
  },
};
