import { z } from "zod";
import { getPrisma } from "../db/client";
import type { Channel, ConversationStatus } from "../db/generated/enums";
import { getConversation } from "../conversations/get-conversation";
import { listCommunications } from "../conversations/list-communications";
import { isIdOf } from "../ids";
import { encodePageToken } from "../paging";
import type { ConsoleMessage } from "./get-console-profile-detail";
import type { ConsoleConversationParticipant } from "./list-console-conversations";

/** The conversation page's URL: a page of its messages, or the page that starts at one message (a citation's link). */
export const consoleConversationQuery = z.object({
  pageToken: z.string().min(1).max(4096).optional(),
  message: z.string().min(1).max(200).optional(),
});

export type GetConsoleConversationOptions = {
  storeId: string;
  conversationId: string;
  pageSize: number;
  pageToken?: string;
  /** Open the page of messages that starts at this one (ignored when it is not one of this conversation's). */
  messageId?: string;
};

export type ConsoleConversationDetail = {
  id: string;
  channel: Channel;
  status: ConversationStatus;
  createdAt: Date;
  lastActivityAt: Date;
  inactiveAt: Date | null;
  closedAt: Date | null;
  messageCount: number;
  /** When the first message happened (an imported history is created long after it); null without messages. */
  firstMessageAt: Date | null;
  participants: ConsoleConversationParticipant[];
  /** One page of the thread, oldest first. `isFromProfile` marks the customers' messages. */
  messages: ConsoleMessage[];
  nextToken: string | null;
  previousToken: string | null;
  /** The message asked for, when it is on this page. */
  focusedMessageId: string | null;
};

/**
 * The conversation page: the conversation with its participants (and their profiles' names) and
 * one page of its messages in thread order, read through the Conversations API's own functions
 * (so another store's or an unknown id is the same not_found the API answers).
 */
export async function getConsoleConversation({ storeId, conversationId, pageSize, pageToken, messageId }: GetConsoleConversationOptions): Promise<ConsoleConversationDetail> {
  const conversation = await getConversation({ storeId, conversationId });
  const prisma = await getPrisma();

  // A keyset page that starts at a message is the "next" page after the message before it.
  let token = pageToken;
  let focusedMessageId: string | null = null;
  if (messageId && !pageToken && isIdOf("communication", messageId)) {
    const target = await prisma.communication.findUnique({ where: { storeId_id: { storeId, id: messageId } }, select: { id: true, occurredAt: true, conversationId: true } });
    if (target && target.conversationId === conversation.id) {
      focusedMessageId = target.id;
      const before = await prisma.communication.findFirst({
        where: { storeId, conversationId: conversation.id, OR: [{ occurredAt: { lt: target.occurredAt } }, { occurredAt: target.occurredAt, id: { lt: target.id } }] },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: { id: true },
      });
      token = before ? encodePageToken({ id: before.id, direction: "next" }) : undefined;
    }
  }

  const profileIds = [...new Set(conversation.participants.flatMap((participant) => (participant.profileId ? [participant.profileId] : [])))];
  const [messages, messageStats, profiles] = await Promise.all([
    listCommunications({ storeId, conversationId: conversation.id, page: { pageSize, pageToken: token, orderBy: "ASC" } }),
    prisma.communication.aggregate({ where: { storeId, conversationId: conversation.id }, _count: { _all: true }, _min: { occurredAt: true } }),
    prisma.profile.findMany({ where: { storeId, id: { in: profileIds } }, select: { id: true, displayName: true } }),
  ]);
  const names = new Map(profiles.map((profile) => [profile.id, profile.displayName]));

  return {
    id: conversation.id,
    channel: conversation.channel,
    status: conversation.status,
    createdAt: conversation.createdAt,
    lastActivityAt: conversation.lastActivityAt,
    inactiveAt: conversation.inactiveAt,
    closedAt: conversation.closedAt,
    messageCount: messageStats._count._all,
    firstMessageAt: messageStats._min.occurredAt,
    participants: conversation.participants.map((participant) => ({
      id: participant.id,
      type: participant.type,
      name: participant.name,
      addresses: participant.addresses,
      profileId: participant.profileId,
      profileDisplayName: participant.profileId ? (names.get(participant.profileId) ?? null) : null,
    })),
    messages: messages.items.map((message) => ({
      id: message.id,
      conversationId: message.conversationId,
      content: message.content.text,
      occurredAt: message.occurredAt,
      authorName: message.author.name,
      authorType: message.author.type,
      authorAddress: message.author.address,
      isFromProfile: message.author.type === "CUSTOMER",
    })),
    nextToken: messages.nextToken,
    previousToken: messages.previousToken,
    focusedMessageId: focusedMessageId && messages.items.some((message) => message.id === focusedMessageId) ? focusedMessageId : null,
  };
}
