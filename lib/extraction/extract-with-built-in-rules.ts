import type { ExtractionInput, ExtractionResult, ExtractionTurn, Extractor, ObservationCandidate } from "./extraction-types";
import { MAX_MEMORY_CONTENT_CHARS } from "./extraction-types";
import { detectMood } from "./detect-mood";
import { findTraitCandidates } from "./find-trait-candidates";
import { matchChoiceAnswer } from "./match-choice-answer";
import { matchCustomerStatement, type StatementMatch } from "./match-customer-statement";
import { splitIntoSentences } from "./split-into-sentences";
import { summarizeConversation } from "./summarize-conversation";
import { addressTheCompany } from "./to-third-person";

/** Observations kept per conversation: the most confident, so a long chat does not flood review. */
const MAX_OBSERVATIONS = 20;

type Found = ObservationCandidate & { position: number };

function normalized(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^a-z0-9']+/g, " ").trim();
}

function candidate(match: StatementMatch, turns: ExtractionTurn[], position: number): Found {
  const latest = turns.reduce((last, turn) => (turn.occurredAt > last ? turn.occurredAt : last), turns[0].occurredAt);
  return {
    content: match.content.slice(0, MAX_MEMORY_CONTENT_CHARS),
    kind: match.kind,
    confidence: Math.max(0, Math.min(1, match.confidence)),
    communicationIds: [...new Set(turns.map((turn) => turn.communicationId))],
    occurredAt: latest,
    position,
  };
}

// Words that only carry the template of an observation ("Has an upcoming …", "Reported that …").
const templateWords = new Set(
  "a an the has have had is are was were be been their them they themselves named who whose which upcoming reported that to of on in at for with and it its this also".split(" "),
);
const negation = /\b(?:not|never|no longer|no|nothing|cannot)\b/;

function significantWords(content: string): Set<string> {
  const words = normalized(content).split(" ").filter((word) => word && !templateWords.has(word));
  // "seats" and "seat", "prefers" and "prefer" are the same word here.
  return new Set(words.map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word)));
}

/** Whose fact it is: the customer's, a relative's ("Their wife is a nurse"), or that a relative exists. */
function subjectOf(content: string): "customer" | "relative" | "relation" {
  if (/^Has (?:a|an) [\w-]+(?: [\w-]+)? named [A-Z]/.test(content)) return "relation";
  return /^Their (?!order|parcel|package|card|account|bill|flight|booking|subscription|plan)/.test(content) ? "relative" : "customer";
}

type Compared = { item: Found; key: string; words: Set<string>; negated: boolean; subject: ReturnType<typeof subjectOf> };

function compared(item: Found): Compared {
  const key = normalized(item.content);
  return { item, key, words: significantWords(item.content), negated: negation.test(key), subject: subjectOf(item.content) };
}

/** True when `detailed` says everything `short` says, and more or the same: "Always prefers an aisle seat" ⊇ "Prefers an aisle seat". */
function says(detailed: Compared, short: Compared): boolean {
  if (detailed.item.kind === "MOOD" || short.item.kind === "MOOD") return detailed.key === short.key;
  if (short.words.size === 0 || short.words.size > detailed.words.size) return false;
  for (const word of short.words) if (!detailed.words.has(word)) return false;
  // "Does not want an aisle seat" is not more detail on "Wants an aisle seat".
  if (detailed.negated !== short.negated) return false;
  return short.subject === "relation" || short.subject === detailed.subject;
}

function absorb(into: Found, item: Found): void {
  into.communicationIds = [...new Set([...into.communicationIds, ...item.communicationIds])];
  if (item.occurredAt > into.occurredAt) into.occurredAt = item.occurredAt;
  into.confidence = Math.max(into.confidence, item.confidence);
  into.position = Math.min(into.position, item.position);
}

// Same text twice, or one observation that another repeats with more detail ("Has a daughter named
// Mia" inside "Is travelling with their daughter Mia, who is 7"; "Prefers an aisle seat" inside
// "Always prefers an aisle seat"): keep the one that says most, with the provenance of both.
function deduplicate(found: Found[]): Found[] {
  const kept: Compared[] = [];
  const bySize = found.map(compared).sort((a, b) => b.words.size - a.words.size || b.item.confidence - a.item.confidence || a.item.position - b.item.position);
  for (const candidate of bySize) {
    const detailed = kept.find((other) => says(other, candidate));
    if (detailed) absorb(detailed.item, candidate.item);
    else kept.push({ ...candidate, item: { ...candidate.item } });
  }
  return kept.map(({ item }) => item);
}

/**
 * The default extractor (SPEC §5): deterministic rules over the customer's own turns, no model.
 * Observations come only from what the CUSTOMER said; agent turns serve as context (the question a
 * short answer replies to, the outcome in the summary) and are never restated as customer facts.
 */
export function extractWithBuiltInRules(input: ExtractionInput): ExtractionResult {
  const found: Found[] = [];
  const withAgent = input.turns.some((turn) => turn.speaker === "AGENT");
  const agentSentences = new Set<string>();
  let previous: ExtractionTurn | null = null;
  // The customer's last few sentences: what "he", "she" and "her name is…" refer back to.
  const recent: string[] = [];
  let position = 0;

  for (const turn of input.turns) {
    if (turn.speaker !== "CUSTOMER") {
      for (const sentence of splitIntoSentences(turn.text)) agentSentences.add(normalized(sentence));
      previous = turn;
      continue;
    }
    splitIntoSentences(turn.text).forEach((sentence, index) => {
      // A customer pasting the agent's words back is not telling us about themselves.
      const key = normalized(sentence);
      if (key.split(" ").length >= 4 && agentSentences.has(key)) return;
      if (index === 0 && previous) {
        const answer = matchChoiceAnswer(previous.text, sentence);
        if (answer) found.push(candidate(answer, [previous, turn], position++));
      }
      for (const match of matchCustomerStatement(sentence, recent.join(" "))) {
        found.push(candidate(withAgent ? { ...match, content: addressTheCompany(match.content) } : match, [turn], position++));
      }
      recent.push(sentence);
      if (recent.length > 3) recent.shift();
    });
    previous = null;
  }

  const observations = deduplicate(found)
    .sort((a, b) => b.confidence - a.confidence || a.position - b.position)
    .slice(0, MAX_OBSERVATIONS)
    .sort((a, b) => a.position - b.position)
    .map((item): ObservationCandidate => ({ content: item.content, kind: item.kind, confidence: item.confidence, communicationIds: item.communicationIds, occurredAt: item.occurredAt }));
  // A feeling the customer stated ("I'm really worried it won't make it") says more than the lexicon's guess.
  const mood = observations.some((observation) => observation.kind === "MOOD") ? null : detectMood(input.turns);
  if (mood && observations.length >= MAX_OBSERVATIONS) observations.pop();
  if (mood) observations.push(mood);

  return {
    observations,
    summary: summarizeConversation(input),
    traitCandidates: findTraitCandidates(input.turns),
    usage: null,
  };
}

/** The built-in, offline extractor: the default provider. */
export const builtInExtractor: Extractor = {
  name: "builtin",
  extract: async (input) => extractWithBuiltInRules(input),
};
