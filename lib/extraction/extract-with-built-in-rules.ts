import type { ExtractionInput, ExtractionResult, ExtractionTurn, Extractor, ObservationCandidate } from "./extraction-types";
import { MAX_MEMORY_CONTENT_CHARS } from "./extraction-types";
import { detectMood } from "./detect-mood";
import { findTraitCandidates } from "./find-trait-candidates";
import { matchChoiceAnswer } from "./match-choice-answer";
import { matchCustomerStatement, type StatementMatch } from "./match-customer-statement";
import { splitIntoSentences } from "./split-into-sentences";
import { summarizeConversation } from "./summarize-conversation";

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

// Same text twice, or one observation that another repeats with more detail ("Has a daughter named
// Mia" inside "Has a daughter named Mia, who is 7…"): keep one, with the provenance of both.
function deduplicate(found: Found[]): Found[] {
  const kept: Found[] = [];
  const byConfidence = [...found].sort((a, b) => b.confidence - a.confidence || a.position - b.position);
  for (const item of byConfidence) {
    const key = normalized(item.content);
    const same = kept.find((other) => {
      const otherKey = normalized(other.content);
      return otherKey === key || (otherKey.startsWith(`${key} `) && other.kind === item.kind);
    });
    const detailed = same ?? kept.find((other) => key.startsWith(`${normalized(other.content)} `) && other.kind === item.kind);
    if (!detailed) {
      kept.push({ ...item });
      continue;
    }
    if (!same) {
      // The newcomer says more: it replaces the shorter one, keeping the higher confidence.
      detailed.content = item.content;
      detailed.position = Math.min(detailed.position, item.position);
    }
    detailed.communicationIds = [...new Set([...detailed.communicationIds, ...item.communicationIds])];
    if (item.occurredAt > detailed.occurredAt) detailed.occurredAt = item.occurredAt;
  }
  return kept;
}

/**
 * The default extractor (SPEC §5): deterministic rules over the customer's own turns, no model.
 * Observations come only from what the CUSTOMER said; agent turns serve as context (the question a
 * short answer replies to, the outcome in the summary) and are never restated as customer facts.
 */
export function extractWithBuiltInRules(input: ExtractionInput): ExtractionResult {
  const found: Found[] = [];
  const agentSentences = new Set<string>();
  let previous: ExtractionTurn | null = null;
  let previousSentence = "";
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
      for (const match of matchCustomerStatement(sentence, previousSentence)) found.push(candidate(match, [turn], position++));
      previousSentence = sentence;
    });
    previous = null;
  }

  const observations = deduplicate(found)
    .sort((a, b) => b.confidence - a.confidence || a.position - b.position)
    .slice(0, MAX_OBSERVATIONS)
    .sort((a, b) => a.position - b.position)
    .map((item): ObservationCandidate => ({ content: item.content, kind: item.kind, confidence: item.confidence, communicationIds: item.communicationIds, occurredAt: item.occurredAt }));
  const mood = detectMood(input.turns);
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
