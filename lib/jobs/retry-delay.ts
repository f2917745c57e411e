export type RetryBackoff = {
  /** The delay before the first retry, in ms; each later retry doubles it. */
  baseMs: number;
  /** No retry waits longer than this, in ms. */
  capMs: number;
};

/** Production defaults: 10 s, 20 s, 40 s, 80 s … never more than an hour. */
export const defaultRetryBackoff: RetryBackoff = { baseMs: 10_000, capMs: 60 * 60_000 };

/**
 * How long a failed job waits before its next attempt: `base · 2^(attemptsMade − 1)`, capped,
 * with "equal jitter" (a random point in the upper half of that window) so that jobs that failed
 * together — an LLM endpoint that was down for everyone — do not all come back at the same instant.
 * `random` is injectable for tests; it must return a number in [0, 1).
 */
export function retryDelayMs(attemptsMade: number, backoff: RetryBackoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2^exponent overflows to Infinity long before it matters; the cap keeps the result finite.
  const window = Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
  const half = window / 2;
  return Math.round(half + half * random());
}
