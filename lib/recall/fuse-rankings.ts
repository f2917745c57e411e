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
  /** The recency prior's weight, in units of a first place in one list. */
  recencyWeight: number;
  recencyHalfLifeDays: number;
};

export const defaultFusionParameters: FusionParameters = {
  rankConstant: 10,
  lexicalWeight: 1,
  semanticWeight: 1,
  recencyWeight: 0.2,
  recencyHalfLifeDays: DEFAULT_RECENCY_HALF_LIFE_DAYS,
};

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
  const best = reciprocal(1) * ((lexicalRanks.size > 0 ? lexicalWeight : 0) + (semanticRanks.size > 0 ? semanticWeight : 0) + recencyWeight);

  const fused: FusedCandidate[] = [];
  for (const candidate of candidates) {
    const lexicalRank = lexicalRanks.get(candidate.id);
    const semanticRank = semanticRanks.get(candidate.id);
    if (lexicalRank === undefined && semanticRank === undefined) continue;
    const recency = recencyPrior(candidate.occurredAt, reference, recencyHalfLifeDays);
    const sum = lexicalWeight * reciprocal(lexicalRank) + semanticWeight * reciprocal(semanticRank) + recencyWeight * recency * reciprocal(1);
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
