import type { Communication, Conversation, Participant } from "../db/generated/client";
import type { ExtractionInput, TurnSpeaker } from "./extraction-types";

export type CustomerExtractionInput = { profileId: string; input: ExtractionInput; throughCommunicationId: string };

const AGENT_TYPES = new Set(["HUMAN_AGENT", "AI_AGENT"]);

/**
 * One extraction input per CUSTOMER profile of a conversation (SPEC §5): the whole thread in
 * order, each turn labelled from that customer's point of view — their own turns CUSTOMER,
 * agents' AGENT, everyone else's (another customer, an unknown party) OTHER. Customers without a
 * profile (unresolvable addresses) get none.
 */
export function buildExtractionInputs(conversation: Conversation, participants: Participant[], communications: Communication[]): CustomerExtractionInput[] {
  const last = communications[communications.length - 1];
  if (!last) return [];
  const byId = new Map(participants.map((participant) => [participant.id, participant]));
  const profiles = new Map<string, Participant[]>();
  for (const participant of participants) {
    if (participant.type === "CUSTOMER" && participant.profileId) profiles.set(participant.profileId, [...(profiles.get(participant.profileId) ?? []), participant]);
  }
  return [...profiles.entries()].map(([profileId, own]) => {
    const ownIds = new Set(own.map((participant) => participant.id));
    const speakerOf = (communication: Communication): TurnSpeaker => {
      if (communication.participantId && ownIds.has(communication.participantId)) return "CUSTOMER";
      const author = communication.participantId ? byId.get(communication.participantId) : undefined;
      return author && AGENT_TYPES.has(author.type) ? "AGENT" : "OTHER";
    };
    return {
      profileId,
      throughCommunicationId: last.id,
      input: {
        conversationId: conversation.id,
        channel: conversation.channel,
        customerName: own.find((participant) => participant.name)?.name ?? null,
        turns: communications.map((communication) => ({
          communicationId: communication.id,
          speaker: speakerOf(communication),
          speakerName: (communication.participantId ? byId.get(communication.participantId)?.name : null) ?? null,
          text: communication.content,
          occurredAt: communication.occurredAt,
        })),
      },
    };
  });
}
