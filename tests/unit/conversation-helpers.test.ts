import { afterEach, describe, expect, it, vi } from "vitest";
import { addressMatchKey } from "@/lib/conversations/address-match-key";
import { startIntervalJob, type IntervalJob } from "@/lib/jobs/start-interval-job";

const normalizations = new Map([
  ["phone", "phone"],
  ["whatsapp", "phone"],
  ["email", "email"],
  ["chat", "trim"],
] as const);

describe("addressMatchKey", () => {
  it("makes the formats of one phone number one key across phone channels", () => {
    const keys = new Set([
      addressMatchKey("SMS", "(415) 555-0123", normalizations),
      addressMatchKey("SMS", "+1 415 555 0123", normalizations),
      addressMatchKey("VOICE", "14155550123", normalizations),
      addressMatchKey("RCS", "tel:+14155550123", normalizations),
    ]);
    expect(keys.size).toBe(1);
  });

  it("keeps identifier types apart and normalises per type", () => {
    expect(addressMatchKey("WHATSAPP", "whatsapp:+44 7700 900123", normalizations)).toBe(addressMatchKey("WHATSAPP", "+447700900123", normalizations));
    expect(addressMatchKey("WHATSAPP", "+14155550123", normalizations)).not.toBe(addressMatchKey("SMS", "+14155550123", normalizations));
    expect(addressMatchKey("EMAIL", " Ada@Example.com", normalizations)).toBe(addressMatchKey("EMAIL", "ada@example.com", normalizations));
    expect(addressMatchKey("CHAT", " Visitor-1 ", normalizations)).not.toBe(addressMatchKey("CHAT", "visitor-1", normalizations));
  });

  it("still keys an address that cannot be normalised (by its trimmed, lower-cased text)", () => {
    expect(addressMatchKey("SMS", " Call Me ", normalizations)).toBe(addressMatchKey("SMS", "call me", normalizations));
    expect(addressMatchKey("SMS", "call me", normalizations)).not.toBe(addressMatchKey("SMS", "call you", normalizations));
  });
});

describe("startIntervalJob", () => {
  let job: IntervalJob | undefined;
  afterEach(() => {
    job?.stop();
    vi.restoreAllMocks();
  });

  it("never overlaps runs, survives a failing run, and stops", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    job = startIntervalJob("test", 5, async () => {
      runs++;
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      if (runs === 1) throw new Error("boom");
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    job.stop();
    const stoppedAt = runs;
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
    expect(errors).toHaveBeenCalledWith("[test] scheduled run failed", expect.any(Error));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toBeLessThanOrEqual(stoppedAt + 1);
  });
});
