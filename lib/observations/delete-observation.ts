import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findObservationOrThrow } from "./find-observation-or-throw";

export type DeleteObservationOptions = { storeId: string; profileId: string; observationId: string; actor: Actor; requestId?: string };

/**
 * DELETE …/Observations/{id}: removes the observation and its revisions (a deletion is meant to
 * forget; to keep a wrong fact from coming back, reject it instead). The audit event keeps that
 * it happened, not what it said.
 */
export async function deleteObservation({ storeId, profileId, observationId, actor, requestId }: DeleteObservationOptions): Promise<void> {
  requireRole(actor, "AGENT");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const observation = await findObservationOrThrow(tx, { storeId, profileId, observationId, forUpdate: true });
    await tx.observationRevision.deleteMany({ where: { storeId, observationId: observation.id } });
    await tx.observation.delete({ where: { storeId_id: { storeId, id: observation.id } } });
    await recordAuditEvent(tx, { storeId, actor, action: "observation.delete", resourceType: "observation", resourceId: observation.id, before: { profileId: observation.profileId, version: observation.version, status: observation.status }, requestId });
  });
}
