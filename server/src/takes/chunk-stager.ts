// Group commit for take:chunk. Each chunk is acknowledged only after the statement that staged it committed.
// At low load a chunk is written at once; under load, chunks that arrive while writes are in flight share
// the next statement, so throughput grows without adding latency to a lone speaker.
import { createHash } from 'node:crypto';
import { chunkKey, type ChunkRepository, type StagedChunk } from '../db/chunk-repository.js';

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

export class ChunkStager {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly chunks: ChunkRepository,
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
