import type { Communication, Participant } from "../db/generated/client";
import type { Channel, ParticipantType } from "../db/generated/enums";
import type { ObservationView } from "../observations/observation-view";
import type { SummaryView } from "../summaries/summary-view";
import type { ProfileTraits } from "../profiles/profile-view";
import type { ScoreExplanation } from "./fuse-rankings";

/** `score` (0–1) only when results are ranked; `explain` only when asked for. */
export type Ranked = { score?: number; explain?: ScoreExplanation };

export type RecalledObservation = ObservationView & Ranked;
export type RecalledSummary = SummaryView & Ranked;

/** Twilio's Communication as Recall returns it, plus the ids a caller needs to cite it. */
export type RecalledCommunication = {
  id: string;
  conversationId: string;
  /** The client's id for it (a MessageSid, a LoCoMo dia_id…). */
  resourceId: string | null;
  author: { participantId: string | null; profileId: string | null; name: string | null; channel: Channel | null; address: string | null; type: ParticipantType | null };
  content: { text: string };
  occurredAt: Date;
} & Ranked;

export type RecallResult = {
  observations: RecalledObservation[];
  summaries: RecalledSummary[];
  communications: RecalledCommunication[];
  traits?: ProfileTraits;
  /** queryTime in milliseconds (Twilio); `query` is the text ranked with (Kith: shows an inferred one), null when unranked. */
  meta: { queryTime: number; query: string | null };
};

export function toRecalledCommunication(row: Communication, author: Pick<Participant, "profileId" | "name" | "type"> | null): RecalledCommunication {
  return {
    id: row.id,
    conversationId: row.conversationId,
    resourceId: row.resourceId,
    author: { participantId: row.participantId, profileId: author?.profileId ?? null, name: author?.name ?? null, channel: row.authorChannel, address: row.authorAddress, type: author?.type ?? null },
    content: { text: row.content },
    occurredAt: row.occurredAt,
  };
}
