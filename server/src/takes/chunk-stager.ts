// Group commit for take:chunk (db/group-commit.ts). Each chunk is acknowledged only after the statement that staged
// it committed.
import { createHash } from 'node:crypto';
import { chunkKey, type ChunkRepository, type StagedChunk } from '../db/chunk-repository.js';
import { GroupCommit } from '../db/group-commit.js';

export type StageOutcome =
  | { kind: 'stored' }
  | { kind: 'duplicate' } // the same bytes were already held
  | { kind: 'mismatch' } // the seq is held with other bytes
  | { kind: 'not_recording'; state: string }
  | { kind: 'not_found' };

interface Pending extends StagedChunk {
  resolve: (outcome: StageOutcome) => void;
  reject: (error: unknown) => void;
}

/** Chunks per statement at most. */
const MAX_BATCH = 256;

export class ChunkStager {
  private readonly commits: GroupCommit<Pending>;

  constructor(
    private readonly chunks: ChunkRepository,
    maxConcurrentWrites: number,
  ) {
    this.commits = new GroupCommit((batch) => this.write(batch), maxConcurrentWrites, MAX_BATCH);
  }

  stage(takeId: string, speakerId: string, seq: number, data: Buffer): Promise<StageOutcome> {
    const digest = createHash('sha256').update(data).digest();
    return new Promise((resolve, reject) => this.commits.add({ takeId, speakerId, seq, data, digest, resolve, reject }));
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const stored = await this.chunks.insertWhileRecording(batch);
      const seen = new Set<string>();
      for (const item of batch) {
        const key = chunkKey(item.takeId, item.seq);
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
    const slot = await this.chunks.slot(item.takeId, item.seq);
    if (!slot || slot.speakerId !== item.speakerId) return { kind: 'not_found' };
    if (slot.digest) return slot.digest.equals(item.digest) ? { kind: 'duplicate' } : { kind: 'mismatch' };
    return { kind: 'not_recording', state: slot.state };
  }
}
