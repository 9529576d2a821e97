// A simulated uplink: bytes leave one after another at a fixed bit rate (a FIFO serialisation
// model, as a slow upstream link behaves). `transmit` resolves when the last bit has arrived.
export class Uplink {
  private freeAt = 0;

  constructor(private readonly bitsPerSecond: number) {}

  transmit(bytes: number): Promise<void> {
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + (bytes * 8 * 1000) / this.bitsPerSecond;
    const wait = this.freeAt - now;
    return new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** An uplink without a limit, for unshaped runs. */
export const LOOPBACK = { transmit: async (_bytes: number) => undefined };
export type Link = Pick<Uplink, 'transmit'>;
