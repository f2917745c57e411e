import { scoreBm25 } from "./score-bm25";
import { defaultFusionParameters, fuseRankings, type FusedCandidate, type FusionParameters } from "./fuse-rankings";

/** A search result as lib/db/vector.ts returns it (see RecallSearchRow there). */
export type SearchRowForRanking = {
  id: string;
  occurredAt: Date;
  distance: number | null;
  termCounts: Readonly<Record<string, number>> | null;
  documentLength: number;
  documentCount: number;
  averageLength: number;
};

/** BM25 for the lexical side, cosine similarity (1 − distance) for the semantic side, then fusion. Pure. */
export function rankSearchRows(rows: readonly SearchRowForRanking[], parameters: FusionParameters = defaultFusionParameters): FusedCandidate[] {
  if (rows.length === 0) return [];
  const corpus = { documentCount: rows[0].documentCount, averageLength: rows[0].averageLength };
  const lexical = scoreBm25(
    rows.map((row) => ({ termCounts: row.termCounts ?? {}, length: row.documentLength })),
    corpus,
  );
  return fuseRankings(
    rows.map((row, index) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      lexicalScore: lexical[index],
      semanticSimilarity: row.distance === null ? null : 1 - row.distance,
    })),
    parameters,
  );
}
