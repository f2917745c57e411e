import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { publicRequestUrl } from "@/lib/http/public-request-url";
import { twilioMessageThread } from "@/lib/webhooks/twilio-message-thread";

describe("twilioMessageThread", () => {
  it("reads the channel from the address scheme: whatsapp: and rcs:, else SMS", () => {
    expect(twilioMessageThread("whatsapp:+447700900123", "whatsapp:+18885550100").channel).toBe("WHATSAPP");
    expect(twilioMessageThread("rcs:+14155550123", "rcs:brand_agent").channel).toBe("RCS");
    expect(twilioMessageThread("+14155550123", "+18885550100").channel).toBe("SMS");
    expect(twilioMessageThread("+14155550123", "12345").channel).toBe("SMS");
  });

  it("keys one address pair the same in both directions and in any phone format", () => {
    const inbound = twilioMessageThread("+14155550123", "+18885550100");
    expect(inbound.threadKey).toBe("SMS:+14155550123|+18885550100");
    expect(twilioMessageThread("+18885550100", "+14155550123").threadKey).toBe(inbound.threadKey);
    expect(twilioMessageThread("1 (415) 555-0123", "tel:+1 888 555 0100").threadKey).toBe(inbound.threadKey);
  });

  it("keeps channels and pairs apart, and keys short codes and sender ids by their text", () => {
    expect(twilioMessageThread("whatsapp:+14155550123", "whatsapp:+18885550100").threadKey).toBe("WHATSAPP:+14155550123|+18885550100");
    expect(twilioMessageThread("+14155550123", "+18885550199").threadKey).not.toBe(twilioMessageThread("+14155550123", "+18885550100").threadKey);
    expect(twilioMessageThread("+14155550123", " 12345 ").threadKey).toBe("SMS:+14155550123|12345");
    expect(twilioMessageThread("rcs:+14155550123", "rcs:Brand_Agent").threadKey).toBe("RCS:+14155550123|brand_agent");
  });
});

describe("publicRequestUrl", () => {
  afterEach(() => {
    delete process.env.KITH_PUBLIC_URL;
    resetEnvCache();
  });

  it("is the request's URL, with X-Forwarded-Proto/-Host (their first value) or Host when present", () => {
    expect(publicRequestUrl(new Request("http://10.0.0.5:3000/webhooks/x?a=1"))).toBe("http://10.0.0.5:3000/webhooks/x?a=1");
    const behindProxy = new Request("http://10.0.0.5:3000/webhooks/x", { headers: { "x-forwarded-proto": "https, http", "x-forwarded-host": "kith.example.com, 10.0.0.1" } });
    expect(publicRequestUrl(behindProxy)).toBe("https://kith.example.com/webhooks/x");
    expect(publicRequestUrl(new Request("http://10.0.0.5:3000/webhooks/x", { headers: { host: "kith.example.com:8080" } }))).toBe("http://kith.example.com:8080/webhooks/x");
  });

  it("is KITH_PUBLIC_URL (without its trailing slash, with its path prefix) plus the path and query when set", () => {
    process.env.KITH_PUBLIC_URL = "https://example.org/kith/";
    resetEnvCache();
    const request = new Request("http://10.0.0.5:3000/webhooks/x?a=1", { headers: { "x-forwarded-host": "ignored.example.net" } });
    expect(publicRequestUrl(request)).toBe("https://example.org/kith/webhooks/x?a=1");
  });
});
