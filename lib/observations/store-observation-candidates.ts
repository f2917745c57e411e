import type { Observation } from "../db/generated/client";
import type { ObservationStatus } from "../db/generated/enums";
import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ExistingObservation, ObservationKind, ReconciliationDecision } from "../extraction/extraction-types";
import { decideReconciliation } from "../extraction/decide-reconciliation";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

/** One observation to store, already screened by the guard. */
export type ObservationToStore = {
  content: string;
  kind: ObservationKind;
  confidence: number | null;
  occurredAt: Date;
  source: string;
  conversationIds: string[];
  communicationIds: string[];
  /** The status a new (or reconciled) observation gets. */
  status: ObservationStatus;
};

/** How to reconcile one candidate against the profile's observations as they stand (pure rules by default). */
export type DecideFn = (candidate: ObservationToStore, existing: ExistingObservation[]) => ReconciliationDecision;

export type StoredObservationOutcome = { decision: ReconciliationDecision; observation: Observation | null };

export type StoreObservationCandidatesOptions = {
  storeId: string;
  profileId: string;
  candidates: ObservationToStore[];
  actor: Actor;
  requestId?: string;
  decide?: DecideFn;
};

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

function toExisting(row: Observation): ExistingObservation {
  return { id: row.id, content: row.content, kind: (row.kind as ObservationKind | null) ?? null, status: row.status, occurredAt: row.occurredAt };
}

/**
 * Reconciles each candidate against the profile's observations and applies the decision, inside
 * the caller's transaction (SPEC §5): add a new observation; update an existing one (newer
 * contradiction or richer detail: content replaced, provenance joined, version bumped — the
 * previous text stays as a revision); or discard a duplicate. Candidates are taken in order, each
 * seeing what the earlier ones did. The profile row is locked first, so two writers reconciling
 * for one profile take turns and cannot both add the same fact.
 */
export async function storeObservationCandidates(tx: Tx, options: StoreObservationCandidatesOptions): Promise<StoredObservationOutcome[]> {
  const { storeId, profileId, candidates, actor, requestId, decide = (candidate, existing) => decideReconciliation(candidate, existing) } = options;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "profiles" WHERE "storeId" = ${storeId} AND "id" = ${profileId} FOR UPDATE`;
  // Gone since the caller looked (merged away or erased): say so the way a read would (301/404).
  if (locked.length === 0) await findProfileOrThrow(tx, { storeId, profileId });
  const rows = await tx.observation.findMany({ where: { storeId, profileId }, orderBy: { id: "asc" } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const outcomes: StoredObservationOutcome[] = [];

  for (const candidate of candidates) {
    const decision = decide(candidate, [...byId.values()].map(toExisting));
    if (decision.action === "discard") {
      outcomes.push({ decision, observation: byId.get(decision.observationId) ?? null });
      continue;
    }
    if (decision.action === "add") {
      const id = newId("observation");
      const created = await tx.observation.create({
        data: {
          storeId,
          id,
          profileId,
          content: candidate.content,
          source: candidate.source,
          kind: candidate.kind,
          status: candidate.status,
          confidence: candidate.confidence,
          occurredAt: candidate.occurredAt,
          conversationIds: candidate.conversationIds,
          communicationIds: candidate.communicationIds,
          revisions: {
            create: {
              id: newId("revision"),
              version: 1,
              content: candidate.content,
              status: candidate.status,
              confidence: candidate.confidence,
              reason: "CREATED",
              actorType: actor.type,
              actorId: actor.id,
            },
          },
        },
      });
      byId.set(id, created);
      await recordAuditEvent(tx, {
        storeId, actor, action: "observation.create", resourceType: "observation", resourceId: id,
        after: { profileId, content: created.content, kind: created.kind, status: created.status, source: created.source, communicationIds: created.communicationIds, reason: decision.reason },
        requestId,
      });
      outcomes.push({ decision, observation: created });
      continue;
    }
    const before = byId.get(decision.observationId);
    if (!before || before.status === "REJECTED") throw new Error(`reconciliation chose observation ${decision.observationId}, which cannot be updated`);
    const version = before.version + 1;
    const confidence = candidate.confidence === null ? before.confidence : Math.max(candidate.confidence, before.confidence ?? 0);
    const updated = await tx.observation.update({
      where: { storeId_id: { storeId, id: before.id } },
      data: {
        content: decision.content,
        kind: candidate.kind,
        status: candidate.status,
        confidence,
        occurredAt: candidate.occurredAt > before.occurredAt ? candidate.occurredAt : before.occurredAt,
        conversationIds: union(before.conversationIds, candidate.conversationIds),
        communicationIds: union(before.communicationIds, candidate.communicationIds),
        version,
        ...(candidate.status === "PENDING" ? { reviewedAt: null, reviewedById: null } : {}),
        revisions: {
          create: { id: newId("revision"), version, content: decision.content, status: candidate.status, confidence, reason: "RECONCILED", actorType: actor.type, actorId: actor.id },
        },
      },
    });
    byId.set(updated.id, updated);
    await recordAuditEvent(tx, {
      storeId, actor, action: "observation.reconcile", resourceType: "observation", resourceId: updated.id,
      before: { content: before.content, version: before.version, status: before.status },
      after: { content: updated.content, version, status: updated.status, kind: decision.kind, reason: decision.reason, communicationIds: candidate.communicationIds },
      requestId,
    });
    outcomes.push({ decision, observation: updated });
  }
  if (outcomes.some((outcome) => outcome.decision.action !== "discard")) await enqueueEmbeddingJob(tx, storeId);
  return outcomes;
}
