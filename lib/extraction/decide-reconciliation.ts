// Reconciliation (SPEC §5): what to do with one extracted candidate given the profile's observations.
// Pure: the caller loads the observations, applies the decision and keeps the old text as a revision.
//
// Against each existing observation the candidate is, in this order:
//   1. a contradiction, when they are about the same slot (same kind, predicate and object; see
//      detect-contradiction.ts) and disagree — the newer statement wins, so an older candidate is
//      discarded and the newer observation stands;
//   2. a duplicate: the same words once case, punctuation, articles and inflection are set aside,
//      or a similarity of at least DUPLICATE_SIMILARITY with the same polarity and values;
//   3. an enrichment: the same kind and polarity, all of the observation's words and more;
//   4. covered: the observation already says all of the candidate and more (a duplicate);
//   5. unrelated.
// The related observation with the highest similarity decides (ties: the newest, then the first).
// A REJECTED observation only ever blocks its duplicates — a rejected fact is not re-extracted —
// and is never updated: a candidate that contradicts or enriches one is judged without it.
import { analyzeStatement, type StatementAnalysis } from "./analyze-statement";
import { detectContradiction } from "./detect-contradiction";
import type { ExistingObservation, ObservationCandidate, ReconciliationDecision } from "./extraction-types";
import { measureTextSimilarity } from "./measure-text-similarity";

export type ReconciliationCandidate = Pick<ObservationCandidate, "content" | "kind" | "occurredAt">;

/** At or above this, two statements that agree on polarity and values say the same thing. */
const DUPLICATE_SIMILARITY = 0.9;

// Below this the closest observation is not worth naming in an "add" reason.
const MENTION_SIMILARITY = 0.3;

type Relation =
  | { type: "duplicate" }
  | { type: "covered" }
  | { type: "enrichment" }
  | { type: "contradiction"; change: string }
  | { type: "stale"; change: string };

type Ranked = { observation: ExistingObservation; similarity: number; order: number };
type Match = Ranked & { relation: Relation };

function isSubset(small: Iterable<string>, large: Iterable<string>): boolean {
  const items = new Set(large);
  for (const item of small) if (!items.has(item)) return false;
  return true;
}

function isSameSet(a: Iterable<string>, b: Iterable<string>): boolean {
  return isSubset(a, b) && isSubset(b, a);
}

/** Same numbers, same identifiers, and the same value wherever both name an alternative. */
function hasSameValues(a: StatementAnalysis, b: StatementAnalysis): boolean {
  if (!isSameSet(a.numbers, b.numbers) || !isSameSet(a.identifiers, b.identifiers)) return false;
  for (const [setName, values] of a.alternatives) {
    const other = b.alternatives.get(setName);
    if (other && !isSameSet(values, other)) return false;
  }
  return true;
}

function relate(
  candidate: ReconciliationCandidate,
  candidateAnalysis: StatementAnalysis,
  observation: ExistingObservation,
  similarity: number,
): Relation | null {
  const analysis = analyzeStatement(observation.content);
  const isSameKind = observation.kind === null || observation.kind === candidate.kind;
  if (isSameKind) {
    const change = detectContradiction({ candidate: candidateAnalysis, existing: analysis, kind: candidate.kind });
    if (change) {
      const isOlder = candidate.occurredAt.getTime() < observation.occurredAt.getTime();
      return { type: isOlder ? "stale" : "contradiction", change };
    }
  }

  const isSamePolarity = candidateAnalysis.isNegated === analysis.isNegated;
  if (!isSamePolarity) return null;
  const hasWords = candidateAnalysis.stems.length > 0 && analysis.stems.length > 0;
  const isSameWords = hasWords && isSameSet(candidateAnalysis.stems, analysis.stems);
  const isNearlyIdentical = similarity >= DUPLICATE_SIMILARITY && hasSameValues(candidateAnalysis, analysis);
  if (isSameWords || isNearlyIdentical) return { type: "duplicate" };

  if (!isSameKind || !hasWords) return null;
  const candidateStems = candidateAnalysis.stems;
  const existingStems = analysis.stems;
  if (candidateStems.length > existingStems.length && isSubset(existingStems, candidateStems)) return { type: "enrichment" };
  if (existingStems.length > candidateStems.length && isSubset(candidateStems, existingStems)) return { type: "covered" };
  return null;
}

/** Most similar first; ties go to the newest observation, then to the first listed. */
function compareRanked(a: Ranked, b: Ranked): number {
  return b.similarity - a.similarity || b.observation.occurredAt.getTime() - a.observation.occurredAt.getTime() || a.order - b.order;
}

function decideFor(candidate: ReconciliationCandidate, { observation, relation }: Match): ReconciliationDecision {
  const { id } = observation;
  switch (relation.type) {
    case "duplicate":
      return {
        action: "discard",
        observationId: id,
        reason: observation.status === "REJECTED" ? `duplicate of ${id}, rejected before` : `duplicate of ${id}`,
      };
    case "covered":
      return { action: "discard", observationId: id, reason: `duplicate of ${id}, which already says more` };
    case "stale":
      return {
        action: "discard",
        observationId: id,
        reason: `older than ${id}, which it contradicts (${relation.change}): the newer observation stands`,
      };
    case "contradiction":
      return {
        action: "update",
        observationId: id,
        content: candidate.content,
        kind: "contradiction",
        reason: `contradicts ${id}: ${relation.change}`,
      };
    case "enrichment":
      return { action: "update", observationId: id, content: candidate.content, kind: "enrichment", reason: `adds detail to ${id}` };
  }
}

function describeAddition(closest: Ranked | null, rejected: Ranked | null): string {
  if (rejected) return `new: related to ${rejected.observation.id}, which was rejected and is never updated`;
  if (closest && closest.similarity >= MENTION_SIMILARITY) {
    return `new: closest is ${closest.observation.id} (similarity ${closest.similarity.toFixed(2)})`;
  }
  return "new: no similar observation";
}

/**
 * Add the candidate, update one existing observation with it (a contradiction the candidate wins,
 * or added detail), or discard it as a duplicate — with a short reason for the audit trail.
 * `existing` is the profile's observations, any status; only their id, text, kind, status and date count.
 */
export function decideReconciliation(candidate: ReconciliationCandidate, existing: ExistingObservation[]): ReconciliationDecision {
  const candidateAnalysis = analyzeStatement(candidate.content);
  const matches: Match[] = [];
  const rejectedMatches: Match[] = [];
  let closest: Ranked | null = null;

  for (const [order, observation] of existing.entries()) {
    const ranked: Ranked = { observation, similarity: measureTextSimilarity(candidate.content, observation.content), order };
    if (!closest || compareRanked(ranked, closest) < 0) closest = ranked;
    const relation = relate(candidate, candidateAnalysis, observation, ranked.similarity);
    if (!relation) continue;
    if (observation.status === "REJECTED" && relation.type !== "duplicate") rejectedMatches.push({ ...ranked, relation });
    else matches.push({ ...ranked, relation });
  }

  const best = matches.sort(compareRanked)[0];
  if (best) return decideFor(candidate, best);
  return { action: "add", reason: describeAddition(closest, rejectedMatches.sort(compareRanked)[0] ?? null) };
}
