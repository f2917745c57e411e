import { getPrisma } from "../db/client";
import type { AuditEvent } from "../db/generated/client";
import type { ActorType } from "../db/generated/enums";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { keysetPage, type PageRequest, type Page } from "../paging";

export type ListAuditEventsOptions = {
  /** A store's trail, or null for account-wide events (users, all-store keys): all-stores admins only. */
  storeId: string | null;
  actor: Actor;
  page: PageRequest;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  /** Only events by this kind of actor (e.g. SYSTEM, which has no actorId). */
  actorType?: ActorType;
  /** Only events recorded at or after this instant. */
  createdFrom?: Date;
  /** Only events recorded before this instant. */
  createdBefore?: Date;
};

/** An audit trail, newest first by default, filterable by actor, resource, action and time. */
export async function listAuditEvents({ storeId, actor, page, actorId, resourceType, resourceId, action, actorType, createdFrom, createdBefore }: ListAuditEventsOptions): Promise<Page<AuditEvent>> {
  requireRole(actor, "SUPERVISOR");
  if (storeId === null) {
    requireRole(actor, "ADMIN");
    if (actor.storeId !== null) throw new AppError("forbidden", "Account-wide events are for all-stores admins");
  } else if (actor.storeId !== null && actor.storeId !== storeId) {
    throw new AppError("not_found", "Store not found");
  }
  const prisma = await getPrisma();
  return keysetPage(page, (where, orderBy, take) =>
    prisma.auditEvent.findMany({
      where: {
        storeId,
        actorId,
        actorType,
        resourceType,
        resourceId,
        action,
        ...(createdFrom || createdBefore ? { createdAt: { gte: createdFrom, lt: createdBefore } } : {}),
        ...where,
      },
      orderBy,
      take,
    }),
  );
}
