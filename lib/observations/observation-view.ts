import type { Observation, ObservationRevision } from "../db/generated/client";

/**
 * Twilio's ObservationInfo (`id`, `content`, `source`, `occurredAt`, `conversationIds`,
 * `createdAt`, `updatedAt`) plus Kith's provenance and review fields.
 */
export type ObservationView = {
  id: string;
  content: string;
  source: string;
  occurredAt: Date;
  conversationIds: string[];
  createdAt: Date;
  updatedAt: Date;
  profileId: string;
  kind: string | null;
  status: Observation["status"];
  confidence: number | null;
  communicationIds: string[];
  version: number;
  reviewedAt: Date | null;
  reviewedById: string | null;
};

export function toObservationView(row: Observation): ObservationView {
  return {
    id: row.id,
    content: row.content,
    source: row.source,
    occurredAt: row.occurredAt,
    conversationIds: row.conversationIds,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    profileId: row.profileId,
    kind: row.kind,
    status: row.status,
    confidence: row.confidence,
    communicationIds: row.communicationIds,
    version: row.version,
    reviewedAt: row.reviewedAt,
    reviewedById: row.reviewedById,
  };
}

/** One state an observation was in, newest first in GET …/Revisions (the first is the current one). */
export type ObservationRevisionView = {
  id: string;
  revisionId: string;
  version: number;
  content: string;
  status: ObservationRevision["status"];
  confidence: number | null;
  /** CREATED, EDITED, RECONCILED, REVIEWED */
  reason: string;
  actor: { type: ObservationRevision["actorType"]; id: string | null };
  createdAt: Date;
  updatedAt: Date;
};

export function toObservationRevisionView(row: ObservationRevision): ObservationRevisionView {
  return {
    id: row.observationId,
    revisionId: row.id,
    version: row.version,
    content: row.content,
    status: row.status,
    confidence: row.confidence,
    reason: row.reason,
    actor: { type: row.actorType, id: row.actorId },
    createdAt: row.createdAt,
    updatedAt: row.createdAt,
  };
}
