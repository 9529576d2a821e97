// A saved take's staged chunks are redundant once its objects are stored, but dropping them inside the save put
// that work (about 30 rows per 10 s take) on the path to 'saved', once per take, just when a whole room stops at
// once. Saved takes are collected here instead and their chunks dropped together a moment later, in one statement.
// Only an early clean-up: should this replica stop first, the stale sweep drops a saved take's chunks anyway.
import type { Logger } from '../logger.js';

/** Saves within this window share one statement: it outlasts a room's stop wave. */
export const DROP_DELAY_MS = 2_000;
/** Takes per statement at most. */
const DROP_BATCH = 1_000;

export class ChunkDropper {
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    /** Drops the staged chunks of those of these takes that are saved; never of any other. */
    private readonly drop: (takeIds: string[]) => Promise<void>,
    private readonly log: Logger,
    private readonly delayMs = DROP_DELAY_MS,
  ) {}

  /** The take was saved: its chunks go with the next batch. */
  add(takeId: string): void {
    this.waiting.add(takeId);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running || this.waiting.size === 0) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Drops a batch of what is waiting, now (shutdown calls it), and schedules the rest. Never rejects. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    if (this.waiting.size === 0) return;
    const batch = [...this.waiting].slice(0, DROP_BATCH);
    for (const takeId of batch) this.waiting.delete(takeId);
    this.running = this.drop(batch)
      .catch((error: unknown) => this.log.warn({ err: error, takes: batch.length }, 'staged chunks not dropped; the sweep will'))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
    await this.running;
  }
}
