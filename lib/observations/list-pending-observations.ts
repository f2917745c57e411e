import { z } from "zod";
import { getPrisma } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import type { Page } from "../paging";
import { listSourceMessages } from "./list-source-messages";
import type { PendingObservationItem, ReviewQueueSort } from "./review-queue-views";

export type ListPendingObservationsOptions = { storeId: string; sort: ReviewQueueSort; pageSize: number; pageToken?: string };

/** The last row a page showed, in the sort's own key, and which way the next page walks. */
const cursorSchema = z.object({
  s: z.enum(["oldest", "lowestConfidence"]),
  d: z.enum(["n", "p"]),
  i: z.string().min(1).max(64),
  t: z.iso.datetime(),
  c: z.number().nullable(),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(token: string, sort: ReviewQueueSort): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    if (cursor.s === sort) return cursor;
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "Invalid pageToken", { details: [{ path: "pageToken", message: "not a token this list issued for this order" }] });
}

/**
 * Rows strictly after (forward) or before (backward) the cursor in the sort's order. "oldest" is
 * (createdAt, id) ascending; "lowestConfidence" is (confidence, id) ascending with unknown
 * confidence first — an observation nobody scored is the least certain of all.
 */
function positionWhere(sort: ReviewQueueSort, cursor: Cursor | undefined, forward: boolean): Prisma.ObservationWhereInput {
  if (!cursor) return {};
  const id = forward ? { gt: cursor.i } : { lt: cursor.i };
  if (sort === "oldest") {
    const createdAt = new Date(cursor.t);
    return { OR: [{ createdAt: forward ? { gt: createdAt } : { lt: createdAt } }, { createdAt, id }] };
  }
  if (cursor.c === null) return forward ? { OR: [{ confidence: null, id }, { confidence: { not: null } }] } : { confidence: null, id };
  return forward
    ? { OR: [{ confidence: { gt: cursor.c } }, { confidence: cursor.c, id }] }
    : { OR: [{ confidence: null }, { confidence: { lt: cursor.c } }, { confidence: cursor.c, id }] };
}

function orderBy(sort: ReviewQueueSort, forward: boolean): Prisma.ObservationOrderByWithRelationInput[] {
  const direction = forward ? "asc" : "desc";
  if (sort === "oldest") return [{ createdAt: direction }, { id: direction }];
  return [{ confidence: { sort: direction, nulls: forward ? "first" : "last" } }, { id: direction }];
}

/**
 * The review queue: the store's PENDING observations across every profile, oldest or least
 * confident first, each with its profile and the messages it came from. Keyset pages in the
 * sort's order, so reviewing the rows of a page and reading the same page again brings up the
 * rows that come next.
 */
export async function listPendingObservations({ storeId, sort, pageSize, pageToken }: ListPendingObservationsOptions): Promise<Page<PendingObservationItem>> {
  const prisma = await getPrisma();
  const cursor = pageToken ? decodeCursor(pageToken, sort) : undefined;
  const forward = cursor?.d !== "p";
  const rows = await prisma.observation.findMany({
    where: { storeId, status: "PENDING", ...positionWhere(sort, cursor, forward) },
    orderBy: orderBy(sort, forward),
    take: pageSize + 1,
  });
  const hasMore = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  if (!forward) pageRows.reverse();

  // The profiles by their key in one statement: Prisma's `include` of this compound-key relation
  // matched profiles on `storeId = ANY(…)` without the id, a scan of the store's every profile.
  const profileIds = [...new Set(pageRows.map((row) => row.profileId))];
  const [profiles, messagesById] = await Promise.all([
    profileIds.length > 0 ? prisma.profile.findMany({ where: { storeId, id: { in: profileIds } }, select: { id: true, displayName: true } }) : [],
    listSourceMessages({ storeId, observations: pageRows }),
  ]);
  const profileById = new Map(profiles.map((profile) => [profile.id, profile]));
  const items = pageRows.map((row): PendingObservationItem => {
    const shown = messagesById.get(row.id) ?? { messages: [], hiddenSourceCount: 0 };
    return {
      id: row.id,
      content: row.content,
      kind: row.kind,
      confidence: row.confidence,
      source: row.source,
      status: row.status,
      version: row.version,
      occurredAt: row.occurredAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      conversationIds: row.conversationIds,
      communicationIds: row.communicationIds,
      profile: { id: row.profileId, displayName: profileById.get(row.profileId)?.displayName ?? null },
      ...shown,
    };
  });

  const toToken = (row: (typeof pageRows)[number] | undefined, direction: "n" | "p") =>
    row ? encodeCursor({ s: sort, d: direction, i: row.id, t: row.createdAt.toISOString(), c: row.confidence }) : null;
  const hasNext = forward ? hasMore : true;
  const hasPrevious = forward ? cursor !== undefined : hasMore;
  return {
    items,
    nextToken: hasNext ? toToken(pageRows[pageRows.length - 1], "n") : null,
    previousToken: hasPrevious ? toToken(pageRows[0], "p") : null,
  };
}
