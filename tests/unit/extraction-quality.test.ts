// How good the built-in extractor's output is on conversations it was not written against
// (tests/fixtures/extraction-eval-conversations.ts), measured the way a reviewer would judge it:
// precision (observations a reviewer would keep), recall (what a reviewer expects to see), no agent
// line restated as a customer fact, no first-person or half-finished text, and summaries that name
// the topic and the outcome. The floors sit a little below what the extractor reaches, so a change
// that makes it worse fails here; the figures are printed on every run.
import { describe, expect, it } from "vitest";
import { extractWithBuiltInRules } from "@/lib/extraction/extract-with-built-in-rules";
import { evalConversations } from "../fixtures/extraction-eval-conversations";
import { formatTotals, scoreConversation, toExtractionInput, totalScores, type ConversationScore } from "../fixtures/score-extraction";

const scored = evalConversations.map((conversation) => {
  const input = toExtractionInput(conversation);
  return { conversation, score: scoreConversation(conversation, extractWithBuiltInRules(input), input) };
});
const all = totalScores(scored.map(({ score }) => score));
const tuned = totalScores(scored.filter(({ conversation }) => !conversation.heldOut).map(({ score }) => score));
const heldOut = totalScores(scored.filter(({ conversation }) => conversation.heldOut).map(({ score }) => score));

function problems(score: ConversationScore): string[] {
  return [
    ...score.missed.map((item) => `missed ${item.pattern} (${item.kinds.join("/")})`),
    ...score.wrong.map((text) => `wrong: ${text}`),
    ...score.duplicates.map((text) => `repeats: ${text}`),
    ...score.agentLeaks.map((text) => `agent's words: ${text}`),
    ...score.junk.map((text) => `junk: ${text}`),
    ...(score.summaryTopic ? [] : ["summary topic"]),
    ...(score.summaryOutcome ? [] : ["summary outcome"]),
  ];
}

console.log(
  [
    formatTotals("extraction quality, all", all),
    formatTotals("  tuned on", tuned),
    formatTotals("  held out", heldOut),
    ...scored.flatMap(({ conversation, score }) => {
      const found = problems(score);
      return found.length === 0 ? [] : [`  ${conversation.id}${conversation.heldOut ? " (held out)" : ""}: ${found.join("; ")}`];
    }),
  ].join("\n"),
);

describe("built-in extraction quality on the evaluation conversations", () => {
  it("has at least 25 varied conversations, each with expected observations and a summary expectation", () => {
    expect(evalConversations.length).toBeGreaterThanOrEqual(25);
    expect(new Set(evalConversations.map((conversation) => conversation.id)).size).toBe(evalConversations.length);
    expect(new Set(evalConversations.map((conversation) => conversation.channel))).toEqual(new Set(["SMS", "VOICE", "EMAIL", "CHAT", "WHATSAPP"]));
    for (const conversation of evalConversations) {
      expect(conversation.gold.filter((item) => item.required).length, conversation.id).toBeGreaterThan(0);
      expect(conversation.lines.some(([speaker]) => speaker === "CUSTOMER"), conversation.id).toBe(true);
    }
  });

  it("keeps precision and recall above their floors", () => {
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.85);
    // The held-out conversations were not looked at while the rules were tuned: their figures are
    // lower, and the honest estimate for text the rules have never seen.
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.8);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.55);
  });

  it("never restates an agent's line as a fact about the customer, and every observation cites a customer turn", () => {
    expect(scored.flatMap(({ score }) => score.agentLeaks)).toEqual([]);
  });

  it("writes every observation in the third person, none ending mid-clause", () => {
    expect(scored.flatMap(({ score }) => score.junk)).toEqual([]);
  });

  it("keeps near-duplicates within a conversation rare", () => {
    expect(all.duplicates).toBeLessThanOrEqual(3);
  });

  it("mostly gives each observation a kind the reviewer would", () => {
    expect(all.kindAgreement).toBeGreaterThanOrEqual(0.9);
  });

  it("names the right topic and outcome in most summaries", () => {
    expect(all.summaries).toBeGreaterThanOrEqual(0.85);
  });

  it("can fail: echoing every customer message scores far below the floors (raw first-person text is not an observation)", () => {
    const echo = totalScores(
      evalConversations.map((conversation) => {
        const input = toExtractionInput(conversation);
        const observations = input.turns
          .filter((turn) => turn.speaker === "CUSTOMER")
          .map((turn) => ({ content: turn.text, kind: "FACT" as const, confidence: 0.5, communicationIds: [turn.communicationId], occurredAt: turn.occurredAt }));
        return scoreConversation(conversation, { observations, summary: null, traitCandidates: [], usage: null }, input);
      }),
    );
    expect(echo.precision).toBeLessThan(0.5);
    expect(echo.recall).toBeLessThan(0.5);
    expect(echo.junk).toBeGreaterThan(echo.produced / 2);
    expect(echo.summaries).toBe(0);
  });
});
