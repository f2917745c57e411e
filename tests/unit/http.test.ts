import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatEtag, parseIfMatch } from "@/lib/http/etag";
import { readJson, readBodyText } from "@/lib/http/read-body";
import { toErrorBody } from "@/lib/http/error-response";
import { AppError } from "@/lib/errors";
import { assertExpectedVersion } from "@/lib/versioning";

function streamingRequest(chunks: string[]): Request {
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Request("http://kith.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
}

describe("ETags", () => {
  it("reads back the version it wrote, quoted, weak or bare", () => {
    const tag = formatEtag("mem_store_x", 7);
    expect(parseIfMatch(tag, "mem_store_x")).toBe(7);
    expect(parseIfMatch(`W/${tag}`, "mem_store_x")).toBe(7);
    expect(parseIfMatch(tag.replace(/"/g, ""), "mem_store_x")).toBe(7);
  });

  it("treats absent and * as no precondition", () => {
    expect(parseIfMatch(null, "a")).toBeUndefined();
    expect(parseIfMatch("*", "a")).toBeUndefined();
  });

  it("fails (412) for another resource's tag or a tag that is not ours", () => {
    expect(() => parseIfMatch(formatEtag("other", 1), "mine")).toThrow(expect.objectContaining({ kind: "precondition_failed" }));
    expect(() => parseIfMatch('"abc"', "mine")).toThrow(AppError);
    expect(() => assertExpectedVersion(2, 1)).toThrow(expect.objectContaining({ status: 412, code: 520043 }));
    expect(() => assertExpectedVersion(2, 2)).not.toThrow();
    expect(() => assertExpectedVersion(2, undefined)).not.toThrow();
  });
});

describe("request bodies", () => {
  it("refuses by Content-Length before reading", async () => {
    const request = new Request("http://kith.test/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "5000" } });
    await expect(readBodyText(request, 100)).rejects.toMatchObject({ status: 413 });
  });

  it("refuses a streamed body as soon as it passes the limit", async () => {
    await expect(readBodyText(streamingRequest(["a".repeat(60), "b".repeat(60)]), 100)).rejects.toMatchObject({ status: 413 });
    expect(await readBodyText(streamingRequest(["a".repeat(60), "b".repeat(40)]), 100)).toHaveLength(100);
  });

  it("parses JSON, says where malformed JSON broke, and reads an empty body as undefined", async () => {
    expect(await readJson(new Request("http://kith.test/", { method: "POST", body: '{"a":[1]}' }))).toEqual({ a: [1] });
    expect(await readJson(new Request("http://kith.test/", { method: "POST", body: "  " }))).toBeUndefined();
    await expect(readJson(new Request("http://kith.test/", { method: "POST", body: '{"a":' }))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/Malformed JSON/) });
  });
});

describe("error mapping", () => {
  it("maps AppError, zod errors and unknown errors to Twilio's shape without leaking internals", () => {
    expect(toErrorBody(new AppError("not_found", "Nope"), "RQ1")).toEqual({ code: 20404, message: "Nope", more_info: "https://www.twilio.com/docs/api/errors/20404", status: 404 });
    const zodError = z.object({ a: z.number() }).safeParse({ a: "x" }).error!;
    const invalid = toErrorBody(zodError, "RQ2");
    expect(invalid).toMatchObject({ status: 400, code: 520046, details: [{ path: "a" }] });
    const original = console.error;
    console.error = () => undefined;
    try {
      const internal = toErrorBody(new Error("password=hunter2 in SQL"), "RQ3");
      expect(internal).toEqual({ code: 20500, message: "Internal error", more_info: "https://www.twilio.com/docs/api/errors/20500", status: 500 });
    } finally {
      console.error = original;
    }
  });
});

describe("merged-away profiles", () => {
  it("answers 301 for reads and 308 for writes, pointing at the same URL with the survivor's id", async () => {
    const { errorResponse } = await import("@/lib/http/error-response");
    const { ProfileMovedError } = await import("@/lib/errors");
    const moved = new ProfileMovedError("mem_profile_old", "mem_profile_new");
    const read = errorResponse(moved, "RQ1", new Request("http://kith.test/v1/Stores/s/Profiles/mem_profile_old/Traits?x=1"));
    expect(read.status).toBe(301);
    expect(read.headers.get("location")).toBe("http://kith.test/v1/Stores/s/Profiles/mem_profile_new/Traits?x=1");
    expect(read.headers.get("canonical-profile-id")).toBe("mem_profile_new");
    expect(await read.json()).toEqual({ message: "This resource has moved.", uri: "http://kith.test/v1/Stores/s/Profiles/mem_profile_new/Traits?x=1" });
    const write = errorResponse(moved, "RQ2", new Request("http://kith.test/v1/Stores/s/Profiles/mem_profile_old", { method: "PATCH" }));
    expect(write.status).toBe(308);
  });
});
