import { getPrisma } from "../db/client";
import type { ConversationStatus } from "../db/generated/enums";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { toConversationView, type ConversationView } from "./conversation-view";
import { lockConversationOrThrow } from "./lock-conversation-or-throw";
import { runConversationClosedHooks } from "./run-conversation-closed-hooks";

export type UpdateConversationStatusOptions = { storeId: string; conversationId: string; status: ConversationStatus; actor: Actor; requestId?: string };

export type UpdateConversationStatusResult = { changed: boolean; conversation: ConversationView };

/**
 * PATCH …/Conversations/{id} `{status}`. ACTIVE ⇄ INACTIVE and either → CLOSED; CLOSED is final
 * (409), because closing hands the conversation to extraction — a later message starts a new
 * conversation. Closing stamps `closedAt` (and `inactiveAt` if it never idled); reactivating
 * counts as activity, so the inactivity sweep does not put it straight back. The same status
 * again changes nothing. Every change is audited.
 */
export async function updateConversationStatus({ storeId, conversationId, status, actor, requestId }: UpdateConversationStatusOptions): Promise<UpdateConversationStatusResult> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await lockConversationOrThrow(tx, { storeId, conversationId });
    if (before.status === status) {
      const participants = await tx.participant.findMany({ where: { storeId, conversationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return { changed: false, conversation: toConversationView(before, participants) };
    }
    if (before.status === "CLOSED") throw new AppError("conflict", `Conversation ${conversationId} is CLOSED; a closed conversation cannot be reopened (start a new one)`);
    const now = new Date();
    const conversation = await tx.conversation.update({
      where: { storeId_id: { storeId, id: conversationId } },
      data:
        status === "ACTIVE"
          ? { status, inactiveAt: null, lastActivityAt: before.lastActivityAt > now ? before.lastActivityAt : now }
          : status === "INACTIVE"
            ? { status, inactiveAt: now }
            : { status, closedAt: now, inactiveAt: before.inactiveAt ?? now },
      include: { participants: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    await recordAuditEvent(tx, {
      storeId,
      actor,
      action: "conversation.status",
      resourceType: "conversation",
      resourceId: conversationId,
      before: { status: before.status },
      after: { status, inactiveAt: conversation.inactiveAt, closedAt: conversation.closedAt },
      requestId,
    });
    if (status === "CLOSED") await runConversationClosedHooks(tx, [{ storeId, conversationId, closedAt: now }], actor);
    return { changed: true, conversation: toConversationView(conversation, conversation.participants) };
  });
}
