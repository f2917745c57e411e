import type { Embedder } from "../embeddings/embedder";
import { chooseEmbedder } from "../embeddings/choose-embedder";

// Held on globalThis: Next bundles route code into several module graphs.
const holder = globalThis as unknown as { kithRecallEmbedder?: Embedder | null };

/**
 * The embedder recall embeds queries with: the process's (chooseEmbedder: the offline default or
 * the configured endpoint), the same one that embeds stored rows. Stored vectors are compared only
 * when their `embeddingModel` is this embedder's model; null = lexical ranking only.
 */
export async function getRecallEmbedder(): Promise<Embedder | null> {
  if (holder.kithRecallEmbedder !== undefined) return holder.kithRecallEmbedder;
  return chooseEmbedder();
}

/** Replaces the process's recall embedder (tests and benchmarks); undefined restores the configured one. */
export function setRecallEmbedder(embedder: Embedder | null | undefined): void {
  holder.kithRecallEmbedder = embedder;
}
