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
    `);
  },
  async down({ context: sql }) {
    await sql(`ALTER TABLE takes DROP COLUMN stop_pressed_at_ms, DROP COLUMN speak_at_ms;`);
  },
};
