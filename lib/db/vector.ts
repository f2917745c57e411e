/**
 * All pgvector SQL lives here. Every vector column is `vector(EMBEDDING_DIMENSIONS)` and stores
 * the name of the model that made it beside it (`embeddingModel`), so a model change re-embeds
 * instead of mixing spaces.
 */
export const EMBEDDING_DIMENSIONS = 384;

/** pgvector's text form of a vector, to be bound as a parameter and cast with `::vector`. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  if (vector.length !== EMBEDDING_DIMENSIONS) {
    throw new Error(`Expected a ${EMBEDDING_DIMENSIONS}-dimension vector, got ${vector.length}`);
  }
  const parts: string[] = new Array(vector.length);
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index];
    if (!Number.isFinite(value)) throw new Error(`Vector component ${index} is not a finite number`);
    parts[index] = String(value);
  }
  return `[${parts.join(",")}]`;
}

/** Parses pgvector's text form (`[0.1,0.2,…]`) back into numbers. */
export function fromVectorLiteral(text: string): Float32Array {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "");
  return Float32Array.from(inner.length === 0 ? [] : inner.split(",").map(Number));
}
