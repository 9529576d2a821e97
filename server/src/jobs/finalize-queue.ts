// The durable backstop of finalize, on pg-boss in the same PostgreSQL. Every stopped take gets a job that
// starts a little later: when the inline finalize has already saved the take, the job completes at once;
// when a replica died mid-finalize or storage was down, the job finalizes it, retrying with backoff.
import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { TakeState } from '../protocol/index.js';

const QUEUE = 'finalize-take';

export interface FinalizeQueueOptions {
  databaseUrl: string;
  delaySeconds: number;
  retryDelaySeconds: number;
  pollSeconds: number;
}

export class FinalizeQueue {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    private readonly options: FinalizeQueueOptions,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({ connectionString: options.databaseUrl, max: 4, schema: 'pgboss', application_name: 'emovox-jobs' });
    this.boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
  }

  async start(finalize: (takeId: string) => Promise<TakeState>): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(QUEUE, {
      name: QUEUE,
      // One queued and one running job per take at most.
      policy: 'stately',
      retryLimit: 10_000,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 120,
    });
    await this.boss.work<{ takeId: string }>(QUEUE, { pollingIntervalSeconds: this.options.pollSeconds, batchSize: 4 }, async (jobs) => {
      for (const job of jobs) {
        const state = await finalize(job.data.takeId);
        // Still finalizing: failing the job makes pg-boss retry it later, with backoff.
        if (state === 'finalizing') throw new Error(`take ${job.data.takeId} is still finalizing`);
      }
    });
    this.started = true;
  }

  async enqueue(takeId: string, delaySeconds = this.options.delaySeconds): Promise<void> {
    await this.boss.send(QUEUE, { takeId }, { singletonKey: takeId, startAfter: delaySeconds });
  }

  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) }).catch((error: unknown) => {
      this.log.warn({ err: error }, 'job queue did not stop cleanly');
    });
  }
}
