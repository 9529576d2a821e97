import type { Migration } from '../migrator.js';

export const takeLimits: Migration = {
  name: '005-take-limits',
  async up({ context: sql }) {
    await sql(`
      -- When the sweep removed the audio of a take that failed because it could not be decoded. The row stays:
      -- it is the record that the take was received and failed.
      ALTER TABLE takes ADD COLUMN audio_expired_at timestamptz;
      CREATE INDEX takes_undecodable_audio ON takes (updated_at)
        WHERE state = 'failed' AND error_code = 'UNSUPPORTED_MEDIA' AND audio_expired_at IS NULL;
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP INDEX takes_undecodable_audio;
      ALTER TABLE takes DROP COLUMN audio_expired_at;
    `);
  },
};
