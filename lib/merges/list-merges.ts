import { z } from "zod";
import { getPrisma } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { MergeStatus } from "../db/generated/enums";
import { AppError } from "../errors";
import { keysetPage, type Page, type PageRequest } from "../paging";
import { toMergeView, type MergeView } from "./merge-view";

/**
 * Which moment a list of merges is ordered by: when each was recorded (its id, the default and
 * what the HTTP API pages by), when it was decided (approved or rejected), or when it was undone.
 */
export type MergeOrder = "recorded" | "decided" | "undone";

export type ListMergesOptions = {
  storeId: string;
  page: PageRequest;
  status?: MergeStatus;
  profileId?: string;
  /** "decided" needs status APPLIED or REJECTED, "undone" needs UNDONE: those rows always have the time. */
  order?: MergeOrder;
};

const timeColumns = { decided: "decidedAt", undone: "undoneAt" } as const;
const statusesWithTime: Record<keyof typeof timeColumns, MergeStatus[]> = { decided: ["APPLIED", "REJECTED"], undone: ["UNDONE"] };

/** The store's merges (the merge queue with status PENDING), newest first by default. */
export async function listMerges({ storeId, page, status, profileId, order = "recorded" }: ListMergesOptions): Promise<Page<MergeView>> {
  const prisma = await getPrisma();
  const filter: Prisma.MergeWhereInput = {
    storeId,
    status,
    ...(profileId ? { OR: [{ survivorProfileId: profileId }, { sourceProfileId: profileId }] } : {}),
  };
  if (order === "recorded") {
    const merges = await keysetPage(page, (where, orderBy, take) => prisma.merge.findMany({ where: { ...filter, ...where }, orderBy, take }));
    return { ...merges, items: merges.items.map(toMergeView) };
  }

  if (!status || !statusesWithTime[order].includes(status)) {
    throw new AppError("bad_request", `Merges ordered by ${order} time need status ${statusesWithTime[order].join(" or ")}`, {
      details: [{ path: "status", message: `not ${statusesWithTime[order].join(" or ")}` }],
    });
  }
  const column = timeColumns[order];
  const cursor = page.pageToken ? decodeTimeCursor(page.pageToken) : undefined;
  // Walking backwards = walking the opposite order from the cursor, then flipping the rows.
  const backwards = cursor?.direction === "previous";
  const walkAscending = backwards ? page.orderBy !== "ASC" : page.orderBy === "ASC";
  const direction = walkAscending ? "asc" : "desc";
  const beyond = walkAscending ? "gt" : "lt";
  const after: Prisma.MergeWhereInput = cursor
    ? { AND: [{ OR: [{ [column]: { [beyond]: cursor.time } }, { [column]: cursor.time, id: { [beyond]: cursor.id } }] }] }
    : {};
  const rows = await prisma.merge.findMany({
    // Every merge of these statuses has the time; the not-null test lets the index serve the order.
    where: { ...filter, [column]: { not: null }, ...after },
    orderBy: [{ [column]: direction }, { id: direction }],
    take: page.pageSize + 1,
  });
  const hasMore = rows.length > page.pageSize;
  const items = rows.slice(0, page.pageSize);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== undefined;
  return {
    items: items.map(toMergeView),
    nextToken: hasNext && last ? encodeTimeCursor({ time: last[column]!, id: last.id, direction: "next" }) : null,
    previousToken: hasPrevious && first ? encodeTimeCursor({ time: first[column]!, id: first.id, direction: "previous" }) : null,
  };
}

type TimeCursor = { time: Date; id: string; direction: "next" | "previous" };
const timeCursorSchema = z.object({ t: z.number().int(), i: z.string().min(1).max(200), d: z.enum(["n", "p"]) });

function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.time.getTime(), i: cursor.id, d: cursor.direction === "next" ? "n" : "p" })).toString("base64url");
}

function decodeTimeCursor(token: string): TimeCursor {
  try {
    const parsed = timeCursorSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    if (parsed.success) return { time: new Date(parsed.data.t), id: parsed.data.i, direction: parsed.data.d === "n" ? "next" : "previous" };
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "Invalid pageToken", { details: [{ path: "pageToken", message: "not a token this list issued" }] });
}
