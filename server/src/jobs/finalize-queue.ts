// The durable backstop of finalize, on pg-boss in the same PostgreSQL. Every stopped take gets a job that
// starts a little later: when the inline finalize has already saved the take, the job completes at once;
// when a replica died mid-finalize or storage was down, the job finalizes it, retrying with backoff.
import PgBoss from 'pg-boss';
import { GroupCommit } from '../db/group-commit.js';
import type { Logger } from '../logger.js';
import type { TakeState } from '../protocol/index.js';

const QUEUE = 'finalize-take';
/** Jobs handed to pg-boss in one call at most. */
const JOBS_PER_CALL = 200;

interface Waiting {
  job: PgBoss.JobInsert<{ takeId: string }>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface FinalizeQueueOptions {
  databaseUrl: string;
  delaySeconds: number;
  retryDelaySeconds: number;
  pollSeconds: number;
}

export class FinalizeQueue {
  private readonly boss: PgBoss;
  private started = false;
  /** One insert in flight: stops arriving meanwhile share the next one. */
  private readonly inserts = new GroupCommit<Waiting>((batch) => this.insert(batch), 1, JOBS_PER_CALL);

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

  /**
   * Queues the take's job. Group commit, as for chunks: a lone stop inserts at once; stops arriving while an insert
   * is in flight share the next one, so a burst of stops costs a few statements instead of one per take.
   */
  enqueue(takeId: string, delaySeconds = this.options.delaySeconds): Promise<void> {
    return new Promise((resolve, reject) =>
      this.inserts.add({ job: { name: QUEUE, data: { takeId }, singletonKey: takeId, startAfter: String(delaySeconds) }, resolve, reject }),
    );
  }

  private insert(batch: Waiting[]): Promise<void> {
    return this.boss.insert(batch.map((entry) => entry.job)).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }

  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) }).catch((error: unknown) => {
      this.log.warn({ err: error }, 'job queue did not stop cleanly');
    });
  }
}
