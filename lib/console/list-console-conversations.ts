import { z } from "zod";
import { getPrisma } from "../db/client";
import { Prisma } from "../db/generated/client";
import { Channel, ConversationStatus, ParticipantType } from "../db/generated/enums";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import type { Page } from "../paging";
import type { AddressView } from "../conversations/conversation-view";

/** Longer than any address or id anyone pastes. */
export const MAX_CONVERSATION_SEARCH_LENGTH = 200;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, "not a calendar date");

/** The Conversations page's filters, as the URL carries them (`?channel=SMS&status=ACTIVE&from=2026-11-01&to=2026-11-30`). */
export const consoleConversationListQuery = z
  .object({
    channel: z.enum(Object.values(Channel) as [Channel, ...Channel[]]).optional(),
    status: z.enum(Object.values(ConversationStatus) as [ConversationStatus, ...ConversationStatus[]]).optional(),
    /** The first day (UTC) of the range the conversation's last activity falls in. */
    from: day.optional(),
    /** The last day (UTC) of that range. */
    to: day.optional(),
    pageToken: z.string().min(1).max(4096).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], message: "The end date is before the start date" });
export type ConsoleConversationListQuery = z.infer<typeof consoleConversationListQuery>;

export type ListConsoleConversationsOptions = {
  storeId: string;
  channel?: Channel;
  status?: ConversationStatus;
  /** Conversations whose last activity is at or after this instant. */
  activeFrom?: Date;
  /**
   * Conversations whose last activity is before this instant. (Not `createdAt`: an imported
   * history is created on the import day, long after its messages.)
   */
  activeBefore?: Date;
  /**
   * A conversation id, or (a prefix of) a participant's address as sent or as the store
   * normalises it. Each listed conversation's participants are checked, so combine it with a
   * narrowing filter (the handoff picker lists ACTIVE conversations only).
   */
  search?: string;
  pageSize: number;
  pageToken?: string;
};

export type ConsoleConversationParticipant = {
  id: string;
  type: ParticipantType;
  name: string | null;
  addresses: AddressView[];
  profileId: string | null;
  /** The linked profile's display name; null when it has none (or the profile is gone). */
  profileDisplayName: string | null;
};

export type ConsoleConversationRow = {
  id: string;
  channel: Channel;
  status: ConversationStatus;
  createdAt: Date;
  lastActivityAt: Date;
  closedAt: Date | null;
  messageCount: number;
  /** When its first message happened; null without messages (createdAt is when Kith recorded it, for an import much later). */
  firstMessageAt: Date | null;
  /** In the order they joined. */
  participants: ConsoleConversationParticipant[];
};

const cursorSchema = z.object({ t: z.number().int(), i: z.string().min(1).max(200), d: z.enum(["n", "p"]) });
type Cursor = { lastActivityAt: Date; id: string; direction: "next" | "previous" };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.lastActivityAt.getTime(), i: cursor.id, d: cursor.direction === "next" ? "n" : "p" })).toString("base64url");
}

function decodeCursor(token: string): Cursor {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    if (parsed.success) return { lastActivityAt: new Date(parsed.data.t), id: parsed.data.i, direction: parsed.data.d === "n" ? "next" : "previous" };
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "Invalid pageToken", { details: [{ path: "pageToken", message: "not a token this list issued" }] });
}

/** `%`, `_` and `\` stand for themselves in a LIKE pattern once escaped. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The Conversations page and the handoff picker: one page of a store's conversations, latest
 * activity first, filtered by channel, status, the days their last activity fell on and a search. Keyset
 * pages over (lastActivityAt, id) — the (storeId, lastActivityAt, id) index, or (storeId, status,
 * lastActivityAt) with a status — so page 1,000 costs what page 1 does. A conversation that gets
 * a message while someone pages moves to the top: it is not shown twice, and may be missed until
 * the first page is read again. The page's participants (with their profiles' names) and message
 * counts are one grouped query each.
 */
export async function listConsoleConversations({ storeId, channel, status, activeFrom, activeBefore, search, pageSize, pageToken }: ListConsoleConversationsOptions): Promise<Page<ConsoleConversationRow>> {
  const prisma = await getPrisma();
  const conditions: Prisma.Sql[] = [Prisma.sql`c."storeId" = ${storeId}`];
  if (channel) conditions.push(Prisma.sql`c."channel" = ${channel}::"Channel"`);
  if (status) conditions.push(Prisma.sql`c."status" = ${status}::"ConversationStatus"`);
  if (activeFrom) conditions.push(Prisma.sql`c."lastActivityAt" >= ${activeFrom}`);
  if (activeBefore) conditions.push(Prisma.sql`c."lastActivityAt" < ${activeBefore}`);
  const text = search?.trim().slice(0, MAX_CONVERSATION_SEARCH_LENGTH) ?? "";
  if (text) conditions.push(await searchCondition(storeId, text));

  const cursor = pageToken ? decodeCursor(pageToken) : undefined;
  const backwards = cursor?.direction === "previous";
  if (cursor) {
    conditions.push(
      backwards
        ? Prisma.sql`(c."lastActivityAt", c."id") > (${cursor.lastActivityAt}, ${cursor.id})`
        : Prisma.sql`(c."lastActivityAt", c."id") < (${cursor.lastActivityAt}, ${cursor.id})`,
    );
  }
  const direction = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  type Row = { id: string; channel: Channel; status: ConversationStatus; createdAt: Date; lastActivityAt: Date; closedAt: Date | null };
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c."id", c."channel", c."status", c."createdAt", c."lastActivityAt", c."closedAt" FROM "conversations" c
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY c."lastActivityAt" ${direction}, c."id" ${direction} LIMIT ${pageSize + 1}`;

  const hasMore = rows.length > pageSize;
  const items = rows.slice(0, pageSize);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== undefined;
  return {
    items: await describeConversations(storeId, items),
    nextToken: hasNext && last ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id, direction: "next" }) : null,
    previousToken: hasPrevious && first ? encodeCursor({ lastActivityAt: first.lastActivityAt, id: first.id, direction: "previous" }) : null,
  };
}

/**
 * A conversation id matches itself; anything else matches conversations with a participant whose
 * address, as sent or normalised the way the store normalises each identifier type
 * (`(415) 555-0123` → `+14155550123`), starts with the text, case-insensitively.
 */
async function searchCondition(storeId: string, text: string): Promise<Prisma.Sql> {
  if (isIdOf("conversation", text)) return Prisma.sql`c."id" = ${text}`;
  const prisma = await getPrisma();
  const settings = await readIdentitySettingsView(prisma, storeId);
  const prefixes = new Set([text.toLowerCase()]);
  for (const config of settings?.identifierConfigs ?? []) {
    const normalized = normalizeIdentifier(text, config.normalization);
    if (normalized.ok) prefixes.add(normalized.value.toLowerCase());
  }
  const matches = Prisma.join(
    [...prefixes].map((prefix) => Prisma.sql`lower(address ->> 'address') LIKE ${likePrefix(prefix)}`),
    " OR ",
  );
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "participants" pa, jsonb_array_elements(CASE WHEN jsonb_typeof(pa."addresses") = 'array' THEN pa."addresses" ELSE '[]'::jsonb END) AS address
    WHERE pa."storeId" = c."storeId" AND pa."conversationId" = c."id" AND (${matches}))`;
}

async function describeConversations(
  storeId: string,
  conversations: { id: string; channel: Channel; status: ConversationStatus; createdAt: Date; lastActivityAt: Date; closedAt: Date | null }[],
): Promise<ConsoleConversationRow[]> {
  if (conversations.length === 0) return [];
  const prisma = await getPrisma();
  const ids = conversations.map((conversation) => conversation.id);
  const [participants, counts] = await Promise.all([
    prisma.$queryRaw<(Omit<ConsoleConversationParticipant, "addresses"> & { conversationId: string; addresses: unknown })[]>`
      SELECT pa."conversationId", pa."id", pa."type", pa."name", pa."addresses", pa."profileId", p."displayName" AS "profileDisplayName"
      FROM "participants" pa LEFT JOIN "profiles" p ON p."storeId" = pa."storeId" AND p."id" = pa."profileId"
      WHERE pa."storeId" = ${storeId} AND pa."conversationId" = ANY(${ids}::text[])
      ORDER BY pa."createdAt", pa."id"`,
    prisma.$queryRaw<{ conversationId: string; count: number; firstMessageAt: Date }[]>`
      SELECT "conversationId", count(*)::int AS "count", min("occurredAt") AS "firstMessageAt" FROM "communications"
      WHERE "storeId" = ${storeId} AND "conversationId" = ANY(${ids}::text[])
      GROUP BY "conversationId"`,
  ]);
  return conversations.map((conversation) => {
    const messages = counts.find((row) => row.conversationId === conversation.id);
    return {
      ...conversation,
      messageCount: messages?.count ?? 0,
      firstMessageAt: messages?.firstMessageAt ?? null,
      participants: participants
        .filter((row) => row.conversationId === conversation.id)
        .map(({ id, type, name, addresses, profileId, profileDisplayName }) => ({
          id,
          type,
          name,
          addresses: Array.isArray(addresses) ? (addresses as AddressView[]) : [],
          profileId,
          profileDisplayName,
        })),
    };
  });
}

/** The URL's day filters as instants: `from` is the start of its UTC day, `to` the end of its (the next day's start). */
export function activeDayRange(query: { from?: string; to?: string }): { activeFrom?: Date; activeBefore?: Date } {
  const activeFrom = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
  const activeBefore = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) : undefined;
  return { activeFrom, activeBefore };
}
