import type { Communication, Conversation, Participant, Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { AppError, type FieldIssue } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { identifierTypeForChannel } from "../identity/normalize-identifier";
import { addressMatchKey, type NormalizationByIdType } from "./address-match-key";
import type { AddressView } from "./conversation-view";
import type { CommunicationInput } from "./conversation-schemas";
import { lockResourceIds } from "./lock-resource-ids";
import { screenCommunicationText } from "../extraction/screen-communication-text";
import { incrementStoreCounters } from "../usage/increment-store-counters";
import type { AuditEventInput } from "../audit/record-audit-event";
import { recordAuditEvents } from "../audit/record-audit-event";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export type AddCommunicationsOptions = {
  storeId: string;
  conversation: Conversation;
  /** All of the conversation's participants: every author must be one of them. */
  participants: Participant[];
  communications: CommunicationInput[];
  normalizations: NormalizationByIdType;
  /** Created by this same request (its status may already be CLOSED: a conversation ingested after the fact). */
  isNewConversation: boolean;
  /**
   * The caller already holds the locks on these communications' resourceIds and found none of
   * them stored (a conversation it has just created for them): no need to lock and look again.
   */
  resourceIdsCheckedFree?: boolean;
  /** The store's `screenCommunications`: run the guard over new messages before they are stored (default true). */
  screenCommunications?: boolean;
  actor: Actor;
  requestId?: string;
};

export type AddCommunicationsResult = {
  /** One per incoming communication, in order: the stored one with that `resourceId`, or the new one. */
  communications: Communication[];
  added: Communication[];
  conversation: Conversation;
};

type Author = { participant: Participant; channel: Conversation["channel"]; address: string | null };

function findAuthors(options: AddCommunicationsOptions): Author[] {
  const { participants, normalizations, conversation } = options;
  const keyed = participants.map((participant) => ({
    participant,
    keys: new Set(((participant.addresses ?? []) as AddressView[]).map((entry) => addressMatchKey(entry.channel, entry.address, normalizations))),
  }));
  const issues: FieldIssue[] = [];
  const authors = options.communications.map((communication, index): Author | null => {
    const { author } = communication;
    const path = `communications.${index}.author`;
    if ("participantId" in author) {
      const participant = participants.find((candidate) => candidate.id === author.participantId);
      if (!participant) {
        issues.push({ path: `${path}.participantId`, message: `${author.participantId} is not a participant of conversation ${conversation.id}` });
        return null;
      }
      // The address it wrote from: its address on the conversation's channel, else its first.
      const addresses = (participant.addresses ?? []) as AddressView[];
      const from =
        addresses.find((entry) => entry.channel === conversation.channel) ??
        addresses.find((entry) => identifierTypeForChannel(entry.channel) === identifierTypeForChannel(conversation.channel)) ??
        addresses[0];
      return { participant, channel: from?.channel ?? conversation.channel, address: from?.address ?? null };
    }
    const key = addressMatchKey(author.channel, author.address, normalizations);
    const match = keyed.find((candidate) => candidate.keys.has(key));
    if (!match) {
      issues.push({ path, message: `${author.channel} address "${author.address}" is not an address of any participant of this conversation` });
      return null;
    }
    return { participant: match.participant, channel: author.channel, address: author.address };
  });
  if (issues.length > 0) {
    throw new AppError("bad_request", "Every communication's author must be a participant of the conversation (by one of its addresses or its participantId)", { details: issues });
  }
  return authors as Author[];
}

/**
 * Stores a conversation's communications inside the caller's transaction, idempotently: a
 * `resourceId` the store already holds (or that repeats within the request) is that communication,
 * not a new one; a `resourceId` that belongs to another conversation is a 409. New messages move
 * the conversation's `lastActivityAt` and its profiles' `lastContactAt` forward, and wake an
 * INACTIVE conversation; a CLOSED one takes no new messages (409: start a new conversation).
 */
export async function addCommunications(tx: Tx, options: AddCommunicationsOptions): Promise<AddCommunicationsResult> {
  const { storeId, actor, requestId } = options;
  let conversation = options.conversation;
  const authors = findAuthors(options);

  const resourceIds = [...new Set(options.communications.flatMap((communication) => (communication.resourceId ? [communication.resourceId] : [])))];
  let stored: Communication[] = [];
  if (!options.resourceIdsCheckedFree) {
    await lockResourceIds(tx, storeId, resourceIds);
    stored = resourceIds.length === 0 ? [] : await tx.communication.findMany({ where: { storeId, resourceId: { in: resourceIds } } });
  }
  const foreign = stored.filter((communication) => communication.conversationId !== conversation.id);
  if (foreign.length > 0) {
    throw new AppError("conflict", `resourceId ${foreign[0].resourceId} already belongs to conversation ${foreign[0].conversationId}`, {
      details: foreign.map((communication) => ({
        path: `communications.${options.communications.findIndex((input) => input.resourceId === communication.resourceId)}.resourceId`,
        message: `already belongs to conversation ${communication.conversationId}`,
      })),
    });
  }

  // resourceId → the id of the communication holding it (stored, or new in this request).
  const idByResourceId = new Map(stored.map((communication) => [communication.resourceId!, communication.id]));
  const slots: string[] = [];
  const newRows: Prisma.CommunicationCreateManyInput[] = [];
  const now = new Date();
  const screen = options.screenCommunications ?? true;
  const redactions: AuditEventInput[] = [];
  const excludedCounts: Record<string, number> = {};
  for (const [index, input] of options.communications.entries()) {
    const known = input.resourceId ? idByResourceId.get(input.resourceId) : undefined;
    if (known) {
      slots.push(known);
      continue;
    }
    const author = authors[index];
    const screened = screen ? screenCommunicationText(input.content.text) : { text: input.content.text, categories: [] };
    const row: Prisma.CommunicationCreateManyInput = {
      storeId,
      id: newId("communication"),
      conversationId: conversation.id,
      participantId: author.participant.id,
      authorChannel: author.channel,
      authorAddress: author.address,
      content: screened.text,
      occurredAt: input.occurredAt,
      resourceId: input.resourceId ?? null,
      createdAt: now,
    };
    if (input.resourceId) idByResourceId.set(input.resourceId, row.id);
    if (screened.categories.length > 0) {
      // What was removed is named by category only; the text itself is never kept.
      redactions.push({ storeId, actor, action: "communication.excluded", resourceType: "communication", resourceId: row.id, after: { outcome: "redacted", categories: screened.categories, conversationId: conversation.id }, requestId });
      for (const category of screened.categories) excludedCounts[`guard.excluded.${category}`] = (excludedCounts[`guard.excluded.${category}`] ?? 0) + 1;
    }
    newRows.push(row);
    slots.push(row.id);
  }

  if (newRows.length > 0 && conversation.status === "CLOSED" && !options.isNewConversation) {
    throw new AppError("conflict", `Conversation ${conversation.id} is CLOSED and takes no new communications; start a new conversation`);
  }
  const added = newRows.length === 0 ? [] : await tx.communication.createManyAndReturn({ data: newRows });
  if (added.length > 0) await enqueueEmbeddingJob(tx, storeId);
  if (redactions.length > 0) {
    await recordAuditEvents(tx, redactions);
    await incrementStoreCounters(tx, storeId, excludedCounts);
  }
  const byId = new Map([...stored, ...added].map((communication) => [communication.id, communication]));

  if (added.length > 0) {
    const latest = new Date(Math.max(conversation.lastActivityAt.getTime(), ...added.map((communication) => communication.occurredAt.getTime())));
    const wakes = conversation.status === "INACTIVE";
    // A conversation created for these very messages already has this lastActivityAt.
    if (wakes || latest.getTime() !== conversation.lastActivityAt.getTime() || !options.isNewConversation) {
      conversation = await tx.conversation.update({
        where: { storeId_id: { storeId, id: conversation.id } },
        data: { lastActivityAt: latest, ...(wakes ? { status: "ACTIVE", inactiveAt: null } : {}) },
      });
    }
    if (wakes) {
      await recordAuditEvent(tx, {
        storeId,
        actor,
        action: "conversation.status",
        resourceType: "conversation",
        resourceId: conversation.id,
        before: { status: "INACTIVE" },
        after: { status: "ACTIVE", reason: "new communication" },
        requestId,
      });
    }
    await tx.profile.updateMany({
      where: { storeId, participants: { some: { conversationId: conversation.id } }, OR: [{ lastContactAt: null }, { lastContactAt: { lt: latest } }] },
      data: { lastContactAt: latest },
    });
  }
  return {
    communications: slots.map((id) => byId.get(id)!),
    added,
    conversation,
  };
}
