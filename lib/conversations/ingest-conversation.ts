import { getPrisma } from "../db/client";
import { Prisma, type Conversation } from "../db/generated/client";
import { sqlJson, sqlTimestamp } from "../db/sql-values";
import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { AppError, type FieldIssue } from "../errors";
import { newId } from "../ids";
import { auditEventInsertSql, recordAuditEvent } from "../audit/record-audit-event";
import { settingsJsonColumns, settingsRowsFromJson, toIdentitySettingsView, type IdentityResolutionSettingsView } from "../identity/identity-settings-view";
import { withResolutionRetry } from "../identity/resolve-record";
import { addCommunications } from "./add-communications";
import { addParticipants } from "./add-participants";
import type { ConversationCreateInput } from "./conversation-schemas";
import { toCommunicationView, toConversationView, type CommunicationView, type ConversationView } from "./conversation-view";
import { lockConversationOrThrow } from "./lock-conversation-or-throw";
import { runConversationClosedHooks } from "./run-conversation-closed-hooks";

export type IngestConversationOptions = {
  storeId: string;
  input: ConversationCreateInput;
  actor: Actor;
  requestId?: string;
  /** The store's `screenCommunications` (default true): messages pass the guard before they are stored. */
  screenCommunications?: boolean;
};

export type IngestedConversationView = ConversationView & {
  /** The request's communications, in its order, with their ids (existing ones for a replay). */
  communications: CommunicationView[];
  /** Addresses that identify no one and resolution conflicts (also kept in the resolution records). */
  warnings: FieldIssue[];
};

export type IngestConversationResult = {
  /** False when the request named an existing conversation (by a communication's resourceId). */
  created: boolean;
  conversation: IngestedConversationView;
};

/** Inserts a new conversation row exactly as given (hand-written SQL: once per ingested conversation). */
async function insertConversation(tx: Tx, conversation: Conversation): Promise<void> {
  const optionalTime = (date: Date | null) => (date ? sqlTimestamp(date) : Prisma.sql`NULL`);
  await tx.$executeRaw`INSERT INTO "conversations" ("storeId", "id", "channel", "status", "threadKey", "attributes", "lastActivityAt", "inactiveAt", "closedAt", "createdAt", "updatedAt")
    VALUES (${conversation.storeId}, ${conversation.id}, ${conversation.channel}::"Channel", ${conversation.status}::"ConversationStatus", ${conversation.threadKey}, ${sqlJson(conversation.attributes)},
      ${sqlTimestamp(conversation.lastActivityAt)}, ${optionalTime(conversation.inactiveAt)}, ${optionalTime(conversation.closedAt)}, ${sqlTimestamp(conversation.createdAt)}, ${sqlTimestamp(conversation.updatedAt)})`;
}

/**
 * The store's identity settings, and the delivery's resourceId locks (as `lockResourceIds` takes
 * them: sorted, before any identifier lock) in the same round trip. The settings are read as the
 * statement starts, before any wait for a lock — as when they were read first, on their own.
 */
async function readSettingsAndLockResourceIds(tx: Tx, storeId: string, resourceIds: string[]): Promise<IdentityResolutionSettingsView | null> {
  const keys = [...new Set(resourceIds.map((resourceId) => `${storeId}/communication/${resourceId}`))].sort();
  const [row] = await tx.$queryRaw<{ settings: Record<string, unknown> | null; configs: Record<string, unknown>[]; locked: number }[]>`
    SELECT ${settingsJsonColumns(storeId)},
      (SELECT count("lock")::int FROM (SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) AS "lock" FROM (SELECT unnest(${keys}::text[]) AS key ORDER BY 1) AS ordered) AS locks) AS "locked"`;
  return row.settings ? toIdentitySettingsView(...settingsRowsFromJson(row.settings, row.configs)) : null;
}

/**
 * The conversation a delivery belongs to: the one holding any of its communications' resourceIds
 * (locked by the caller), or none. This is what makes re-sending a whole conversation change nothing.
 */
async function findDeliveredConversation(tx: Tx, storeId: string, input: ConversationCreateInput, resourceIds: string[]): Promise<Conversation | null> {
  if (resourceIds.length === 0) return null;
  const holders = await tx.$queryRaw<{ conversationId: string }[]>`
    SELECT DISTINCT "conversationId" FROM "communications" WHERE "storeId" = ${storeId} AND "resourceId" = ANY(${resourceIds}::text[])`;
  if (holders.length > 1) {
    throw new AppError("conflict", `The communications' resourceIds belong to several conversations (${holders.map((holder) => holder.conversationId).join(", ")})`);
  }
  if (holders.length === 0) return null;
  const conversation = await lockConversationOrThrow(tx, { storeId, conversationId: holders[0].conversationId });
  if (conversation.channel !== input.channel) {
    throw new AppError("conflict", `The communications' resourceIds belong to conversation ${conversation.id}, whose channel is ${conversation.channel}, not ${input.channel}`);
  }
  return conversation;
}

/**
 * POST …/Conversations: a whole conversation in one transaction. Participants are resolved to
 * profiles (SPEC §4: CUSTOMER resolved, UNKNOWN looked up, agents never) and communications
 * stored with their authors. Idempotent: when any communication's `resourceId` is already stored,
 * the request is that conversation — known participants (same type and normalised address) and
 * communications are reused, only new ones are added, and its status is left alone. Concurrent
 * duplicate deliveries serialise on their resourceIds, so they end in one conversation.
 */
export async function ingestConversation({ storeId, input, actor, requestId, screenCommunications }: IngestConversationOptions): Promise<IngestConversationResult> {
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    const resourceIds = [...new Set(input.communications.flatMap((communication) => (communication.resourceId ? [communication.resourceId] : [])))];
    const settings = await readSettingsAndLockResourceIds(tx, storeId, resourceIds);
    if (!settings) throw new Error(`Store ${storeId} has no identity resolution settings`);
    const normalizations = new Map(settings.identifierConfigs.map((config) => [config.idType, config.normalization]));

    let conversation = await findDeliveredConversation(tx, storeId, input, resourceIds);
    const created = conversation === null;
    if (!conversation) {
      const now = new Date();
      const status = input.status ?? "ACTIVE";
      const lastMessageAt = Math.max(...input.communications.map((communication) => communication.occurredAt.getTime()));
      conversation = {
        storeId,
        id: newId("conversation"),
        channel: input.channel,
        status,
        threadKey: null,
        attributes: null,
        lastActivityAt: input.communications.length > 0 ? new Date(lastMessageAt) : now,
        inactiveAt: status === "ACTIVE" ? null : now,
        closedAt: status === "CLOSED" ? now : null,
        createdAt: now,
        updatedAt: now,
      };
      await insertConversation(tx, conversation);
    }
    const existing = created ? [] : await tx.participant.findMany({ where: { storeId, conversationId: conversation.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const people = await addParticipants(tx, { storeId, conversationId: conversation.id, participants: input.participants, existing, settings, normalizations, actor, requestId });
    const written = await addCommunications(tx, {
      storeId,
      conversation,
      participants: [...existing, ...people.added],
      communications: input.communications,
      normalizations,
      isNewConversation: created,
      // findDeliveredConversation locked the resourceIds and found none stored.
      resourceIdsCheckedFree: created,
      screenCommunications,
      actor,
      requestId,
    });
    conversation = written.conversation;

    if (created) {
      const audit = auditEventInsertSql({
        storeId,
        actor,
        action: "conversation.create",
        resourceType: "conversation",
        resourceId: conversation.id,
        after: { id: conversation.id, channel: conversation.channel, status: conversation.status, participants: people.added.length, communications: written.added.length },
        requestId,
      });
      await tx.$executeRaw`${audit.sql}`;
      if (conversation.status === "CLOSED") await runConversationClosedHooks(tx, [{ storeId, conversationId: conversation.id, closedAt: conversation.closedAt! }], actor);
    } else if (people.added.length > 0 || written.added.length > 0) {
      await recordAuditEvent(tx, {
        storeId,
        actor,
        action: "conversation.append",
        resourceType: "conversation",
        resourceId: conversation.id,
        after: { participantsAdded: people.added.map((participant) => participant.id), communicationsAdded: written.added.length },
        requestId,
      });
    }

    // Read back: a resolution later in this request may have merged a profile an earlier participant points at.
    // Not needed for a new conversation when no resolution merged: its rows are the ones just
    // inserted, in the request's order (their createdAt increase with it).
    const participants =
      created && !people.merged ? people.added : await tx.participant.findMany({ where: { storeId, conversationId: conversation.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const participantById = new Map(participants.map((participant) => [participant.id, participant]));
    return {
      created,
      conversation: {
        ...toConversationView(conversation, participants),
        communications: written.communications.map((communication) => toCommunicationView(communication, participantById.get(communication.participantId ?? ""))),
        warnings: people.warnings,
      },
    };
  });
}
