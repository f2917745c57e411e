import { Prisma } from "../db/generated/client";
import { sqlJson, sqlTimestamp } from "../db/sql-values";
import type { DbClient } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { newId } from "../ids";

export type AuditEventInput = {
  storeId: string | null;
  actor: Actor;
  /** `<resource>.<verb>`: `store.create`, `apiKey.revoke`, `profile.merge` … */
  action: string;
  resourceType: string;
  resourceId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

// JSON columns take plain JSON: Dates become ISO strings, undefined disappears.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/** The audit_events row of an event (with a new id), for writers that insert many at once. */
export function toAuditEventRow(event: AuditEventInput) {
  return {
    id: newId("auditEvent"),
    storeId: event.storeId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    before: toJson(event.before),
    after: toJson(event.after),
    requestId: event.requestId ?? null,
  };
}

/** Records who did what to which resource. Call it inside the write's own transaction. */
export async function recordAuditEvent(db: DbClient, event: AuditEventInput): Promise<string> {
  const row = toAuditEventRow(event);
  await db.auditEvent.create({ data: row });
  return row.id;
}

/** The same for a batch of writes, in one insert (imports and seeds write hundreds at once). */
export async function recordAuditEvents(db: DbClient, events: AuditEventInput[]): Promise<void> {
  if (events.length > 0) await db.auditEvent.createMany({ data: events.map(toAuditEventRow) });
}

/**
 * The same row as `recordAuditEvent` writes, as an `INSERT` statement to run together with
 * another write in one round trip (e.g. as the main statement after a `WITH … INSERT`).
 */
export function auditEventInsertSql(event: AuditEventInput, createdAt = new Date()): { id: string; sql: Prisma.Sql } {
  const row = toAuditEventRow(event);
  return {
    id: row.id,
    sql: Prisma.sql`INSERT INTO "audit_events" ("id", "storeId", "actorType", "actorId", "actorLabel", "action", "resourceType", "resourceId", "before", "after", "requestId", "createdAt")
      VALUES (${row.id}, ${row.storeId}, ${row.actorType}::"ActorType", ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.resourceType}, ${row.resourceId}, ${sqlJson(event.before)}, ${sqlJson(event.after)}, ${row.requestId}, ${sqlTimestamp(createdAt)})`,
  };
}
