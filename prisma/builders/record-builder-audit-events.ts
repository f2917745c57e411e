import type { Prisma } from "../../lib/db/generated/client";
import type { DbClient } from "../../lib/db/transaction";
import type { AuditEventInput } from "../../lib/audit/record-audit-event";
import { newId } from "../../lib/ids";

/**
 * The audit events of a batch of builder writes in one insert: the same rows recordAuditEvent
 * writes one at a time (a seed writes hundreds, and one round trip each would dominate its time).
 */
export async function recordBuilderAuditEvents(db: DbClient, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const toJson = (value: unknown) => (value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));
  await db.auditEvent.createMany({
    data: events.map((event) => ({
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
    })),
  });
}
