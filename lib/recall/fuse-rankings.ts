import { recencyPrior, DEFAULT_RECENCY_HALF_LIFE_DAYS } from "./recency-prior";

/** One candidate memory as the database found it for one query. */
export type RankingCandidate = {
  id: string;
  occurredAt: Date;
  /** BM25 of the candidate for the query; 0 when it holds no query term. */
  lexicalScore: number;
  /** Cosine similarity of its vector to the query's; null when it has no vector of the query's model. */
  semanticSimilarity: number | null;
};

/** Why an item ranked where it did, every part 0–1 (`explain: true`). */
export type ScoreExplanation = {
  /** BM25 relative to the best lexical match of this query (0 = no query term). */
  lexical: number;
  /** Cosine similarity, clipped to 0–1; null when the item has no vector of the current model. */
  semantic: number | null;
  recency: number;
  /** The item's score. */
  fused: number;
};

export type FusedCandidate = { id: string; score: number; explanation: ScoreExplanation };

export type FusionParameters = {
  /** Reciprocal rank fusion's k: smaller lets the top ranks count more against the rest. */
  rankConstant: number;
  lexicalWeight: number;
  semanticWeight: number;
  /**
   * The recency prior's weight, as a share of a first place in every list that took part (so it
   * stays a tie-breaker when only the lighter semantic list found anything).
   */
  recencyWeight: number;
  recencyHalfLifeDays: number;
};

/**
 * For the offline embedders (the default), tuned on LoCoMo (docs/RECALL.md, "End-to-end recall"):
 * the lexical side leads. The offline embedder's ranking is too noisy to be a peer in fusion
 * (weighted as one, it took recall@10 from 0.688 to 0.634), so it counts a tenth of the lexical
 * side: it reorders near-ties and rescues items BM25 cannot see. The recency prior only breaks
 * near-ties (a twentieth of the lists' weight): a memory's age says little about its relevance.
 */
export const defaultFusionParameters: FusionParameters = {
  rankConstant: 10,
  lexicalWeight: 1,
  semanticWeight: 0.1,
  recencyWeight: 0.05,
  recencyHalfLifeDays: DEFAULT_RECENCY_HALF_LIFE_DAYS,
};

/**
 * For query vectors of an external model (KITH_EMBEDDINGS_*): a real sentence-embedding model is
 * a retriever in its own right, so the two lists weigh the same (unmeasured here: no such model
 * runs offline).
 */
export const externalEmbedderFusionParameters: FusionParameters = { ...defaultFusionParameters, semanticWeight: 1 };

/** The built-in offline embedders name their models `kith-…`; anything else came from an endpoint. */
export function fusionParametersFor(embeddingModel: string | null | undefined): FusionParameters {
  return embeddingModel && !embeddingModel.startsWith("kith-") ? externalEmbedderFusionParameters : defaultFusionParameters;
}

/** 1-based ranks by a score, higher first (ties: newer first, then id); null for unranked candidates. */
function ranksBy(candidates: readonly RankingCandidate[], score: (candidate: RankingCandidate) => number | null): Map<string, number> {
  const ranked = candidates
    .filter((candidate) => score(candidate) !== null)
    .sort((a, b) => score(b)! - score(a)! || b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? -1 : 1));
  return new Map(ranked.map((candidate, index) => [candidate.id, index + 1]));
}

/**
 * Hybrid ranking (SPEC §6): the lexical and the semantic list are fused by reciprocal rank
 * fusion, plus a recency prior, and the sum is divided by the best sum possible for this query
 * (first in every list that took part, and newest) — so scores are 0–1 and comparable across
 * queries, which is what `relevanceThreshold` needs. A retriever takes part when any candidate
 * has its signal (no embedder, or no vector of its model yet: lexical only). Candidates in no list
 * are dropped. Pure.
 */
export function fuseRankings(candidates: readonly RankingCandidate[], parameters: FusionParameters = defaultFusionParameters): FusedCandidate[] {
  const { rankConstant, lexicalWeight, semanticWeight, recencyWeight, recencyHalfLifeDays } = parameters;
  const lexicalRanks = ranksBy(candidates, (candidate) => (candidate.lexicalScore > 0 ? candidate.lexicalScore : null));
  const semanticRanks = ranksBy(candidates, (candidate) => candidate.semanticSimilarity);
  const bestLexical = Math.max(0, ...candidates.map((candidate) => candidate.lexicalScore));
  const reference = new Date(Math.max(...candidates.map((candidate) => candidate.occurredAt.getTime())));
  const reciprocal = (rank: number | undefined) => (rank === undefined ? 0 : 1 / (rankConstant + rank));
  const lexicalShare = lexicalRanks.size > 0 ? lexicalWeight : 0;
  const semanticShare = semanticRanks.size > 0 ? semanticWeight : 0;
  const recencyShare = recencyWeight * (lexicalShare + semanticShare);
  // The same sum as a candidate's, first everywhere and newest, so that candidate scores exactly 1.
  const best = lexicalShare * reciprocal(1) + semanticShare * reciprocal(1) + recencyShare * 1 * reciprocal(1);

  const fused: FusedCandidate[] = [];
  for (const candidate of candidates) {
    const lexicalRank = lexicalRanks.get(candidate.id);
    const semanticRank = semanticRanks.get(candidate.id);
    if (lexicalRank === undefined && semanticRank === undefined) continue;
    const recency = recencyPrior(candidate.occurredAt, reference, recencyHalfLifeDays);
    const sum = lexicalShare * reciprocal(lexicalRank) + semanticShare * reciprocal(semanticRank) + recencyShare * recency * reciprocal(1);
    const score = clampUnit(sum / best);
    fused.push({
      id: candidate.id,
      score,
      explanation: {
        lexical: bestLexical > 0 ? clampUnit(candidate.lexicalScore / bestLexical) : 0,
        semantic: candidate.semanticSimilarity === null ? null : clampUnit(candidate.semanticSimilarity),
        recency,
        fused: score,
      },
    });
  }
  return fused.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
