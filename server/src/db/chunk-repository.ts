// The staging table take_chunks, as the chunk path sees it: a batch inserted while its takes record, and the
// state of one slot when a chunk was not inserted.
import type pg from 'pg';

export interface StagedChunk {
  takeId: string;
  speakerId: string;
  seq: number;
  data: Buffer;
  /** SHA-256 of data. */
  digest: Buffer;
}

/** What one (take, seq) holds: the take's state and owner, and the digest of the chunk there if any. */
export interface ChunkSlot {
  state: string;
  speakerId: string;
  digest: Buffer | null;
}

/** The key of an inserted chunk in insertWhileRecording's answer. */
export const chunkKey = (takeId: string, seq: number): string => `${takeId}:${seq}`;

// The chunks travel as one binary bytea (node-postgres sends a Buffer parameter in binary) cut by offset
// and length, and their digests as one bytea of 32-byte slices. A bytea[] parameter would go as a text
// literal: every byte hex-encoded by Node and decoded again by PostgreSQL, at a multiple of the backend CPU.
const INSERT_BATCH = `
WITH input AS (
  SELECT i.take_id, i.speaker_id, i.seq,
    substring($4::bytea FROM i.start FOR i.size) AS data,
    substring($5::bytea FROM (i.n::int - 1) * 32 + 1 FOR 32) AS digest
  FROM unnest($1::uuid[], $2::uuid[], $3::int[], $6::int[], $7::int[]) WITH ORDINALITY
    AS i(take_id, speaker_id, seq, start, size, n)
), live AS (
  SELECT t.id FROM takes t
  WHERE t.state = 'recording' AND (t.id, t.speaker_id) IN (SELECT take_id, speaker_id FROM input)
  FOR SHARE OF t
), inserted AS (
  INSERT INTO take_chunks (take_id, seq, data, digest)
  SELECT i.take_id, i.seq, i.data, i.digest FROM input i JOIN live l ON l.id = i.take_id
  ON CONFLICT (take_id, seq) DO NOTHING
  RETURNING take_id, seq
)
SELECT take_id, seq FROM inserted`;

/** The batch as statement parameters: ids and seqs as arrays, the bytes packed (substring counts from 1). */
function batchValues(batch: readonly StagedChunk[]): unknown[] {
  const starts: number[] = [];
  let start = 1;
  for (const item of batch) {
    starts.push(start);
    start += item.data.length;
  }
  return [
    batch.map((p) => p.takeId),
    batch.map((p) => p.speakerId),
    batch.map((p) => p.seq),
    Buffer.concat(batch.map((p) => p.data)),
    Buffer.concat(batch.map((p) => p.digest)),
    starts,
    batch.map((p) => p.data.length),
  ];
}

const EXPLAIN_ONE = `
SELECT t.state, t.speaker_id, c.digest
FROM takes t LEFT JOIN take_chunks c ON c.take_id = t.id AND c.seq = $2
WHERE t.id = $1`;

/** The seqs staged for a take, ascending: on the pool, or inside a transaction. */
export async function heldSeqs(db: pg.Pool | pg.PoolClient, takeId: string): Promise<number[]> {
  const result = await db.query('SELECT seq FROM take_chunks WHERE take_id = $1 ORDER BY seq', [takeId]);
  return result.rows.map((row) => row.seq as number);
}

export function chunkRepository(pool: pg.Pool) {
  return {
    /** Inserts the chunks of takes still recording by their speaker; the keys of those inserted (not held before). */
    async insertWhileRecording(batch: readonly StagedChunk[]): Promise<Set<string>> {
      // Named: each pooled connection plans the statement once, not on every batch.
      const result = await pool.query({ name: 'stage-chunks', text: INSERT_BATCH, values: batchValues(batch) });
      return new Set(result.rows.map((row) => chunkKey(row.take_id as string, row.seq as number)));
    },
    /** null when there is no such take. */
    async slot(takeId: string, seq: number): Promise<ChunkSlot | null> {
      const result = await pool.query(EXPLAIN_ONE, [takeId, seq]);
      const row = result.rows[0];
      if (!row) return null;
      return { state: row.state as string, speakerId: row.speaker_id as string, digest: row.digest as Buffer | null };
    },
  };
}
export type ChunkRepository = ReturnType<typeof chunkRepository>;
