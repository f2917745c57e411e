/**
 * Okapi BM25 over documents already reduced to their query terms' counts — the definition of
 * recall's lexical score. Recall computes it inside its search statement (lib/db/vector.ts, over
 * PostgreSQL's `english` lexemes, a document's length being its number of distinct lexemes) so
 * that only the best rows leave the database; a test checks the two agree. Pure.
 */
export type Bm25Document = {
  /**
   * Occurrences of each query term in the document (terms absent from it may be left out); may be
   * weighted (a communication's neighbour turns count ¾ or ¼ per occurrence: lib/db/vector.ts).
   */
  termCounts: Readonly<Record<string, number>>;
  /** The document's length in the same units (Kith uses its number of distinct lexemes). */
  length: number;
};

export type Bm25Corpus = {
  /** Every document of the collection searched, not only those given. */
  documentCount: number;
  averageLength: number;
};

export type Bm25Parameters = { k1: number; b: number };

export const defaultBm25Parameters: Bm25Parameters = { k1: 1.2, b: 0.75 };

/**
 * One score per document, same order. `documents` must include every document of the corpus that
 * contains any query term: document frequencies are counted over them (the others contain none).
 */
export function scoreBm25(documents: readonly Bm25Document[], corpus: Bm25Corpus, parameters: Bm25Parameters = defaultBm25Parameters): number[] {
  const { k1, b } = parameters;
  const documentFrequency = new Map<string, number>();
  for (const document of documents) {
    for (const [term, count] of Object.entries(document.termCounts)) if (count > 0) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = Math.max(corpus.documentCount, documents.length);
  const idf = new Map<string, number>();
  // The "+1" form of IDF never goes negative, so a term in most documents still counts a little.
  for (const [term, frequency] of documentFrequency) idf.set(term, Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)));
  const averageLength = corpus.averageLength > 0 ? corpus.averageLength : 1;
  return documents.map((document) => {
    let score = 0;
    const lengthNorm = 1 - b + (b * document.length) / averageLength;
    for (const [term, count] of Object.entries(document.termCounts)) {
      if (count <= 0) continue;
      score += (idf.get(term) ?? 0) * ((count * (k1 + 1)) / (count + k1 * lengthNorm));
    }
    return score;
  });
}
