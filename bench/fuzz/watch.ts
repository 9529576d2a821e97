// Watches the server while the fuzz runs: /healthz every 250 ms (and the process, when there is
// one), and heapUsed from /metrics for the before/after comparison.
import { scrape, total, MB } from '../prom.js';
import { sleep } from '../speaker.js';

export class HealthWatch {
  checks = 0;
  failures: string[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly alive: () => boolean = () => true,
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.checks += 1;
      const at = new Date().toISOString();
      if (!this.alive()) {
        this.failures.push(`${at} the server process has exited`);
        return;
      }
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status !== 200) this.failures.push(`${at} /healthz answered ${response.status}`);
        await response.arrayBuffer();
      } catch (error) {
        this.failures.push(`${at} /healthz failed: ${String(error)}`);
      }
      await sleep(250);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

/** heapUsed in MB: the lowest of a few scrapes a second apart (the heap after V8's own collections). */
export async function settledHeapMb(url: string, samples = 5): Promise<number | null> {
  let lowest: number | null = null;
  for (let i = 0; i < samples; i++) {
    const metrics = await scrape(url).catch(() => null);
    if (metrics?.has('nodejs_heap_size_used_bytes')) {
      const mb = total(metrics, 'nodejs_heap_size_used_bytes') / MB;
      lowest = lowest === null ? mb : Math.min(lowest, mb);
    }
    await sleep(1_000);
  }
  return lowest === null ? null : Math.round(lowest * 10) / 10;
}
