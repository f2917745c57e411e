import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { withResolutionRetry } from "../identity/resolve-record";
import { addCommunications } from "./add-communications";
import type { CommunicationInput } from "./conversation-schemas";
import { toCommunicationView, type CommunicationView } from "./conversation-view";
import { lockConversationOrThrow } from "./lock-conversation-or-throw";
import { lockResourceIds } from "./lock-resource-ids";

export type AppendCommunicationsOptions = {
  storeId: string;
  conversationId: string;
  communications: CommunicationInput[];
  actor: Actor;
  requestId?: string;
  /** The store's `screenCommunications` (default true). */
  screenCommunications?: boolean;
};

export type AppendCommunicationsResult = {
  /** How many of the request's communications were new (the rest were already stored by resourceId). */
  addedCount: number;
  /** The request's communications, in its order, with their ids. */
  communications: CommunicationView[];
};

/**
 * POST …/Conversations/{id}/Communications: adds messages to a conversation, idempotently by
 * `resourceId`. Every author must already be a participant (by an address, after normalisation,
 * or by participantId): a stranger's message is a 400 that names it, since silently adding a
 * participant would resolve identities nobody declared. Send the whole conversation again
 * (POST …/Conversations) to add participants.
 */
export async function appendCommunications({ storeId, conversationId, communications, actor, requestId, screenCommunications }: AppendCommunicationsOptions): Promise<AppendCommunicationsResult> {
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    // resourceIds before the conversation row, in the same order as ingestion, so the two never deadlock.
    await lockResourceIds(tx, storeId, communications.flatMap((communication) => (communication.resourceId ? [communication.resourceId] : [])));
    const conversation = await lockConversationOrThrow(tx, { storeId, conversationId });
    const settings = await readIdentitySettingsView(tx, storeId);
    const normalizations = new Map((settings?.identifierConfigs ?? []).map((config) => [config.idType, config.normalization]));
    const participants = await tx.participant.findMany({ where: { storeId, conversationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const written = await addCommunications(tx, { storeId, conversation, participants, communications, normalizations, isNewConversation: false, screenCommunications, actor, requestId });
    if (written.added.length > 0) {
      await recordAuditEvent(tx, {
        storeId,
        actor,
        action: "conversation.append",
        resourceType: "conversation",
        resourceId: conversationId,
        after: { participantsAdded: [], communicationsAdded: written.added.length },
        requestId,
      });
    }
    const participantById = new Map(participants.map((participant) => [participant.id, participant]));
    return {
      addedCount: written.added.length,
      communications: written.communications.map((communication) => toCommunicationView(communication, participantById.get(communication.participantId ?? ""))),
    };
  });
}
