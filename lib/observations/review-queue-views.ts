import type { ObservationStatus, ParticipantType } from "../db/generated/enums";

/** The review queue's two orders: the longest-waiting first, or the least certain first. */
export const reviewQueueSorts = ["oldest", "lowestConfidence"] as const;
export type ReviewQueueSort = (typeof reviewQueueSorts)[number];

/** A message shown beside an observation: one it came from (`isSource`), or the turn just before one, for context. */
export type ReviewSourceMessage = {
  id: string;
  conversationId: string;
  text: string;
  occurredAt: string;
  isSource: boolean;
  author: { name: string | null; type: ParticipantType | null; address: string | null };
};

/** One PENDING observation as the review queue shows it: what it says, whose it is, and where it came from. */
export type PendingObservationItem = {
  id: string;
  content: string;
  kind: string | null;
  confidence: number | null;
  source: string;
  status: ObservationStatus;
  version: number;
  occurredAt: string;
  createdAt: string;
  conversationIds: string[];
  communicationIds: string[];
  profile: { id: string; displayName: string | null };
  messages: ReviewSourceMessage[];
  /** Source messages not shown (an observation may cite up to 100). */
  hiddenSourceCount: number;
};

export type ObservationStatusCounts = Record<ObservationStatus, number>;
