import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { canAccessStore } from "../auth/roles";

export type GetOperationOptions = { operationId: string; actor: Actor };

export type OperationView = {
  operationId: string;
  status: "COMPLETED";
  createdAt: Date;
  completedAt: Date;
  result: { type: "RESOURCE_ID"; id: string | null };
  action: string;
};

/**
 * Twilio answers control-plane writes with 202 and an operation to poll. Kith applies writes
 * before answering, so every operation is already complete: it is found through the audit event
 * the write recorded under its request id.
 */
export async function getOperation({ operationId, actor }: GetOperationOptions): Promise<OperationView> {
  const prisma = await getPrisma();
  // The operation id is the write's request id; one request may record several events.
  const event = /^RQ[0-9a-f]{32}$/.test(operationId)
    ? await prisma.auditEvent.findFirst({ where: { requestId: operationId }, orderBy: { id: "asc" } })
    : null;
  const visible = event && (event.storeId === null ? actor.storeId === null : canAccessStore(actor, event.storeId));
  if (!event || !visible) throw new AppError("not_found", "Operation not found", { code: 520052 });
  return {
    operationId,
    status: "COMPLETED",
    createdAt: event.createdAt,
    completedAt: event.createdAt,
    result: { type: "RESOURCE_ID", id: event.resourceId },
    action: event.action,
  };
}
