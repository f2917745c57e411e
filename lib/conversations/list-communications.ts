import { getPrisma } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { decodePageToken, keysetPage, type KeysetWhere, type Page, type PageRequest } from "../paging";
import { toCommunicationView, type CommunicationView } from "./conversation-view";

export type ListCommunicationsOptions = { storeId: string; conversationId: string; page: PageRequest };

/**
 * GET …/Conversations/{id}/Communications: the thread in `occurredAt` order (oldest first unless
 * `orderBy=DESC`), ties broken by id. A message appended late but dated earlier takes its place in
 * the thread. Keyset pages over (occurredAt, id): the token names the last row, whose time is read back.
 */
export async function listCommunications({ storeId, conversationId, page }: ListCommunicationsOptions): Promise<Page<CommunicationView>> {
  const prisma = await getPrisma();
  const conversation = isIdOf("conversation", conversationId) ? await prisma.conversation.findUnique({ where: { storeId_id: { storeId, id: conversationId } }, select: { id: true } }) : null;
  if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} not found`);

  let cursorTime: Date | undefined;
  if (page.pageToken) {
    const cursor = await prisma.communication.findUnique({ where: { storeId_id: { storeId, id: decodePageToken(page.pageToken).id } }, select: { occurredAt: true, conversationId: true } });
    if (!cursor || cursor.conversationId !== conversationId) {
      throw new AppError("bad_request", "Invalid pageToken", { details: [{ path: "pageToken", message: "not a token this list issued" }] });
    }
    cursorTime = cursor.occurredAt;
  }
  // keysetPage speaks in ids; the same cursor, read as a position in (occurredAt, id) order.
  const after = (keyset: KeysetWhere): Prisma.CommunicationWhereInput => {
    if (!keyset.id || !cursorTime) return {};
    if ("gt" in keyset.id) return { OR: [{ occurredAt: { gt: cursorTime } }, { occurredAt: cursorTime, id: { gt: keyset.id.gt } }] };
    return { OR: [{ occurredAt: { lt: cursorTime } }, { occurredAt: cursorTime, id: { lt: keyset.id.lt } }] };
  };
  const communications = await keysetPage(page, (keyset, orderBy, take) =>
    prisma.communication.findMany({
      where: { storeId, conversationId, ...after(keyset) },
      orderBy: [{ occurredAt: orderBy.id }, { id: orderBy.id }],
      take,
      include: { participant: true },
    }),
  );
  return { ...communications, items: communications.items.map((communication) => toCommunicationView(communication, communication.participant)) };
}
