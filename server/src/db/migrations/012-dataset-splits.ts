import type { Migration } from '../migrator.js';

export const datasetSplits: Migration = {
  name: '012-dataset-splits',
  async up({ context: sql }) {
    await sql(`
      -- The dataset split of each speaker, decided once (the first export that holds one of their takes) and never
      -- moved afterwards: that is what keeps the split stable from one export to the next while new speakers join.
      CREATE TABLE dataset_splits (
        speaker_id uuid PRIMARY KEY REFERENCES speakers (id) ON DELETE CASCADE,
        split text NOT NULL CHECK (split IN ('train', 'validation', 'test')),
        assigned_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  },
  async down({ context: sql }) {
    await sql(`DROP TABLE dataset_splits;`);
  },
};
