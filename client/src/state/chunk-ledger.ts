/** A chunk's bytes, kept in memory until the server acknowledges it. */
export interface HeldChunk {
  data: ArrayBuffer;
  peak: number | null;
}

/**
 * Where each chunk of one take stands on this side: awaiting its ack (unacked), with its bytes held
 * in memory or still in the store, on the wire (in flight), or acknowledged and dropped.
 */
export class ChunkLedger {
  private readonly memory = new Map<number, HeldChunk>();
  private readonly unacked = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly sentOnce = new Set<number>();
  private ackedCount = 0;

  /** The chunk must reach the server before the take can stop. */
  expect(seq: number): void {
    this.unacked.add(seq);
  }

  hold(seq: number, chunk: HeldChunk): void {
    this.memory.set(seq, chunk);
  }

  holds(seq: number): boolean {
    return this.memory.has(seq);
  }

  /** Unacknowledged seqs, lowest first. */
  unackedInOrder(): number[] {
    return [...this.unacked].sort((a, b) => a - b);
  }

  /** Marks the chunk as on the wire and gives its bytes; null when it needs no send now. */
  beginSend(seq: number): HeldChunk | null {
    const chunk = this.memory.get(seq);
    if (!chunk || this.inFlight.has(seq) || !this.unacked.has(seq)) return null;
    this.inFlight.add(seq);
    this.sentOnce.add(seq);
    return chunk;
  }

  endSend(seq: number): void {
    this.inFlight.delete(seq);
  }

  /** True when this ack is news: the chunk was still awaited. Its bytes are dropped. */
  ack(seq: number): boolean {
    if (!this.unacked.delete(seq)) return false;
    this.ackedCount++;
    this.memory.delete(seq);
    return true;
  }

  counts(): { sent: number; acked: number; unacked: number } {
    return { sent: this.sentOnce.size, acked: this.ackedCount, unacked: this.unacked.size };
  }
}
