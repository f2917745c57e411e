import { Prisma, type Communication } from "../db/generated/client";
import type { RawQueryRunner } from "../db/client";
import { PREPARED_STATEMENT } from "../db/prepared-statements";
import { queryJsonCell } from "../db/query-json-cell";
import type { RecallAuthor } from "../db/vector";

/** A communication of the current conversation as recall reads it, with its author's fields. */
export type SessionRow = Communication & { participant: RecallAuthor | null };

export type SessionTail = {
  /** Whether the profile exists in the store (a miss is explained by findProfileOrThrow: 404 or 308). */
  profileFound: boolean;
  /** Whether the conversation exists in the store. */
  conversationFound: boolean;
  /** The conversation's latest `take` communications, newest first (empty when it was not found). */
  rows: SessionRow[];
};

export type ReadSessionTailOptions = { storeId: string; profileId: string; conversationId: string; take: number };

type JsonSessionRow = Omit<Communication, "storeId" | "occurredAt" | "createdAt"> & { occurredAt: number; createdAt: number; participant: RecallAuthor | null };

/**
 * Recall's reads before a conversation-inferred query, in one statement answered as one JSON value:
 * the profile check, the conversation check and its latest `take` turns with their authors. (As
 * three Prisma queries — profile, conversation, communications with participants — these had cost
 * more Node.js CPU than the searches they precede: docs/PERFORMANCE.md.) Timestamps travel as exact
 * epoch milliseconds.
 */
export async function readSessionTail(db: RawQueryRunner, { storeId, profileId, conversationId, take }: ReadSessionTailOptions): Promise<SessionTail> {
  const parsed = (await queryJsonCell<{ profileFound: boolean; conversationFound: boolean; rows: JsonSessionRow[] }>(db, Prisma.sql`${PREPARED_STATEMENT}
    SELECT json_build_object(
      'profileFound', EXISTS (SELECT 1 FROM "profiles" p WHERE p."storeId" = ${storeId} AND p."id" = ${profileId}),
      'conversationFound', EXISTS (SELECT 1 FROM "conversations" v WHERE v."storeId" = ${storeId} AND v."id" = ${conversationId}),
      'rows', (
        SELECT coalesce(json_agg(json_build_object(
                 'id', r."id", 'conversationId', r."conversationId", 'participantId', r."participantId", 'authorChannel', r."authorChannel",
                 'authorAddress', r."authorAddress", 'content', r."content", 'resourceId', r."resourceId", 'embeddingModel', r."embeddingModel",
                 'occurredAt', (extract(epoch FROM r."occurredAt") * 1000)::int8, 'createdAt', (extract(epoch FROM r."createdAt") * 1000)::int8,
                 'participant', CASE WHEN a."id" IS NOT NULL THEN json_build_object('profileId', a."profileId", 'name', a."name", 'type', a."type") END
               ) ORDER BY r."occurredAt" DESC, r."id" DESC), '[]'::json)
        FROM (
          SELECT c."storeId", c."id", c."conversationId", c."participantId", c."authorChannel", c."authorAddress", c."content", c."resourceId", c."embeddingModel", c."occurredAt", c."createdAt"
          FROM "communications" c WHERE c."storeId" = ${storeId} AND c."conversationId" = ${conversationId}
          ORDER BY c."occurredAt" DESC, c."id" DESC LIMIT ${take}
        ) r LEFT JOIN "participants" a ON a."storeId" = r."storeId" AND a."id" = r."participantId"
      )
    ) AS result`))!;
  return {
    profileFound: parsed.profileFound === true,
    conversationFound: parsed.conversationFound === true,
    rows: parsed.rows.map(({ occurredAt, createdAt, ...row }) => ({ storeId, ...row, occurredAt: new Date(occurredAt), createdAt: new Date(createdAt) })),
  };
}
