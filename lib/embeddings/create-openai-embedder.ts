import { z } from "zod";
import { EMBEDDING_DIMENSIONS } from "../db/vector";
import { retryDelayMs, type RetryBackoff } from "../jobs/retry-delay";
import type { Embedder } from "./embedder";
import { normalizeInPlace } from "./hash-features";
import { describeFetchError, errorMessageOf, excerpt, redactApiKey, retryAfterMs } from "../llm/http-failure-details";

/**
 * How to reach an OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure OpenAI, Ollama, vLLM,
 * text-embeddings-inference): requests go to `${baseUrl}/embeddings`, e.g. baseUrl
 * "http://localhost:11434/v1" or "https://api.openai.com/v1".
 */
export type OpenAiEmbedderConfig = {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  model: string;
  /** Per attempt, covering the answer's body as well as its headers. */
  timeoutMs: number;
  /** Attempts per request, the first included (1 = never retry). */
  maxAttempts: number;
  /** Texts per request. */
  batchSize: number;
  backoff?: RetryBackoff;
  /** A 429's Retry-After is honoured up to this many ms. */
  retryAfterCapMs?: number;
};

export const openAiEmbedderDefaults = {
  timeoutMs: 30_000,
  maxAttempts: 3,
  batchSize: 64,
  backoff: { baseMs: 500, capMs: 10_000 } satisfies RetryBackoff,
  retryAfterCapMs: 30_000,
} as const;

export type EmbeddingFailureKind = "timeout" | "network" | "http" | "malformed" | "config";

/** An embeddings request that failed for good, after its bounded retries (never shows the API key). */
export class EmbeddingRequestError extends Error {
  readonly kind: EmbeddingFailureKind;
  /** False when trying again cannot help (400, 401, 403, 404, a vector of the wrong size…). */
  readonly retryable: boolean;
  readonly status?: number;
  readonly attempts: number;

  constructor(message: string, options: { kind: EmbeddingFailureKind; retryable: boolean; status?: number; attempts: number }) {
    super(message);
    this.name = "EmbeddingRequestError";
    this.kind = options.kind;
    this.retryable = options.retryable;
    this.status = options.status;
    this.attempts = options.attempts;
  }
}

const embeddingsResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0).optional(), embedding: z.array(z.number()) })),
});

type AttemptFailure = { kind: EmbeddingFailureKind; retryable: boolean; detail: string; status?: number; retryAfterMs?: number };

/** The stored model name: the endpoint's model, marked as external so it never equals an offline one. */
export function openAiEmbedderModelName(model: string): string {
  return `openai:${model}`;
}

/**
 * An Embedder over an OpenAI-compatible endpoint. Texts go in batches of `batchSize`, each a POST
 * `{ model, input: [...], dimensions: 384, encoding_format: "float" }`; each attempt has its own
 * timeout; timeouts, dropped connections, 429 (after its Retry-After, capped) and 5xx are retried
 * with jittered exponential backoff up to `maxAttempts`; other 4xx fail at once. A server that
 * rejects the `dimensions` field (400 naming it) is asked again without it, once per embedder.
 *
 * Vector size: Kith stores 384 numbers. A longer answer is cut to its first 384 numbers and
 * renormalised — exactly what OpenAI's `dimensions` does for its text-embedding-3 models
 * (Matryoshka training keeps the leading dimensions meaningful); for models not trained that way
 * it costs quality, so prefer one that answers 384 natively. A shorter answer is padded with
 * zeros, which changes no cosine. Either way every vector of the model is treated alike, so the
 * space stays consistent. Throws EmbeddingRequestError.
 */
export function createOpenAiEmbedder(config: OpenAiEmbedderConfig): Embedder {
  const url = embeddingsUrl(config);
  let sendDimensions = true;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const batchSize = Math.max(1, Math.floor(config.batchSize));
  const maxAttempts = Math.max(1, Math.floor(config.maxAttempts));

  const embedBatch = async (input: string[]): Promise<Float32Array[]> => {
    let failure: AttemptFailure | undefined;
    let attempt = 0;
    while (attempt < maxAttempts) {
      attempt++;
      const body = JSON.stringify({ model: config.model, input, encoding_format: "float", ...(sendDimensions ? { dimensions: EMBEDDING_DIMENSIONS } : {}) });
      const outcome = await attemptOnce(url, headers, body, input.length, config.timeoutMs);
      if (outcome.ok) return outcome.vectors;
      failure = outcome.failure;
      if (sendDimensions && failure.status === 400 && /dimension/i.test(failure.detail)) {
        // This server does not take `dimensions` (vLLM for a non-Matryoshka model, some TEI builds): ask plainly.
        sendDimensions = false;
        attempt--;
        continue;
      }
      if (!failure.retryable || attempt >= maxAttempts) break;
      const wait = failure.retryAfterMs !== undefined ? Math.min(failure.retryAfterMs, config.retryAfterCapMs ?? openAiEmbedderDefaults.retryAfterCapMs) : retryDelayMs(attempt, config.backoff ?? openAiEmbedderDefaults.backoff);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const failed = failure!;
    const tries = failed.retryable ? `after ${attempt} attempt${attempt === 1 ? "" : "s"}` : "(not retried)";
    throw new EmbeddingRequestError(`Embeddings request to ${config.model} at ${url.host} failed ${tries}: ${redactApiKey(failed.detail, config.apiKey)}`, {
      kind: failed.kind,
      retryable: failed.retryable,
      status: failed.status,
      attempts: attempt,
    });
  };

  return {
    model: openAiEmbedderModelName(config.model),
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        // An empty input is rejected by some servers; a single space embeds as "nothing".
        vectors.push(...(await embedBatch(texts.slice(start, start + batchSize).map((text) => (text.trim() ? text : " ")))));
      }
      return vectors;
    },
  };
}

function embeddingsUrl(config: OpenAiEmbedderConfig): URL {
  try {
    return new URL(`${config.baseUrl.replace(/\/+$/, "")}/embeddings`);
  } catch {
    throw new EmbeddingRequestError(`Embeddings base URL is not a URL: "${config.baseUrl}"`, { kind: "config", retryable: false, attempts: 0 });
  }
}

async function attemptOnce(
  url: URL,
  headers: Record<string, string>,
  body: string,
  expected: number,
  timeoutMs: number,
): Promise<{ ok: true; vectors: Float32Array[] } | { ok: false; failure: AttemptFailure }> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, timeoutMs) };
  }
  if (!response.ok) {
    const detail = `HTTP ${response.status}: ${errorMessageOf(text)}`;
    if (response.status === 429) return fail("http", true, detail, response.status, retryAfterMs(response.headers));
    return fail("http", response.status >= 500, detail, response.status);
  }
  let parsed: z.infer<typeof embeddingsResponseSchema>;
  try {
    const result = embeddingsResponseSchema.safeParse(JSON.parse(text));
    if (!result.success) return fail("malformed", true, `the response is not an embeddings list: ${excerpt(text)}`);
    parsed = result.data;
  } catch {
    return fail("malformed", true, `the response body is not JSON: ${excerpt(text)}`);
  }
  if (parsed.data.length !== expected) return fail("malformed", true, `asked for ${expected} embeddings, got ${parsed.data.length}`);
  // `index` says which input each vector belongs to; without it, the order is the inputs'.
  const ordered = parsed.data.some((item) => item.index !== undefined) ? [...parsed.data].sort((left, right) => (left.index ?? 0) - (right.index ?? 0)) : parsed.data;
  const vectors: Float32Array[] = [];
  for (const item of ordered) {
    if (item.embedding.length === 0) return fail("malformed", false, "the endpoint answered an empty vector");
    if (!item.embedding.every(Number.isFinite)) return fail("malformed", true, "the answer holds a vector with a non-finite number");
    vectors.push(fitToDimensions(item.embedding));
  }
  return { ok: true, vectors };
}

/** First 384 numbers (or zero-padded to 384), renormalised. See createOpenAiEmbedder. */
export function fitToDimensions(embedding: ArrayLike<number>): Float32Array {
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  const length = Math.min(EMBEDDING_DIMENSIONS, embedding.length);
  for (let index = 0; index < length; index++) vector[index] = embedding[index];
  return normalizeInPlace(vector);
}

function fail(kind: EmbeddingFailureKind, retryable: boolean, detail: string, status?: number, retryAfter?: number) {
  return { ok: false as const, failure: { kind, retryable, detail, status, retryAfterMs: retryAfter } };
}
