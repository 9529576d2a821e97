// Group commit: an item is written at once when a write is free; items that arrive while every write is in flight
// share the next one. Throughput then grows with load without adding latency to a lone item. Used for chunk
// staging (takes/chunk-stager.ts) and for finalize jobs (jobs/finalize-queue.ts).

export class GroupCommit<T> {
  private queue: T[] = [];
  private inFlight = 0;

  constructor(
    /** Writes one batch and settles its items itself; it must not reject. */
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  add(item: T): void {
    this.queue.push(item);
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }
}
