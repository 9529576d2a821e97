// Group commit for take:chunk. Each chunk is acknowledged only after the statement that staged it committed.
// At low load a chunk is written at once; under load, chunks that arrive while writes are in flight share
// the next statement, so throughput grows without adding latency to a lone speaker.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type StageOutcome =
  | { kind: 'stored' }
  | { kind: 'duplicate' } // the same bytes were already held
  | { kind: 'mismatch' } // the seq is held with other bytes
  | { kind: 'not_recording'; state: string }
  | { kind: 'not_found' };

interface Pending {
  takeId: string;
  speakerId: string;
  seq: number;
  data: Buffer;
  digest: Buffer;
  resolve: (outcome: StageOutcome) => void;
  reject: (error: unknown) => void;
}

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
function batchValues(batch: Pending[]): unknown[] {
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

export class ChunkStager {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxConcurrentWrites = 4,
    private readonly maxBatch = 256,
  ) {}

  stage(takeId: string, speakerId: string, seq: number, data: Buffer): Promise<StageOutcome> {
    const digest = createHash('sha256').update(data).digest();
    return new Promise((resolve, reject) => {
      this.queue.push({ takeId, speakerId, seq, data, digest, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxConcurrentWrites) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      // Named: each pooled connection plans the statement once, not on every batch.
      const result = await this.pool.query({ name: 'stage-chunks', text: INSERT_BATCH, values: batchValues(batch) });
      const stored = new Set(result.rows.map((row) => `${row.take_id}:${row.seq}`));
      const seen = new Set<string>();
      for (const item of batch) {
        const key = `${item.takeId}:${item.seq}`;
        if (stored.has(key) && !seen.has(key)) {
          seen.add(key);
          item.resolve({ kind: 'stored' });
        } else {
          this.explain(item).then(item.resolve, item.reject);
        }
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  /** The rare path: why a chunk was not inserted. */
  private async explain(item: Pending): Promise<StageOutcome> {
    const result = await this.pool.query(EXPLAIN_ONE, [item.takeId, item.seq]);
    const row = result.rows[0];
    if (!row || row.speaker_id !== item.speakerId) return { kind: 'not_found' };
    const held = row.digest as Buffer | null;
    if (held) return held.equals(item.digest) ? { kind: 'duplicate' } : { kind: 'mismatch' };
    return { kind: 'not_recording', state: row.state as string };
  }
}
