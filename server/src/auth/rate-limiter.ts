// Token buckets keyed by caller (a speaker, not an IP: every load-test client is 127.0.0.1). The number of
// buckets is bounded: past `maxBuckets` the least recently used one goes. An evicted caller starts again with
// a full bucket, so the bound is set well above the callers one replica serves at once.
export const DEFAULT_MAX_BUCKETS = 20_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  // A Map iterates in insertion order: re-inserting on every use keeps the least recently used first.
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond * 2,
    private readonly maxBuckets = DEFAULT_MAX_BUCKETS,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from `key`'s bucket; false when it is empty. */
  allow(key: string, now = Date.now()): boolean {
    const bucket = this.refill(key, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.store(key, bucket);
    return allowed;
  }

  /** Whether `key` has a token left, without taking it (and without remembering a caller it never saw). */
  peek(key: string, now = Date.now()): boolean {
    return !this.buckets.has(key) || this.refill(key, now).tokens >= 1;
  }

  private refill(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    return bucket;
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxBuckets) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}
