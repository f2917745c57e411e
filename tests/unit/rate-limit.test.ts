import { describe, expect, it } from "vitest";
import { RateLimiter, RateLimitedError } from "@/lib/http/rate-limit";

describe("rate limiter", () => {
  it("allows a burst of twice the rate, then 429 with Retry-After, then refills", () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    for (let i = 0; i < 10; i++) limiter.take("key-a");
    expect(() => limiter.take("key-a")).toThrow(RateLimitedError);
    try {
      limiter.take("key-a");
    } catch (error) {
      expect((error as RateLimitedError).status).toBe(429);
      expect((error as RateLimitedError).retryAfterSeconds).toBe(1);
    }
    limiter.take("key-b");
    now += 1000;
    for (let i = 0; i < 5; i++) limiter.take("key-a");
    expect(() => limiter.take("key-a")).toThrow(RateLimitedError);
  });

  it("does nothing when set to 0", () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 10_000; i++) limiter.take("key");
  });
});
