import type { Embedder } from "../embeddings/embedder";

// Held on globalThis: Next bundles route code into several module graphs.
const holder = globalThis as unknown as { kithRecallEmbedder?: Embedder | null };

/**
 * The embedder recall embeds queries with; null = lexical ranking only. Stored vectors are
 * compared only when their `embeddingModel` is this embedder's model.
 */
export async function getRecallEmbedder(): Promise<Embedder | null> {
  if (holder.kithRecallEmbedder !== undefined) return holder.kithRecallEmbedder;
  return null;
}

/** Replaces the process's recall embedder (tests and benchmarks); undefined restores the configured one. */
export function setRecallEmbedder(embedder: Embedder | null | undefined): void {
  holder.kithRecallEmbedder = embedder;
}
