import { EMBEDDING_DIMENSIONS } from "../db/vector";

/**
 * Sparse random projection shared by every offline embedder: a feature (a word, a WordNet synset,
 * a character n-gram) becomes FEATURE_SPREAD signed unit entries at pseudo-random positions, all
 * derived from the FNV-1a hash of its name. Sums of such features preserve their inner products
 * approximately (Achlioptas-style sparse Johnson–Lindenstrauss), so a bag of features of any size
 * becomes a fixed-size vector with no table to store. Deterministic on every machine.
 */
export const FEATURE_SPREAD = 8;

/** 32-bit FNV-1a over UTF-16 code units: fast, stable, no dependencies. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Adds `weight` × the feature's projection to `target` (length EMBEDDING_DIMENSIONS). */
export function addFeature(target: Float32Array, name: string, weight: number): void {
  addHashedFeature(target, hashFeature(name), weight);
}

export function addHashedFeature(target: Float32Array, hash: number, weight: number): void {
  // mulberry32 seeded by the hash: each step gives a position and a sign.
  let state = hash | 0;
  for (let step = 0; step < FEATURE_SPREAD; step++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    mixed = (mixed ^ (mixed >>> 14)) >>> 0;
    const position = mixed % EMBEDDING_DIMENSIONS;
    target[position] += mixed & 0x8000_0000 ? -weight : weight;
  }
}

/** Scales `vector` to unit length in place (a zero vector stays zero); returns it. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let index = 0; index < vector.length; index++) sum += vector[index] * vector[index];
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let index = 0; index < vector.length; index++) vector[index] *= scale;
  }
  return vector;
}

/** Dot product; the cosine of two unit vectors. */
export function dotProduct(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index] * right[index];
  return sum;
}
