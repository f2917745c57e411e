import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { screenEditedContent } from "../extraction/screen-edited-content";
import { checkProvenanceIds } from "./check-provenance-ids";
import { findObservationOrThrow } from "./find-observation-or-throw";
import type { ObservationPatch } from "./observation-schemas";
import { toObservationView, type ObservationView } from "./observation-view";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export type UpdateObservationOptions = { storeId: string; profileId: string; observationId: string; patch: ObservationPatch; actor: Actor; requestId?: string };

/**
 * PATCH …/Observations/{id}: edits content, source, occurredAt, conversationIds or kind, and/or
 * reviews it (status, with the reviewer and time). Every change bumps the version and keeps the
 * new state as a revision, so the earlier text stays readable. New content is screened by the
 * guard: special-category or payment data is refused (400), never stored.
 */
export async function updateObservation({ storeId, profileId, observationId, patch, actor, requestId }: UpdateObservationOptions): Promise<ObservationView> {
  requireRole(actor, "AGENT");
  const content = await screenEditedContent(patch.content, {
    storeId,
    resourceType: "observation",
    findProfileId: async (tx) => (await findObservationOrThrow(tx, { storeId, profileId, observationId })).profileId,
    actor,
    requestId,
  });
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await findObservationOrThrow(tx, { storeId, profileId, observationId, forUpdate: true });
    await checkProvenanceIds(tx, storeId, [{ conversationIds: patch.conversationIds }], "");
    const reviewed = patch.status !== undefined && patch.status !== before.status;
    const edited = (content !== undefined && content !== before.content) || patch.kind !== undefined || patch.source !== undefined || patch.occurredAt !== undefined || patch.conversationIds !== undefined;
    if (!reviewed && !edited) return toObservationView(before);
    const version = before.version + 1;
    const status = patch.status ?? before.status;
    if (content !== undefined && content !== before.content) await enqueueEmbeddingJob(tx, storeId);
    const updated = await tx.observation.update({
      where: { storeId_id: { storeId, id: before.id } },
      data: {
        ...(content !== undefined ? { content } : {}),
        ...(patch.source !== undefined ? { source: patch.source } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.occurredAt !== undefined ? { occurredAt: new Date(patch.occurredAt) } : {}),
        ...(patch.conversationIds !== undefined ? { conversationIds: patch.conversationIds } : {}),
        ...(reviewed ? { status, reviewedAt: new Date(), reviewedById: actor.id ?? actor.label } : {}),
        version,
        revisions: {
          create: { id: newId("revision"), version, content: content ?? before.content, status, confidence: before.confidence, reason: edited ? "EDITED" : "REVIEWED", actorType: actor.type, actorId: actor.id },
        },
      },
    });
    await recordAuditEvent(tx, {
      storeId, actor, action: reviewed && !edited ? `observation.${status === "APPROVED" ? "approve" : status === "REJECTED" ? "reject" : "unreview"}` : "observation.update",
      resourceType: "observation", resourceId: before.id,
      before: { content: before.content, status: before.status, version: before.version },
      after: { content: updated.content, status: updated.status, version },
      requestId,
    });
    return toObservationView(updated);
  });
}
