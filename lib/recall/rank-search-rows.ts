import { defaultFusionParameters, fuseRankings, type FusedCandidate, type FusionParameters } from "./fuse-rankings";

/** A search result as lib/db/vector.ts returns it (RecallSearchRow there): BM25 and cosine distance. */
export type SearchRowForRanking = { id: string; occurredAt: Date; lexicalScore: number; distance: number | null };

/** Cosine similarity is 1 − pgvector's cosine distance; then fusion. Pure. */
export function rankSearchRows(rows: readonly SearchRowForRanking[], parameters: FusionParameters = defaultFusionParameters): FusedCandidate[] {
  return fuseRankings(
    rows.map((row) => ({ id: row.id, occurredAt: row.occurredAt, lexicalScore: row.lexicalScore, semanticSimilarity: row.distance === null ? null : 1 - row.distance })),
    parameters,
  );
}
