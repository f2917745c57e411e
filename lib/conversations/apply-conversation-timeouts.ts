import { getPrisma } from "../db/client";
import type { Channel } from "../db/generated/enums";
import type { Tx } from "../db/transaction";
import { systemActor } from "../auth/actor";
import { recordAuditEvents } from "../audit/record-audit-event";
import { channels, defaultConversationTimeouts, type ConversationTimeouts } from "../stores/store-schemas";
import { runConversationClosedHooks } from "./run-conversation-closed-hooks";

export type ApplyConversationTimeoutsOptions = {
  /** One store, or null for every active store. */
  storeId: string | null;
  /** The time to judge inactivity against (tests pass their own). */
  now?: Date;
  /** Conversations changed per transaction. */
  batchSize?: number;
};

export type ApplyConversationTimeoutsResult = { inactivated: number; closed: number };

type ChangedRow = { id: string; previousStatus: string; changedAt: Date };

const minute = 60_000;

/**
 * One batch of one transition for one store and channel, in one statement: the rows are picked
 * with FOR UPDATE SKIP LOCKED (a conversation being written to right now waits for the next run)
 * and stamped with the time they actually went quiet — `lastActivityAt` plus the timeout, never
 * later than `now` — so a late run does not pretend the conversation idled only now.
 */
async function moveBatch(tx: Tx, args: { storeId: string; channel: Channel; to: "INACTIVE" | "CLOSED"; now: Date; inactiveMinutes: number; closedMinutes: number; batchSize: number }): Promise<ChangedRow[]> {
  const { storeId, channel, now, inactiveMinutes, closedMinutes, batchSize } = args;
  if (args.to === "CLOSED") {
    const cutoff = new Date(now.getTime() - closedMinutes * minute);
    return tx.$queryRaw<ChangedRow[]>`
      WITH picked AS (
        SELECT "storeId", "id", "status" FROM "conversations"
        WHERE "storeId" = ${storeId} AND "channel" = ${channel}::"Channel" AND "status" IN ('ACTIVE', 'INACTIVE') AND "lastActivityAt" < ${cutoff}::timestamp(3)
        ORDER BY "lastActivityAt" LIMIT ${batchSize}::int FOR UPDATE SKIP LOCKED
      )
      UPDATE "conversations" AS c SET
        "status" = 'CLOSED',
        "closedAt" = LEAST(${now}::timestamp(3), c."lastActivityAt" + make_interval(mins => ${closedMinutes}::int)),
        "inactiveAt" = COALESCE(c."inactiveAt", LEAST(${now}::timestamp(3), c."lastActivityAt" + make_interval(mins => ${inactiveMinutes}::int))),
        "updatedAt" = ${now}::timestamp(3)
      FROM picked WHERE c."storeId" = picked."storeId" AND c."id" = picked."id"
      RETURNING c."id", picked."status"::text AS "previousStatus", c."closedAt" AS "changedAt"`;
  }
  const cutoff = new Date(now.getTime() - inactiveMinutes * minute);
  return tx.$queryRaw<ChangedRow[]>`
    WITH picked AS (
      SELECT "storeId", "id", "status" FROM "conversations"
      WHERE "storeId" = ${storeId} AND "channel" = ${channel}::"Channel" AND "status" = 'ACTIVE' AND "lastActivityAt" < ${cutoff}::timestamp(3)
      ORDER BY "lastActivityAt" LIMIT ${batchSize}::int FOR UPDATE SKIP LOCKED
    )
    UPDATE "conversations" AS c SET
      "status" = 'INACTIVE',
      "inactiveAt" = LEAST(${now}::timestamp(3), c."lastActivityAt" + make_interval(mins => ${inactiveMinutes}::int)),
      "updatedAt" = ${now}::timestamp(3)
    FROM picked WHERE c."storeId" = picked."storeId" AND c."id" = picked."id"
    RETURNING c."id", picked."status"::text AS "previousStatus", c."inactiveAt" AS "changedAt"`;
}

/**
 * SPEC §5: per-channel inactivity timeouts (store settings). ACTIVE conversations quiet for longer
 * than their channel's `inactiveAfterMinutes` become INACTIVE; ACTIVE or INACTIVE ones quiet for
 * longer than `closedAfterMinutes` become CLOSED (the closed hooks run, as for any close). Works
 * in batches, one transaction each, audited as the system; running it again changes nothing.
 */
export async function applyConversationTimeouts({ storeId, now = new Date(), batchSize = 500 }: ApplyConversationTimeoutsOptions): Promise<ApplyConversationTimeoutsResult> {
  const prisma = await getPrisma();
  const stores = await prisma.store.findMany({ where: { status: "ACTIVE", ...(storeId ? { id: storeId } : {}) }, select: { id: true, conversationTimeouts: true } });
  const result: ApplyConversationTimeoutsResult = { inactivated: 0, closed: 0 };
  for (const store of stores) {
    const timeouts: ConversationTimeouts = { ...defaultConversationTimeouts, ...(store.conversationTimeouts as Partial<ConversationTimeouts>) };
    for (const channel of channels) {
      const { inactiveAfterMinutes: inactiveMinutes, closedAfterMinutes: closedMinutes } = timeouts[channel];
      // Closing first: a conversation past both timeouts goes straight to CLOSED, one change.
      for (const to of ["CLOSED", "INACTIVE"] as const) {
        for (;;) {
          const moved = await prisma.$transaction(async (tx) => {
            const rows = await moveBatch(tx, { storeId: store.id, channel, to, now, inactiveMinutes, closedMinutes, batchSize });
            await recordAuditEvents(
              tx,
              rows.map((row) => ({
                storeId: store.id,
                actor: systemActor,
                action: "conversation.status",
                resourceType: "conversation",
                resourceId: row.id,
                before: { status: row.previousStatus },
                after: { status: to, reason: `no activity for ${to === "CLOSED" ? closedMinutes : inactiveMinutes} minutes (${channel} timeout)`, at: row.changedAt },
              })),
            );
            if (to === "CLOSED") await runConversationClosedHooks(tx, rows.map((row) => ({ storeId: store.id, conversationId: row.id, closedAt: row.changedAt })), systemActor);
            return rows.length;
          });
          result[to === "CLOSED" ? "closed" : "inactivated"] += moved;
          if (moved < batchSize) break;
        }
      }
    }
  }
  return result;
}
