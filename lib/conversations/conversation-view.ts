import type { Communication, Conversation, Participant } from "../db/generated/client";
import type { Channel, ConversationStatus, ParticipantType } from "../db/generated/enums";

export type AddressView = { channel: Channel; address: string };

/** A participant as it was sent (`type`, `name`, `addresses`) plus Kith's `id` and resolved `profileId`. */
export type ParticipantView = {
  id: string;
  type: ParticipantType;
  name: string | null;
  addresses: AddressView[];
  profileId: string | null;
  /** The identity resolution that linked it (GET …/Profiles/{id}?include=resolution explains it); null for agents. */
  resolutionId: string | null;
  createdAt: Date;
};

/** Twilio's Communication author: the participant, with the address this message came from. */
export type CommunicationAuthorView = { id: string | null; type: ParticipantType | null; name: string | null; channel: Channel | null; address: string | null; profileId: string | null };

export type CommunicationView = {
  id: string;
  conversationId: string;
  author: CommunicationAuthorView;
  content: { text: string };
  occurredAt: Date;
  createdAt: Date;
  resourceId: string | null;
};

export type ConversationView = {
  id: string;
  channel: Channel;
  status: ConversationStatus;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
  inactiveAt: Date | null;
  closedAt: Date | null;
  participants: ParticipantView[];
};

export function toParticipantView(participant: Participant): ParticipantView {
  return {
    id: participant.id,
    type: participant.type,
    name: participant.name,
    addresses: (participant.addresses ?? []) as AddressView[],
    profileId: participant.profileId,
    resolutionId: participant.resolutionId,
    createdAt: participant.createdAt,
  };
}

export function toCommunicationView(communication: Communication, author: Participant | null | undefined): CommunicationView {
  return {
    id: communication.id,
    conversationId: communication.conversationId,
    author: {
      id: communication.participantId,
      type: author?.type ?? null,
      name: author?.name ?? null,
      channel: communication.authorChannel,
      address: communication.authorAddress,
      profileId: author?.profileId ?? null,
    },
    content: { text: communication.content },
    occurredAt: communication.occurredAt,
    createdAt: communication.createdAt,
    resourceId: communication.resourceId,
  };
}

/** Participants in the order they joined (ids are time-sorted, then the request's order). */
export function toConversationView(conversation: Conversation, participants: Participant[]): ConversationView {
  return {
    id: conversation.id,
    channel: conversation.channel,
    status: conversation.status,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    lastActivityAt: conversation.lastActivityAt,
    inactiveAt: conversation.inactiveAt,
    closedAt: conversation.closedAt,
    participants: participants.map(toParticipantView),
  };
}
