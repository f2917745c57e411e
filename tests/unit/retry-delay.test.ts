import { describe, expect, it } from "vitest";
import { defaultRetryBackoff, retryDelayMs } from "@/lib/jobs/retry-delay";

const backoff = { baseMs: 1_000, capMs: 30_000 };

describe("retryDelayMs", () => {
  it("doubles with each attempt made, from the base", () => {
    const top = (attempts: number) => retryDelayMs(attempts, backoff, () => 0.999_999);
    expect([1, 2, 3, 4, 5].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("jitters within the upper half of the window", () => {
    expect(retryDelayMs(3, backoff, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, backoff, () => 0.5)).toBe(3_000);
    for (let sample = 0; sample < 200; sample++) {
      const delay = retryDelayMs(3, backoff);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });

  it("never waits longer than the cap, however many attempts (no overflow to Infinity or NaN)", () => {
    expect(retryDelayMs(6, backoff, () => 0.999_999)).toBe(30_000);
    expect(retryDelayMs(5_000, backoff, () => 0.999_999)).toBe(30_000);
    expect(retryDelayMs(5_000, backoff, () => 0)).toBe(15_000);
  });

  it("treats attempt 0 like the first (a job that failed before counting an attempt)", () => {
    expect(retryDelayMs(0, backoff, () => 0)).toBe(500);
  });

  it("defaults to 10 s doubling up to an hour", () => {
    expect(retryDelayMs(1, defaultRetryBackoff, () => 0)).toBe(5_000);
    expect(retryDelayMs(30, defaultRetryBackoff, () => 0)).toBe(1_800_000);
  });
});
