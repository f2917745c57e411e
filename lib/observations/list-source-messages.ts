import { getPrisma } from "../db/client";
import type { ReviewSourceMessage } from "./review-queue-views";

/** At most this many source messages per observation are shown; the rest are counted. */
export const MAX_SOURCE_MESSAGES_SHOWN = 10;

export type ListSourceMessagesOptions = { storeId: string; observations: { id: string; communicationIds: string[] }[] };

export type SourceMessages = { messages: ReviewSourceMessage[]; hiddenSourceCount: number };

/**
 * The messages each observation came from, with their authors, in thread order — and, before
 * each, the turn that preceded it in its conversation (the agent's question a customer answered),
 * marked as context. Two statements for a whole page of observations. Provenance is checked when
 * stored, but a message may since have been erased with its conversation: it is simply missing.
 */
export async function listSourceMessages({ storeId, observations }: ListSourceMessagesOptions): Promise<Map<string, SourceMessages>> {
  const shownIds = new Map(observations.map((observation) => [observation.id, observation.communicationIds.slice(0, MAX_SOURCE_MESSAGES_SHOWN)]));
  const sourceIds = [...new Set([...shownIds.values()].flat())];
  const result = new Map<string, SourceMessages>();
  if (sourceIds.length === 0) {
    for (const observation of observations) result.set(observation.id, { messages: [], hiddenSourceCount: observation.communicationIds.length });
    return result;
  }
  const prisma = await getPrisma();
  // The previous turn of each source message, through the (storeId, conversationId, occurredAt) index.
  const previous = await prisma.$queryRaw<{ sourceId: string; previousId: string }[]>`
    SELECT s."id" AS "sourceId", p."id" AS "previousId"
    FROM "communications" s
    CROSS JOIN LATERAL (
      SELECT c."id" FROM "communications" c
      WHERE c."storeId" = s."storeId" AND c."conversationId" = s."conversationId"
        AND (c."occurredAt" < s."occurredAt" OR (c."occurredAt" = s."occurredAt" AND c."id" < s."id"))
      ORDER BY c."occurredAt" DESC, c."id" DESC
      LIMIT 1
    ) p
    WHERE s."storeId" = ${storeId} AND s."id" = ANY(${sourceIds}::text[])`;
  const previousBySource = new Map(previous.map((row) => [row.sourceId, row.previousId]));
  const rows = await prisma.communication.findMany({
    where: { storeId, id: { in: [...new Set([...sourceIds, ...previousBySource.values()])] } },
    include: { participant: { select: { name: true, type: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));

  for (const observation of observations) {
    const sources = new Set(shownIds.get(observation.id) ?? []);
    const picked = new Set<string>();
    for (const id of sources) {
      if (!byId.has(id)) continue;
      picked.add(id);
      const before = previousBySource.get(id);
      if (before) picked.add(before);
    }
    const messages = [...picked]
      .map((id) => byId.get(id)!)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((row): ReviewSourceMessage => ({
        id: row.id,
        conversationId: row.conversationId,
        text: row.content,
        occurredAt: row.occurredAt.toISOString(),
        isSource: sources.has(row.id),
        author: { name: row.participant?.name ?? null, type: row.participant?.type ?? null, address: row.authorAddress },
      }));
    result.set(observation.id, { messages, hiddenSourceCount: Math.max(0, observation.communicationIds.length - sources.size) });
  }
  return result;
}
