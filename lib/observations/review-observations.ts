import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { AppError } from "../errors";
import { isIdOf, newId } from "../ids";
import { recordAuditEvents, type AuditEventInput } from "../audit/record-audit-event";
import { screenEditedContent } from "../extraction/screen-edited-content";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";
import { toObservationView, type ObservationView } from "./observation-view";

/** Most observations one review call decides (a review-queue page is at most 50). */
export const MAX_OBSERVATIONS_PER_REVIEW = 100;

export type ObservationReview = {
  observationId: string;
  /** The version the reviewer saw: a newer one (edited or reconciled since) is not decided blind. */
  expectedVersion: number;
  /** Approve this text instead (edit-then-approve); screened by the guard like any edit. */
  content?: string;
};

export type ReviewObservationsOptions = {
  storeId: string;
  decision: "APPROVED" | "REJECTED";
  reviews: ObservationReview[];
  actor: Actor;
  requestId?: string;
};

/** An observation left as it was: another reviewer got there first, or it changed since it was shown. */
export type SkippedReview = { observationId: string; reason: "already_reviewed" | "changed"; status: ObservationView["status"]; version: number };

export type ReviewObservationsResult = { reviewed: ObservationView[]; skipped: SkippedReview[] };

/**
 * Approves or rejects PENDING observations of the store (SUPERVISOR), in one transaction, as a
 * PATCH of `status` does one at a time: status, reviewer and time set, version bumped, a REVIEWED
 * revision and an `observation.approve` / `observation.reject` audit event each. With `content`,
 * the text is edited first (an EDITED revision, still PENDING) and then approved, so the history
 * shows both steps. An id that is not this store's observation refuses the whole call (404,
 * nothing written); one that is no longer PENDING, or no longer at the version the reviewer saw,
 * is skipped and reported — a colleague's decision is never silently overwritten.
 */
export async function reviewObservations({ storeId, decision, reviews, actor, requestId }: ReviewObservationsOptions): Promise<ReviewObservationsResult> {
  requireRole(actor, "SUPERVISOR");
  if (reviews.length === 0) return { reviewed: [], skipped: [] };
  if (reviews.length > MAX_OBSERVATIONS_PER_REVIEW) throw new AppError("bad_request", `At most ${MAX_OBSERVATIONS_PER_REVIEW} observations per review`);
  const ids = [...new Set(reviews.map((review) => review.observationId))];
  if (ids.length !== reviews.length) throw new AppError("bad_request", "Each observation may be reviewed once per call");
  if (decision === "REJECTED" && reviews.some((review) => review.content !== undefined)) {
    throw new AppError("bad_request", "Only an approval can edit the content", { details: [{ path: "content", message: "edit-then-reject is not a review" }] });
  }
  const unknown = ids.find((id) => !isIdOf("observation", id));
  if (unknown) throw new AppError("not_found", `Observation ${unknown} not found`);

  // The guard runs before the write, as for a PATCH: refused content is a 400 and nothing is decided.
  const contents = new Map<string, string>();
  for (const review of reviews) {
    if (review.content === undefined) continue;
    const screened = await screenEditedContent(review.content, {
      storeId,
      resourceType: "observation",
      findProfileId: async (tx) => {
        const row = await tx.observation.findUnique({ where: { storeId_id: { storeId, id: review.observationId } }, select: { profileId: true } });
        if (!row) throw new AppError("not_found", `Observation ${review.observationId} not found`);
        return row.profileId;
      },
      actor,
      requestId,
    });
    contents.set(review.observationId, screened!);
  }

  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // Locked in id order, so two reviewers' overlapping selections cannot deadlock.
    const sortedIds = [...ids].sort();
    await tx.$queryRaw`SELECT "id" FROM "observations" WHERE "storeId" = ${storeId} AND "id" = ANY(${sortedIds}::text[]) ORDER BY "id" FOR UPDATE`;
    const rows = await tx.observation.findMany({ where: { storeId, id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new AppError("not_found", `Observation ${missing} not found`);

    const skipped: SkippedReview[] = [];
    const decided: { before: (typeof rows)[number]; content: string | undefined; version: number }[] = [];
    for (const review of reviews) {
      const before = byId.get(review.observationId)!;
      if (before.status !== "PENDING") skipped.push({ observationId: before.id, reason: "already_reviewed", status: before.status, version: before.version });
      else if (before.version !== review.expectedVersion) skipped.push({ observationId: before.id, reason: "changed", status: before.status, version: before.version });
      else {
        const content = contents.get(before.id);
        const edited = content !== undefined && content !== before.content;
        decided.push({ before, content: edited ? content : undefined, version: before.version + (edited ? 2 : 1) });
      }
    }
    if (decided.length === 0) return { reviewed: [], skipped };

    const reviewedAt = new Date();
    const reviewedById = actor.id ?? actor.label;
    await tx.observationRevision.createMany({
      data: decided.flatMap(({ before, content, version }) => {
        const base = { storeId, observationId: before.id, confidence: before.confidence, actorType: actor.type, actorId: actor.id };
        return [
          ...(content !== undefined ? [{ ...base, id: newId("revision"), version: before.version + 1, content, status: "PENDING" as const, reason: "EDITED" }] : []),
          { ...base, id: newId("revision"), version, content: content ?? before.content, status: decision, reason: "REVIEWED" },
        ];
      }),
    });
    // Unedited ones in one statement (each one version up); edited ones carry their own text.
    const unedited = decided.filter((item) => item.content === undefined).map((item) => item.before.id);
    if (unedited.length > 0) {
      await tx.observation.updateMany({ where: { storeId, id: { in: unedited } }, data: { status: decision, reviewedAt, reviewedById, version: { increment: 1 } } });
    }
    for (const { before, content, version } of decided) {
      if (content !== undefined) await tx.observation.update({ where: { storeId_id: { storeId, id: before.id } }, data: { content, status: decision, reviewedAt, reviewedById, version } });
    }
    const after = new Map((await tx.observation.findMany({ where: { storeId, id: { in: decided.map((item) => item.before.id) } } })).map((row) => [row.id, row]));
    const reviewed = decided.map(({ before }) => toObservationView(after.get(before.id)!));
    await recordAuditEvents(
      tx,
      decided.map(({ before, content, version }): AuditEventInput => ({
        storeId, actor, action: decision === "APPROVED" ? "observation.approve" : "observation.reject",
        resourceType: "observation", resourceId: before.id,
        before: { content: before.content, status: before.status, version: before.version },
        after: { content: content ?? before.content, status: decision, version, ...(content !== undefined ? { edited: true } : {}) },
        requestId,
      })),
    );
    if (decided.some((item) => item.content !== undefined)) await enqueueEmbeddingJob(tx, storeId);
    return { reviewed, skipped };
  });
}
