import type { Migration } from '../migrator.js';

// A staged chunk (≈ 4.8 KB for 300 ms of Chromium's 128 kbit/s Opus) crossed TOAST's 2 KB threshold, so each one
// was cut into slices in a separate TOAST table: four heap rows and four index entries per chunk instead of one, on
// insert and again on delete. With the target at its maximum, a chunk that fits in a page stays in its row; larger
// ones still go out of line (uncompressed: the column's storage stays EXTERNAL). Measured on a burst of 150 takes:
// the staging statement's mean went from 0.49 to 0.34 ms and the save's (which drops the chunks) from 3.1 to 1.3 ms.
// Rows already staged keep their slices until they are dropped.
export const inlineChunks: Migration = {
  name: '014-inline-chunks',
  async up({ context: sql }) {
    await sql('ALTER TABLE take_chunks SET (toast_tuple_target = 8160)');
  },
  async down({ context: sql }) {
    await sql('ALTER TABLE take_chunks RESET (toast_tuple_target)');
  },
};
