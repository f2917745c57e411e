import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiEmbedder, EmbeddingRequestError, fitToDimensions, type OpenAiEmbedderConfig } from "@/lib/embeddings/create-openai-embedder";
import { dotProduct } from "@/lib/embeddings/hash-features";
import { fakeEmbedding, startFakeEmbeddingsServer, type FakeEmbeddingsServer } from "../helpers/fake-embeddings-server";

describe("OpenAI-compatible embedder (loopback server)", () => {
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const config = (overrides: Partial<OpenAiEmbedderConfig> = {}): OpenAiEmbedderConfig => ({
    baseUrl: server.baseUrl,
    apiKey: "sk-test-secret-key",
    model: "text-embedding-3-small",
    timeoutMs: 2_000,
    maxAttempts: 3,
    batchSize: 4,
    backoff: { baseMs: 5, capMs: 10 },
    ...overrides,
  });

  it("batches the texts, sends model, input, dimensions and the key, and keeps the input order", async () => {
    const texts = Array.from({ length: 10 }, (_, index) => `text number ${index}`);
    server.enqueue({ type: "vectors", shuffle: true });
    const embedder = createOpenAiEmbedder(config());
    const vectors = await embedder.embed(texts);
    expect(embedder.model).toBe("openai:text-embedding-3-small");
    expect(server.requests.map((request) => request.body.input.length)).toEqual([4, 4, 2]);
    expect(server.requests[0].body).toMatchObject({ model: "text-embedding-3-small", dimensions: 384, encoding_format: "float" });
    expect(server.requests[0].headers.authorization).toBe("Bearer sk-test-secret-key");
    expect(vectors).toHaveLength(10);
    // The first batch came back reversed (with indexes): each vector is still its own text's.
    vectors.forEach((vector, index) => {
      expect(vector).toHaveLength(384);
      expect(dotProduct(vector, fitToDimensions(fakeEmbedding(texts[index], 384)))).toBeCloseTo(1, 5);
    });
  });

  it("retries 500 and 429 (honouring Retry-After) and then succeeds", async () => {
    server.enqueue({ type: "status", status: 500 }, { type: "status", status: 429, headers: { "retry-after-ms": "120" } }, { type: "vectors" });
    const vectors = await createOpenAiEmbedder(config()).embed(["hello"]);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2].receivedAt - server.requests[1].receivedAt).toBeGreaterThanOrEqual(100);
  });

  it("gives up after maxAttempts with the last error, and never shows the key", async () => {
    server.enqueue(...Array.from({ length: 3 }, () => ({ type: "status" as const, status: 503, message: "overloaded, key sk-test-secret-key" })));
    const error = await createOpenAiEmbedder(config()).embed(["hello"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddingRequestError);
    expect(error).toMatchObject({ kind: "http", status: 503, retryable: true, attempts: 3 });
    expect((error as Error).message).toContain("after 3 attempts");
    expect((error as Error).message).not.toContain("sk-test-secret-key");
  });

  it("does not retry a 401", async () => {
    server.enqueue({ type: "status", status: 401, message: "invalid api key" });
    const error = await createOpenAiEmbedder(config()).embed(["hello"]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "http", status: 401, retryable: false, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("times out a silent server and retries", async () => {
    server.enqueue({ type: "slow", delayMs: 1_000, answer: { type: "vectors" } }, { type: "vectors" });
    const started = Date.now();
    const vectors = await createOpenAiEmbedder(config({ timeoutMs: 150 })).embed(["hello"]);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
    server.enqueue({ type: "slow", delayMs: 1_000, answer: { type: "vectors" } });
    const error = await createOpenAiEmbedder(config({ timeoutMs: 100, maxAttempts: 1 })).embed(["hello"]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("cuts a longer vector to 384 and renormalises it, pads a shorter one, and fails on a missing one", async () => {
    server.enqueue({ type: "vectors", dimensions: 1536 }, { type: "vectors", dimensions: 256 });
    const [long] = await createOpenAiEmbedder(config()).embed(["long"]);
    const full = fakeEmbedding("long", 1536);
    expect(long).toHaveLength(384);
    expect(Math.hypot(...long)).toBeCloseTo(1, 5);
    expect(long[0] / long[1]).toBeCloseTo(full[0] / full[1], 4);
    const [short] = await createOpenAiEmbedder(config()).embed(["short"]);
    expect(short).toHaveLength(384);
    expect(Array.from(short.slice(256)).every((value) => value === 0)).toBe(true);

    server.enqueue(...Array.from({ length: 3 }, () => ({ type: "vectors" as const, count: 1 })));
    const error = await createOpenAiEmbedder(config()).embed(["a", "b"]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "malformed" });
    expect((error as Error).message).toContain("asked for 2 embeddings, got 1");
  });

  it("asks again without `dimensions` when the server rejects it", async () => {
    server.enqueue({ type: "status", status: 400, message: "This model does not support 'dimensions'" }, { type: "vectors", dimensions: 768 }, { type: "vectors", dimensions: 768 });
    const embedder = createOpenAiEmbedder(config());
    expect(await embedder.embed(["one"])).toHaveLength(1);
    expect(await embedder.embed(["two"])).toHaveLength(1);
    expect(server.requests.map((request) => "dimensions" in request.body)).toEqual([true, false, false]);
  });

  it("fails clearly on a body that is not an embeddings list", async () => {
    server.enqueue({ type: "body", body: "<html>proxy error</html>" });
    const error = await createOpenAiEmbedder(config({ maxAttempts: 1 })).embed(["x"]).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/not JSON/);
  });
});
