import type { Migration } from '../migrator.js';

export const scaleOut: Migration = {
  name: '004-scale-out',
  async up({ context: sql }) {
    await sql(`
      -- Payloads of the Socket.IO Postgres adapter that do not fit in a NOTIFY.
      CREATE TABLE IF NOT EXISTS socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      );
      -- A replica finalizing a take holds a lease on it, so that two replicas never finalize it at once
      -- and a dead replica's take is picked up once the lease runs out.
      ALTER TABLE takes ADD COLUMN finalize_lease_until timestamptz;
      CREATE INDEX takes_recording_activity ON takes (last_activity_at) WHERE state = 'recording';
      CREATE INDEX take_chunks_created_at ON take_chunks (take_id, created_at DESC);
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP INDEX take_chunks_created_at;
      DROP INDEX takes_recording_activity;
      ALTER TABLE takes DROP COLUMN finalize_lease_until;
      DROP TABLE socket_io_attachments;
    `);
  },
};
