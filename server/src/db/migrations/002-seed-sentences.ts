import type { Migration } from '../migrator.js';
import { SEED_SENTENCES } from '../../sentences/seed-sentences.js';

export const seedSentences: Migration = {
  name: '002-seed-sentences',
  async up({ context: sql }) {
    for (const sentence of SEED_SENTENCES) {
      await sql('INSERT INTO sentences (text, locale) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        sentence.text,
        sentence.locale,
      ]);
    }
  },
  async down({ context: sql }) {
    for (const sentence of SEED_SENTENCES) {
      await sql('DELETE FROM sentences WHERE text = $1 AND locale = $2 AND NOT EXISTS (SELECT 1 FROM takes WHERE sentence_id = sentences.id)', [
        sentence.text,
        sentence.locale,
      ]);
    }
  },
};
