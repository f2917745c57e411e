import { createHash } from "node:crypto";
import type { Embedder } from "@/lib/embeddings/embedder";
import { EMBEDDING_DIMENSIONS } from "@/lib/db/vector";

/**
 * A small deterministic embedder for tests only (never a production default): words and their
 * character trigrams hashed into 384 signed buckets, L2-normalised. Texts sharing word pieces
 * ("photography" / "photographer") are close even when PostgreSQL's stemmer keeps them apart.
 */
export function createHashingEmbedder(model = "test-hashing-v1"): Embedder {
  const bucket = (feature: string) => {
    const digest = createHash("md5").update(feature).digest();
    return { index: digest.readUInt32LE(0) % EMBEDDING_DIMENSIONS, sign: digest[4] & 1 ? 1 : -1 };
  };
  const embedOne = (text: string) => {
    const vector = new Float32Array(EMBEDDING_DIMENSIONS);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const features = [`w:${word}`];
      const padded = `<${word}>`;
      for (let start = 0; start + 3 <= padded.length; start++) features.push(`t:${padded.slice(start, start + 3)}`);
      for (const feature of features) {
        const { index, sign } = bucket(feature);
        vector[index] += sign;
      }
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  };
  return { model, embed: async (texts) => texts.map(embedOne) };
}
