import { z } from "zod";
import type { LlmConfig } from "../llm/llm-config";
import { emptyLlmUsage } from "../llm/llm-usage";
import { requestChatCompletion } from "../llm/request-chat-completion";
import {
  MAX_MEMORY_CONTENT_CHARS,
  type ExistingObservation,
  type ExtractionUsage,
  type ObservationKind,
  type ReconciliationDecision,
} from "./extraction-types";

export type ReconciliationCandidate = { content: string; kind: ObservationKind; occurredAt: Date };

const reconciliationInstructions = `You keep a customer's memory tidy. A new observation about the customer was just extracted from a conversation. Decide what to do with it, given the observations already on the customer's profile, each listed with an index in brackets.

- "add": it says something that none of them says.
- "update": it is about the same thing as observation [index] and either contradicts it ("kind": "contradiction" — the more recent statement wins) or adds detail to it ("kind": "enrichment"). "content" is the observation as it should now read: one sentence in the third person that keeps whatever of the old one is still true. Never update a REJECTED observation.
- "none": observation [index] already says the same, even in other words, or a more recent one already says otherwise. Nothing changes. A REJECTED observation counts: a reviewer turned that fact down, so it must not come back.

Answer with JSON: "action", "index" (null for add), "content" (null unless update), "kind" (null unless update), "reason" (one short sentence).`;

/**
 * Reconciliation by the model (SPEC §5): one call that decides whether the candidate is new, updates
 * an existing observation, or repeats one. The model sees the existing observations as [0], [1] …,
 * never their ids, so it can only point at one that exists; an index out of range, or an update of
 * a REJECTED observation, is a malformed answer (retried, then LlmRequestError). With nothing on the
 * profile there is nothing to ask: the candidate is added without a request.
 */
export async function decideReconciliationWithLlm(
  config: LlmConfig,
  candidate: ReconciliationCandidate,
  existing: ExistingObservation[],
): Promise<{ decision: ReconciliationDecision; usage: ExtractionUsage }> {
  if (existing.length === 0) return { decision: { action: "add", reason: "The profile has no observations yet" }, usage: emptyLlmUsage() };

  const listing = existing.map((observation, index) => `[${index}] (${observation.kind ?? "OTHER"}, ${observation.status}, ${day(observation.occurredAt)}) ${oneLine(observation.content)}`);
  const { value, usage } = await requestChatCompletion(config, {
    schemaName: "kith_reconciliation",
    schema: reconciliationAnswerSchema(existing),
    messages: [
      { role: "system", content: reconciliationInstructions },
      {
        role: "user",
        content: `New observation (${candidate.kind}, ${day(candidate.occurredAt)}): ${oneLine(candidate.content)}\n\nExisting observations:\n${listing.join("\n")}`,
      },
    ],
  });

  const reason = value.reason.trim() || "No reason given";
  if (value.action === "add") return { decision: { action: "add", reason }, usage };
  // The schema's refinement guarantees an index in range (and content and kind for an update).
  const observationId = existing[value.index!].id;
  if (value.action === "none") return { decision: { action: "discard", observationId, reason }, usage };
  return { decision: { action: "update", observationId, content: value.content!.trim(), kind: value.kind!, reason }, usage };
}

function reconciliationAnswerSchema(existing: ExistingObservation[]) {
  return z
    .object({
      action: z.enum(["add", "update", "none"]),
      index: z.number().int().nullable().describe(`index of an existing observation, from 0 to ${existing.length - 1}`),
      content: z.string().nullable(),
      kind: z.enum(["contradiction", "enrichment"]).nullable(),
      reason: z.string(),
    })
    .superRefine((answer, context) => {
      const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
      // An "add" needs nothing else; whatever else the model filled in is ignored.
      if (answer.action === "add") return;
      if (answer.index === null) return issue("index", `is required for "${answer.action}"`);
      if (answer.index < 0 || answer.index >= existing.length) return issue("index", `${answer.index} is not an existing observation (0–${existing.length - 1})`);
      if (answer.action !== "update") return;
      if (existing[answer.index].status === "REJECTED") issue("index", `observation ${answer.index} is REJECTED and cannot be updated`);
      if (!answer.content?.trim()) issue("content", `is required for "update"`);
      else if (answer.content.trim().length > MAX_MEMORY_CONTENT_CHARS) issue("content", `is longer than ${MAX_MEMORY_CONTENT_CHARS} characters`);
      if (answer.kind === null) issue("kind", `is required for "update"`);
    });
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
