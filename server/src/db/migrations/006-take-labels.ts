import type { Migration } from '../migrator.js';

export const takeLabels: Migration = {
  name: '006-take-labels',
  async up({ context: sql }) {
    await sql(`
      -- The sentence as the speaker read it: editing a sentence later must not change what a take says.
      -- Rows recorded before this migration carry the sentence's text at migration time.
      ALTER TABLE takes ADD COLUMN sentence_text text;
      UPDATE takes t SET sentence_text = s.text FROM sentences s WHERE s.id = t.sentence_id;
      ALTER TABLE takes ALTER COLUMN sentence_text SET NOT NULL;
      -- Re-record keeps the previous take: the new one names it, and once saved the old one points to it.
      -- Deleting the new take releases the old one (SET NULL) rather than leaving a dangling label.
      ALTER TABLE takes ADD COLUMN replaces uuid REFERENCES takes (id) ON DELETE SET NULL;
      ALTER TABLE takes ADD COLUMN replaced_by uuid REFERENCES takes (id) ON DELETE SET NULL;
      CREATE INDEX takes_replaces ON takes (replaces) WHERE replaces IS NOT NULL;
      CREATE INDEX takes_replaced_by ON takes (replaced_by) WHERE replaced_by IS NOT NULL;
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP INDEX takes_replaced_by;
      DROP INDEX takes_replaces;
      ALTER TABLE takes DROP COLUMN replaced_by;
      ALTER TABLE takes DROP COLUMN replaces;
      ALTER TABLE takes DROP COLUMN sentence_text;
    `);
  },
};
