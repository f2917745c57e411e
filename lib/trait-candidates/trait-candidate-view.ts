import type { TraitCandidate } from "../db/generated/client";

/** A contact trait a customer stated in a conversation, waiting for (or past) an admin's decision. */
export type TraitCandidateView = {
  id: string;
  profileId: string;
  conversationId: string;
  traitGroup: string;
  name: string;
  value: string;
  confidence: number;
  communicationIds: string[];
  /** PENDING, APPLIED, REJECTED, INVALID */
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
};

export function toTraitCandidateView(row: TraitCandidate, profileId = row.profileId): TraitCandidateView {
  return {
    id: row.id,
    profileId,
    conversationId: row.conversationId,
    traitGroup: row.groupName,
    name: row.traitName,
    value: row.value,
    confidence: row.confidence,
    communicationIds: row.communicationIds,
    status: row.status,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
  };
}
