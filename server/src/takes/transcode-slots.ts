// At most `max` batch transcodes (one ffmpeg each) at once on this replica; the rest wait their turn, first come
// first served. Without it a burst of stops past LIVE_TRANSCODE_MAX started every batch ffmpeg at the same moment
// (313 at 500 speakers): all of them shared the cores and all finished late. In turn, the first finish early.

export interface Slot {
  /** Gives the place to the next waiter; calling it again does nothing. */
  release(): void;
}

export class TranscodeSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error('TranscodeSlots needs a max of at least 1');
  }

  /** Resolves with a place once one is free. */
  acquire(): Promise<Slot> {
    return new Promise((resolve) => {
      const grant = () => {
        this.running += 1;
        let released = false;
        resolve({
          release: () => {
            if (released) return;
            released = true;
            this.running -= 1;
            this.waiting.shift()?.();
          },
        });
      };
      if (this.running < this.max) grant();
      else this.waiting.push(grant);
    });
  }

  /** Runs `work` in a place of its own. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      return await work();
    } finally {
      slot.release();
    }
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
