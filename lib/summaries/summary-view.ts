import type { Summary } from "../db/generated/client";

/** Twilio's SummaryInfo plus the profile it belongs to. */
export type SummaryView = {
  id: string;
  conversationId: string | null;
  content: string;
  source: string;
  occurredAt: Date;
  createdAt: Date;
  updatedAt: Date;
  profileId: string;
};

export function toSummaryView(row: Summary): SummaryView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    content: row.content,
    source: row.source,
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    profileId: row.profileId,
  };
}
