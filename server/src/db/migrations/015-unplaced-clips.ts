import type { Migration } from '../migrator.js';

// 'extra': a clip given to a listener the gold rule excludes. Their ratings are stored but never counted, so such a
// clip holds no place towards RATINGS_TARGET (only open 'fill' assignments do): an excluded listener can no longer
// keep a take from a listener whose rating would count.
export const unplacedClips: Migration = {
  name: '015-unplaced-clips',
  async up({ context: sql }) {
    await sql(`ALTER TABLE listen_assignments DROP CONSTRAINT listen_assignments_kind_check,
      ADD CONSTRAINT listen_assignments_kind_check CHECK (kind IN ('fill', 'gold', 'repeat', 'extra'))`);
  },
  async down({ context: sql }) {
    await sql(`DELETE FROM listen_assignments WHERE kind = 'extra'`);
    await sql(`ALTER TABLE listen_assignments DROP CONSTRAINT listen_assignments_kind_check,
      ADD CONSTRAINT listen_assignments_kind_check CHECK (kind IN ('fill', 'gold', 'repeat'))`);
  },
};
