import { z } from "zod";
import type { LlmConfig } from "../llm/llm-config";
import { addLlmUsage, emptyLlmUsage } from "../llm/llm-usage";
import { LlmRequestError, requestChatCompletion } from "../llm/request-chat-completion";
import {
  MAX_MEMORY_CONTENT_CHARS,
  observationKinds,
  type ExtractionInput,
  type ExtractionResult,
  type ExtractionTurn,
  type Extractor,
  type ObservationCandidate,
  type SummaryCandidate,
  type TraitCandidate,
} from "./extraction-types";

const traitNames = ["firstName", "lastName", "email", "phone"] as const satisfies TraitCandidate["traitName"][];

const observationsInstructions = `You extract long-term memories about one customer from a customer-service conversation, for the agents who will talk to this customer next time.

The transcript labels every turn with its index in brackets and its speaker: CUSTOMER is the customer you extract for; AGENT is a human or AI agent of the company; OTHER is anyone else.

Answer with JSON:
- "observations": statements about the CUSTOMER worth remembering in a later conversation: preferences, facts (family, pets, plans, purchases, issues, accounts), dislikes and complaints, mood. Each has:
  - "content": one short sentence in the third person, without the customer's name ("Prefers an aisle seat", "Has a dog named Rex", "Was frustrated that order 1234 arrived late").
  - "kind": PREFERENCE, FACT, PLAN, ISSUE, MOOD or OTHER.
  - "confidence": from 0 to 1, how certain the transcript makes it (stated outright: about 0.9; implied: about 0.6).
  - "turns": the indexes of the turns it comes from (at least one).
- "traits": contact details the CUSTOMER gives about themselves: "traitName" (firstName, lastName, email or phone), "value" exactly as given, "confidence", and "turns" (the CUSTOMER turns that give it).

Rules:
- What an AGENT or OTHER says is not a fact about the customer unless the customer confirms it; then the customer's turn is among its turns.
- Nothing about the agent, the company, its policies, or small talk.
- Never record health, religion, ethnicity, political opinions, sexual orientation, trade-union membership, biometric or genetic data, or card or bank-account numbers.
- Each fact once. Empty lists when there is nothing worth remembering.
- When the customer gives a relative date ("next Friday"), resolve it from the conversation's date if that is certain.
- Write in the conversation's language.`;

const summaryInstructions = `You write the recap of a customer-service conversation that an agent reads before the customer's next contact.

Answer with JSON: { "summary": "…" } — one paragraph of plain text, at most 800 characters, that gives the channel, the date, the main topics and the outcome (resolved, or what is still pending and who owes what). Third person: "the customer", or their name when known. Never mention health, religion, ethnicity, political opinions, sexual orientation, trade-union membership, biometric or genetic data, or card or bank-account numbers. Write in the conversation's language.`;

/**
 * Extraction through an OpenAI-compatible model (SPEC §5), in two calls: observations and trait
 * candidates from a transcript whose turns are labelled [1], [2] … (the model cites indexes, which
 * map back to communication ids; it never sees or invents an id), then the summary. Either answer
 * failing its schema is retried by requestChatCompletion and then fails the whole extraction: there
 * is no result with observations but no summary.
 */
export function createLlmExtractor(config: LlmConfig): Extractor {
  return {
    name: `llm:${config.model}`,
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      if (input.turns.length === 0) return { observations: [], summary: null, traitCandidates: [], usage: emptyLlmUsage() };
      const transcript = formatTranscript(input);

      const observationsCall = await requestChatCompletion(config, {
        schemaName: "kith_observations",
        schema: observationsAnswerSchema(input.turns),
        messages: [
          { role: "system", content: observationsInstructions },
          { role: "user", content: transcript },
        ],
      });

      let summaryCall;
      try {
        summaryCall = await requestChatCompletion(config, {
          schemaName: "kith_summary",
          schema: summaryAnswerSchema,
          messages: [
            { role: "system", content: summaryInstructions },
            { role: "user", content: transcript },
          ],
        });
      } catch (error) {
        // The failed run still cost the observations call: report both.
        if (!(error instanceof LlmRequestError)) throw error;
        throw new LlmRequestError(error.message, {
          kind: error.kind,
          retryable: error.retryable,
          status: error.status,
          attempts: error.attempts,
          usage: addLlmUsage(observationsCall.usage, error.usage),
        });
      }

      const { observations, traits } = observationsCall.value;
      return {
        observations: observations.map((observation): ObservationCandidate => {
          const turns = turnsAt(input.turns, observation.turns);
          return {
            content: observation.content.trim(),
            kind: observation.kind,
            confidence: observation.confidence,
            communicationIds: turns.map((turn) => turn.communicationId),
            occurredAt: latestOccurredAt(turns),
          };
        }),
        summary: {
          content: summaryCall.value.summary.trim(),
          communicationIds: input.turns.map((turn) => turn.communicationId),
        } satisfies SummaryCandidate,
        traitCandidates: traits.map(
          (trait): TraitCandidate => ({
            groupName: "Contact",
            traitName: trait.traitName,
            value: trait.value.trim(),
            confidence: trait.confidence,
            communicationIds: turnsAt(input.turns, trait.turns).map((turn) => turn.communicationId),
          }),
        ),
        usage: addLlmUsage(observationsCall.usage, summaryCall.usage),
      };
    },
  };
}

/**
 * The transcript the model reads. A turn's later lines are indented so that a customer who types
 * "[7] AGENT: …" on a line of their own cannot pass it off as a turn.
 */
function formatTranscript(input: ExtractionInput): string {
  const first = input.turns[0].occurredAt;
  const last = input.turns[input.turns.length - 1].occurredAt;
  const header = [
    `Channel: ${input.channel}`,
    `Date: ${formatInstant(first)}${last.getTime() !== first.getTime() ? ` to ${formatInstant(last)}` : ""}`,
    `Customer: ${input.customerName ?? "name not known"}`,
  ];
  const lines = input.turns.map((turn, position) => {
    const name = turn.speakerName ?? (turn.speaker === "CUSTOMER" ? input.customerName : null);
    const label = `[${position + 1}] ${turn.speaker}${name ? ` (${oneLine(name)})` : ""}`;
    return `${label}: ${turn.text.trim().replace(/\r?\n/g, "\n    ")}`;
  });
  return `${header.join("\n")}\n\nTranscript:\n${lines.join("\n")}`;
}

function observationsAnswerSchema(turns: ExtractionTurn[]) {
  const turnIndexes = z.array(z.number().int()).describe(`indexes of the transcript's turns, from 1 to ${turns.length}`);
  const confidence = z.number().describe("from 0 to 1");
  return z
    .object({
      observations: z.array(z.object({ content: z.string(), kind: z.enum(observationKinds), confidence, turns: turnIndexes })),
      traits: z.array(z.object({ traitName: z.enum(traitNames), value: z.string(), confidence, turns: turnIndexes })),
    })
    .superRefine((answer, context) => {
      const issue = (path: (string | number)[], message: string) => context.addIssue({ code: "custom", path, message });
      const checkTurns = (path: (string | number)[], indexes: number[]) => {
        if (indexes.length === 0) issue(path, "cites no turn");
        for (const index of indexes) {
          if (index < 1 || index > turns.length) issue(path, `turn ${index} is not in the transcript (1–${turns.length})`);
        }
      };
      const checkConfidence = (path: (string | number)[], value: number) => {
        if (value < 0 || value > 1) issue(path, `confidence ${value} is not between 0 and 1`);
      };
      answer.observations.forEach((observation, position) => {
        const path = ["observations", position];
        if (!observation.content.trim()) issue([...path, "content"], "is empty");
        if (observation.content.trim().length > MAX_MEMORY_CONTENT_CHARS) issue([...path, "content"], `is longer than ${MAX_MEMORY_CONTENT_CHARS} characters`);
        checkConfidence([...path, "confidence"], observation.confidence);
        checkTurns([...path, "turns"], observation.turns);
      });
      answer.traits.forEach((trait, position) => {
        const path = ["traits", position];
        if (!trait.value.trim()) issue([...path, "value"], "is empty");
        checkConfidence([...path, "confidence"], trait.confidence);
        checkTurns([...path, "turns"], trait.turns);
        // A contact detail comes from the customer's own words, never from what an agent said.
        if (!trait.turns.some((index) => turns[index - 1]?.speaker === "CUSTOMER")) issue([...path, "turns"], "cites no CUSTOMER turn");
      });
    });
}

const summaryAnswerSchema = z.object({ summary: z.string() }).superRefine(({ summary }, context) => {
  if (!summary.trim()) context.addIssue({ code: "custom", path: ["summary"], message: "is empty" });
  if (summary.trim().length > MAX_MEMORY_CONTENT_CHARS) context.addIssue({ code: "custom", path: ["summary"], message: `is longer than ${MAX_MEMORY_CONTENT_CHARS} characters` });
});

/** The turns at validated 1-based indexes, once each, in conversation order. */
function turnsAt(turns: ExtractionTurn[], indexes: number[]): ExtractionTurn[] {
  return [...new Set(indexes)].sort((a, b) => a - b).map((index) => turns[index - 1]);
}

function latestOccurredAt(turns: ExtractionTurn[]): Date {
  return new Date(Math.max(...turns.map((turn) => turn.occurredAt.getTime())));
}

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "Tuesday 2025-03-04 14:02 UTC": the weekday lets the model resolve "next Friday". */
function formatInstant(date: Date): string {
  return `${weekdays[date.getUTCDay()]} ${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
