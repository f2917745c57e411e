import { AppError } from "../errors";

type Bucket = { tokens: number; updatedAt: number };

/**
 * A token bucket per credential (API key or user), per process: `perSecond` requests a second on
 * average, bursts up to twice that. 0 turns it off. Behind several replicas each has its own
 * buckets, so the effective limit scales with them; that is fine for abuse protection.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`, or throws 429 with the seconds to wait. */
  take(key: string): void {
    if (this.perSecond <= 0) return;
    const capacity = this.perSecond * 2;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
      throw new RateLimitedError(retryAfterSeconds);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetIdle(now);
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt > 60_000) this.buckets.delete(key);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many requests. Please retry according to the Retry-After response header (${retryAfterSeconds} s).`);
  }
}
