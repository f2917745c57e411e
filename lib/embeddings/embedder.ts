// The contract between Kith and whatever turns text into vectors (SPEC §6): the offline embedder
// that ships with the install (the default) or an OpenAI-compatible /v1/embeddings endpoint.
import { EMBEDDING_DIMENSIONS } from "../db/vector";

export { EMBEDDING_DIMENSIONS };

/** What embeds: texts in, one unit-length vector of EMBEDDING_DIMENSIONS numbers per text out, same order. */
export type Embedder = {
  /**
   * Stored beside every vector (`embeddingModel`): vectors of different models are never compared;
   * a change of model re-embeds. Include a version ("kith-offline-v1", "openai:text-embedding-3-small@384").
   */
  model: string;
  embed(texts: string[]): Promise<Float32Array[]>;
};
