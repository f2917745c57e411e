import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import type { Embedder } from "../embeddings/embedder";
import { AppError, ProfileMovedError } from "../errors";
import { isIdOf } from "../ids";
import type { ProfileTraits } from "../profiles/profile-view";
import { buildQueryFromTurns } from "./build-query-from-turns";
import { formatHandoffText, type HandoffCitation } from "./format-handoff-text";
import type { HandoffContextQuery } from "./handoff-context-schemas";
import { recall } from "./recall";
import { toRecalledCommunication, type RecalledCommunication, type RecalledObservation, type RecalledSummary } from "./recall-views";

export type GetHandoffContextOptions = { storeId: string; conversationId: string; caller: Actor; embedder?: Embedder | null } & Partial<HandoffContextQuery>;

export type HandoffCustomer = {
  profileId: string;
  displayName: string | null;
  traits: ProfileTraits;
  observations: (RecalledObservation & { citation: number })[];
  summaries: (RecalledSummary & { citation: number })[];
};

export type HandoffContext = {
  conversation: { id: string; channel: string; status: string; lastActivityAt: Date };
  customers: HandoffCustomer[];
  /** The conversation's latest messages, in thread order. */
  messages: RecalledCommunication[];
  /** `[n]` in `text` is `citations[n - 1]`. */
  citations: HandoffCitation[];
  /** Prompt-ready: the same content as one block of text with numbered citations. */
  text: string;
  meta: { queryTime: number; query: string | null };
};

/**
 * GET …/Conversations/{id}/Context: what an agent taking over should see now — for each CUSTOMER
 * of the conversation, traits and the observations and summaries recall ranks highest for the
 * conversation's last ten turns (the newest, when it has no messages yet), each citing where it
 * came from; and the conversation's recent messages. As JSON and as a prompt-ready text block.
 */
export async function getHandoffContext({ storeId, conversationId, caller, embedder, observationsLimit = 10, summariesLimit = 3, messagesLimit = 20 }: GetHandoffContextOptions): Promise<HandoffContext> {
  const started = performance.now();
  const prisma = await getPrisma();
  const conversation = isIdOf("conversation", conversationId)
    ? await prisma.conversation.findUnique({
        where: { storeId_id: { storeId, id: conversationId } },
        select: {
          id: true, channel: true, status: true, lastActivityAt: true,
          participants: { where: { type: "CUSTOMER", profileId: { not: null } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { profileId: true } },
          communications: { orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: Math.max(messagesLimit, 10), include: { participant: true } },
        },
      })
    : null;
  if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} not found`);

  const latestFirst = conversation.communications;
  const query = buildQueryFromTurns([...latestFirst].reverse().map((row) => ({ text: row.content })));
  const profileIds = [...new Set(conversation.participants.map((participant) => participant.profileId!))];

  const citations: HandoffCitation[] = [];
  const cite = (citation: Omit<HandoffCitation, "number">) => citations.push({ number: citations.length + 1, ...citation });
  const customers: HandoffCustomer[] = [];
  for (const profileId of profileIds) {
    const recalled = await recallFollowingMerges({ storeId, profileId, caller, embedder, query, observationsLimit, summariesLimit, includeTraits: true });
    if (!recalled || customers.some((customer) => customer.profileId === recalled.profileId)) continue;
    const displayName = (await prisma.profile.findUnique({ where: { storeId_id: { storeId, id: recalled.profileId } }, select: { displayName: true } }))?.displayName ?? null;
    customers.push({
      profileId: recalled.profileId,
      displayName,
      traits: recalled.result.traits ?? {},
      observations: recalled.result.observations.map((item) => ({ ...item, citation: cite({ kind: "observation", id: item.id, profileId: recalled.profileId, conversationIds: item.conversationIds, communicationIds: item.communicationIds }) })),
      summaries: recalled.result.summaries.map((item) => ({ ...item, citation: cite({ kind: "summary", id: item.id, profileId: recalled.profileId, conversationIds: item.conversationId ? [item.conversationId] : [], communicationIds: [] }) })),
    });
  }

  const messages = latestFirst.slice(0, messagesLimit).reverse().map((row) => toRecalledCommunication(row, row.participant));
  const view = { id: conversation.id, channel: conversation.channel, status: conversation.status, lastActivityAt: conversation.lastActivityAt };
  return {
    conversation: view,
    customers,
    messages,
    citations,
    text: formatHandoffText({ conversation: view, customers, messages, citations }),
    meta: { queryTime: Math.round(performance.now() - started), query: query || null },
  };
}

/** A participant may still name a profile merged away since: recall the survivor instead; an erased one is skipped. */
async function recallFollowingMerges(options: Parameters<typeof recall>[0] & { profileId: string }) {
  try {
    return { profileId: options.profileId, result: await recall(options) };
  } catch (error) {
    if (error instanceof ProfileMovedError) return { profileId: error.canonicalProfileId, result: await recall({ ...options, profileId: error.canonicalProfileId }) };
    if (error instanceof AppError && error.kind === "not_found") return null;
    throw error;
  }
}
