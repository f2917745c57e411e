// How alike two short statements are, 0–1, from their words alone (no embeddings), so that
// reconciliation works with the built-in extractor and without a model. Symmetric and deterministic.
import { tokenizeStatement } from "./tokenize-statement";

// Verbs that most observations share ("Prefers…", "Has…"): agreeing on them says little.
const lightStems = new Set(
  tokenizeStatement("have like prefer want need get make use take give keep say tell").map((word) => word.stem),
);

function weightOf(stem: string): number {
  return lightStems.has(stem) ? 0.5 : 1;
}

function comparedStems(text: string): string[] {
  const stems = tokenizeStatement(text)
    .filter((word) => word.role === "content" || word.role === "number" || word.role === "identifier")
    .map((word) => word.stem);
  return [...new Set(stems)];
}

/** Weighted Dice coefficient over the two sets of stems. */
function measureWordOverlap(a: string[], b: string[]): number {
  const total = [...a, ...b].reduce((sum, stem) => sum + weightOf(stem), 0);
  if (total === 0) return 0;
  const inB = new Set(b);
  const shared = a.filter((stem) => inB.has(stem)).reduce((sum, stem) => sum + weightOf(stem), 0);
  return (2 * shared) / total;
}

function trigramsOf(text: string): Set<string> {
  const padded = `  ${text} `;
  const trigrams = new Set<string>();
  for (let index = 0; index + 3 <= padded.length; index++) trigrams.add(padded.slice(index, index + 3));
  return trigrams;
}

/** Dice coefficient over character trigrams: catches typos and split or joined words the stems miss. */
function measureTrigramOverlap(a: string, b: string): number {
  const aTrigrams = trigramsOf(a);
  const bTrigrams = trigramsOf(b);
  let shared = 0;
  for (const trigram of aTrigrams) if (bTrigrams.has(trigram)) shared++;
  return (2 * shared) / (aTrigrams.size + bTrigrams.size);
}

/**
 * 0 (nothing in common) to 1 (the same words once case, punctuation, articles and inflection are
 * set aside). Word overlap decides; character trigrams can only raise the score, halfway.
 * Negations ("no", "not") are not words here: telling "Has a dog" from "No longer has a dog" is
 * contradiction detection's job, not similarity's.
 */
export function measureTextSimilarity(a: string, b: string): number {
  const aStems = comparedStems(a);
  const bStems = comparedStems(b);
  if (aStems.length === 0 || bStems.length === 0) {
    const normalize = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    return aStems.length === bStems.length && normalize(a) === normalize(b) ? 1 : 0;
  }
  const words = measureWordOverlap(aStems, bStems);
  const characters = measureTrigramOverlap([...aStems].sort().join(" "), [...bStems].sort().join(" "));
  return Math.max(words, (words + characters) / 2);
}
