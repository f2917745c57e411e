import { readEnv, type Env } from "../env";
import { createOpenAiEmbedder } from "./create-openai-embedder";
import { createWordnetEmbedder } from "./create-wordnet-embedder";
import type { Embedder } from "./embedder";

const holder = globalThis as typeof globalThis & { kithEmbedder?: { key: string; embedder: Embedder } };

/**
 * The process's embedder: the OpenAI-compatible endpoint when KITH_EMBEDDINGS_BASE_URL and
 * KITH_EMBEDDINGS_MODEL are set, else the offline WordNet embedder that ships with the install.
 * One instance per configuration (the offline table is loaded once).
 */
export function chooseEmbedder(env: Env = readEnv()): Embedder {
  const key = JSON.stringify([env.KITH_EMBEDDINGS_BASE_URL, env.KITH_EMBEDDINGS_MODEL, env.KITH_EMBEDDINGS_API_KEY, env.KITH_EMBEDDINGS_TIMEOUT_SECONDS, env.KITH_EMBEDDINGS_BATCH_SIZE, env.KITH_EMBEDDINGS_MAX_ATTEMPTS]);
  if (holder.kithEmbedder?.key === key) return holder.kithEmbedder.embedder;
  if (env.KITH_EMBEDDINGS_BASE_URL && !env.KITH_EMBEDDINGS_MODEL) throw new Error("KITH_EMBEDDINGS_BASE_URL is set but KITH_EMBEDDINGS_MODEL is not: name the embeddings model");
  const embedder = env.KITH_EMBEDDINGS_BASE_URL
    ? createOpenAiEmbedder({
        baseUrl: env.KITH_EMBEDDINGS_BASE_URL,
        apiKey: env.KITH_EMBEDDINGS_API_KEY,
        model: env.KITH_EMBEDDINGS_MODEL!,
        timeoutMs: env.KITH_EMBEDDINGS_TIMEOUT_SECONDS * 1_000,
        maxAttempts: env.KITH_EMBEDDINGS_MAX_ATTEMPTS,
        batchSize: env.KITH_EMBEDDINGS_BATCH_SIZE,
      })
    : createWordnetEmbedder();
  holder.kithEmbedder = { key, embedder };
  return embedder;
}
