// Samples the server while a load runs: event-loop delay from its /metrics (prom-client resets
// the delay histogram at each scrape, so each sample covers the time since the previous one),
// and memory and CPU from /proc.
import { scrape, total, MB } from './prom.js';
import { usage, type Usage } from './proc.js';

export interface Sample {
  atSeconds: number;
  lagP99Ms: number | null;
  lagMaxMs: number | null;
  heapUsedMb: number | null;
  usage: Usage;
}

export class Sampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly started = performance.now();

  constructor(
    private readonly url: string,
    private readonly pid: number,
  ) {}

  async sample(): Promise<Sample> {
    const metrics = await scrape(this.url).catch(() => null);
    const ms = (name: string) => (metrics?.has(name) ? Math.round(total(metrics, name) * 1e4) / 10 : null);
    const sample = {
      atSeconds: Math.round((performance.now() - this.started) / 100) / 10,
      lagP99Ms: ms('nodejs_eventloop_lag_p99_seconds'),
      lagMaxMs: ms('nodejs_eventloop_lag_max_seconds'),
      heapUsedMb: metrics?.has('nodejs_heap_size_used_bytes') ? Math.round((total(metrics, 'nodejs_heap_size_used_bytes') / MB) * 10) / 10 : null,
      usage: usage(this.pid),
    };
    this.samples.push(sample);
    return sample;
  }

  start(everyMs: number): this {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), everyMs);
    return this;
  }

  stop(): Sample[] {
    if (this.timer) clearInterval(this.timer);
    return this.samples;
  }

  /** The largest value of a sample field over the run. */
  max(pick: (sample: Sample) => number | null): number | null {
    const values = this.samples.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? Math.max(...values) : null;
  }
}
