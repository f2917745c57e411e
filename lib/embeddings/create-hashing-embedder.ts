import { EMBEDDING_DIMENSIONS } from "../db/vector";
import type { Embedder } from "./embedder";
import { addFeature, normalizeInPlace } from "./hash-features";
import { tokenizeForEmbedding } from "./tokenize-for-embedding";

export const HASHING_EMBEDDER_MODEL = "kith-hashing-v1";

/**
 * Feature hashing alone (ARCHITECTURE: the measured baseline, and a dependency-free embedder for
 * tests): word unigrams (1), word bigrams (0.7) and character 3–5-grams of `<word>` (0.35), log1p
 * of the counts, projected and L2-normalised. Lexical and morphological overlap only — no synonyms.
 */
export function createHashingEmbedder(): Embedder {
  return {
    model: HASHING_EMBEDDER_MODEL,
    async embed(texts) {
      return texts.map(embedWithHashing);
    },
  };
}

export function embedWithHashing(text: string): Float32Array {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  const tokens = tokenizeForEmbedding(text);
  tokens.forEach((token, index) => {
    add(`w:${token}`, 1);
    if (index > 0) add(`b:${tokens[index - 1]}_${token}`, 0.7);
    addCharacterNgrams(token, (gram) => add(`c:${gram}`, 0.35));
  });
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  for (const [feature, count] of counts) addFeature(vector, feature, Math.log1p(count));
  return normalizeInPlace(vector);
}

/** Character 3–5-grams of `<token>` (the brackets mark the word's edges). */
export function addCharacterNgrams(token: string, add: (gram: string) => void): void {
  const padded = `<${token}>`;
  for (let size = 3; size <= 5; size++) {
    for (let start = 0; start + size <= padded.length; start++) add(padded.slice(start, start + size));
  }
}
