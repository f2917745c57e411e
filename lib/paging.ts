import { z } from "zod";
import { AppError } from "./errors";

/**
 * Token paging in Twilio's shape (`pageSize`, `pageToken`, `orderBy`, and a `meta` block with
 * `nextToken` / `previousToken`). Pages are keyset pages over the row id: every id is a TypeID,
 * whose time-ordered suffix sorts in creation order, so paging stays stable and index-only while
 * rows are added, and costs the same on page 1 and page 10,000.
 */
export type SortOrder = "ASC" | "DESC";

export type PageRequest = { pageSize: number; pageToken?: string; orderBy: SortOrder };

export type Page<T> = { items: T[]; nextToken: string | null; previousToken: string | null };

type Cursor = { id: string; direction: "next" | "previous" };

export function pageRequestSchema(options: { maxPageSize: number; defaultPageSize?: number }) {
  return z.object({
    pageSize: z.coerce.number().int().min(1).max(options.maxPageSize).default(options.defaultPageSize ?? 50),
    pageToken: z.string().min(1).max(4096).optional(),
    orderBy: z.enum(["ASC", "DESC"]).default("DESC"),
  });
}

export function encodePageToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ i: cursor.id, d: cursor.direction === "next" ? "n" : "p" })).toString("base64url");
}

export function decodePageToken(token: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { i?: unknown; d?: unknown };
    if (typeof parsed.i === "string" && (parsed.d === "n" || parsed.d === "p")) {
      return { id: parsed.i, direction: parsed.d === "n" ? "next" : "previous" };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "Invalid pageToken", { details: [{ path: "pageToken", message: "not a token this list issued" }] });
}

export type KeysetWhere = { id?: { lt: string } | { gt: string } };
export type KeysetOrder = { id: "asc" | "desc" };

/**
 * Runs one keyset page: `fetchRows(where, orderBy, take)` must apply the three to its query
 * (alongside its own filters) and return rows with an `id`.
 */
export async function keysetPage<T extends { id: string }>(
  page: PageRequest,
  fetchRows: (where: KeysetWhere, orderBy: KeysetOrder, take: number) => Promise<T[]>,
): Promise<Page<T>> {
  const cursor = page.pageToken ? decodePageToken(page.pageToken) : undefined;
  const ascending = page.orderBy === "ASC";
  const backwards = cursor?.direction === "previous";
  // Walking backwards = walking the opposite order from the cursor, then flipping the rows.
  const walkAscending = backwards ? !ascending : ascending;
  const where: KeysetWhere = cursor ? { id: walkAscending ? { gt: cursor.id } : { lt: cursor.id } } : {};
  const rows = await fetchRows(where, { id: walkAscending ? "asc" : "desc" }, page.pageSize + 1);
  const hasMore = rows.length > page.pageSize;
  const items = rows.slice(0, page.pageSize);
  if (backwards) items.reverse();

  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = backwards ? cursor !== undefined : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== undefined;
  return {
    items,
    nextToken: hasNext && last ? encodePageToken({ id: last.id, direction: "next" }) : null,
    previousToken: hasPrevious && first ? encodePageToken({ id: first.id, direction: "previous" }) : null,
  };
}

/** Twilio's `meta` block; tokens that do not apply are left out, as Twilio does. */
export function pageMeta(key: string, page: Page<unknown>) {
  return {
    key,
    pageSize: page.items.length,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    ...(page.previousToken ? { previousToken: page.previousToken } : {}),
  };
}

/** Twilio's paging limits: control-plane lists up to 100 a page, data-plane lists up to 1,000. */
export const controlPlanePageQuery = pageRequestSchema({ maxPageSize: 100 });
export const dataPlanePageQuery = pageRequestSchema({ maxPageSize: 1000 });
