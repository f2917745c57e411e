import { getPrisma } from "../db/client";
import type { ActorType } from "../db/generated/enums";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";

export type AuditActorView = { actorType: ActorType; actorId: string | null; label: string; lastSeenAt: Date };

export type ListAuditActorsOptions = {
  /** A store's trail, or null for account-wide events (all-stores admins only), as listAuditEvents. */
  storeId: string | null;
  actor: Actor;
  limit?: number;
};

/**
 * Who appears in a trail — users, API keys and Kith itself — most recently active first, for the
 * console's actor filter. One row per actor (a renamed key or user keeps one of its recorded labels).
 */
export async function listAuditActors({ storeId, actor, limit = 200 }: ListAuditActorsOptions): Promise<AuditActorView[]> {
  requireRole(actor, "SUPERVISOR");
  if (storeId === null) {
    requireRole(actor, "ADMIN");
    if (actor.storeId !== null) throw new AppError("forbidden", "Account-wide events are for all-stores admins");
  } else if (actor.storeId !== null && actor.storeId !== storeId) {
    throw new AppError("not_found", "Store not found");
  }
  const prisma = await getPrisma();
  const groups = await prisma.auditEvent.groupBy({
    by: ["actorType", "actorId"],
    where: { storeId },
    _max: { createdAt: true, actorLabel: true },
    orderBy: { _max: { createdAt: "desc" } },
    take: limit,
  });
  return groups.map((group) => ({
    actorType: group.actorType,
    actorId: group.actorId,
    label: group.actorType === "SYSTEM" ? "Kith (system)" : (group._max.actorLabel ?? group.actorId ?? "unknown"),
    lastSeenAt: group._max.createdAt ?? new Date(0),
  }));
}
