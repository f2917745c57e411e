import type { Channel, ConversationStatus, ParticipantType } from "../../lib/db/generated/enums";
import type { Communication, Conversation, Participant, Prisma } from "../../lib/db/generated/client";
import type { DbClient } from "../../lib/db/transaction";
import { newId } from "../../lib/ids";
import { systemActor, type Actor } from "../../lib/auth/actor";
import type { AuditEventInput } from "../../lib/audit/record-audit-event";
import { defaultConversationTimeouts, type ConversationTimeouts } from "../../lib/stores/store-schemas";
import { recordAuditEvents } from "../../lib/audit/record-audit-event";

export type BuildAddress = { channel: Channel; address: string };

export type BuildParticipantInput = {
  id?: string;
  type: ParticipantType;
  name?: string | null;
  /** As sent (`whatsapp:+44…`, `Ada@Example.com`). */
  addresses?: BuildAddress[];
  /** The resolved profile; CUSTOMER participants usually have one, agents never. */
  profileId?: string | null;
};

export type BuildCommunicationInput = {
  id?: string;
  /** The author: a participant's index in `participants`, or one of its addresses. */
  author: number | string;
  text: string;
  occurredAt: Date;
  resourceId?: string | null;
};

export type BuildConversationOptions = {
  storeId: string;
  id?: string;
  channel: Channel;
  /** CLOSED by default, as most of a store's history is. */
  status?: ConversationStatus;
  threadKey?: string | null;
  attributes?: Prisma.InputJsonValue;
  participants: BuildParticipantInput[];
  communications?: BuildCommunicationInput[];
  /** The first message's time by default. */
  createdAt?: Date;
  /** Defaults follow the store's per-channel timeouts from the last message, never later than now. */
  inactiveAt?: Date | null;
  closedAt?: Date | null;
  actor?: Actor;
};

export type BuiltConversation = Conversation & { participants: Participant[]; communications: Communication[] };

const minute = 60_000;

function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}

/**
 * Conversations of one store with their participants and communications, written as ingestion
 * would: each communication carries its author's participant, channel and address; a
 * conversation's `lastActivityAt` is its last message and `inactiveAt`/`closedAt` agree with its
 * status; linked profiles' `lastContactAt` moves forward to their latest message. A
 * `conversation.create` audit event each; one insert per table for the whole batch.
 */
export async function buildConversations(db: DbClient, storeId: string, batch: Omit<BuildConversationOptions, "storeId">[]): Promise<BuiltConversation[]> {
  if (batch.length === 0) return [];
  const store = await db.store.findUniqueOrThrow({ where: { id: storeId }, select: { conversationTimeouts: true } });
  const timeouts = { ...defaultConversationTimeouts, ...(store.conversationTimeouts as Partial<ConversationTimeouts>) };
  const now = new Date();

  const conversationRows: Prisma.ConversationCreateManyInput[] = [];
  const participantRows: Prisma.ParticipantCreateManyInput[] = [];
  const communicationRows: Prisma.CommunicationCreateManyInput[] = [];
  const audits: AuditEventInput[] = [];
  const lastContact = new Map<string, Date>();
  const participantOrder = new Map<string, number>();

  for (const options of batch) {
    const { channel } = options;
    const status = options.status ?? "CLOSED";
    const id = options.id ?? newId("conversation");
    const inputs = [...(options.communications ?? [])].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const createdAt = options.createdAt ?? inputs[0]?.occurredAt ?? now;
    const lastActivityAt = inputs.at(-1)?.occurredAt ?? createdAt;
    if (inputs[0] && inputs[0].occurredAt < createdAt) throw new Error("A communication cannot occur before its conversation was created");

    const participants = options.participants.map((participant, index) => {
      const row = {
        storeId,
        id: participant.id ?? newId("participant"),
        conversationId: id,
        type: participant.type,
        name: participant.name ?? null,
        addresses: (participant.addresses ?? []) as Prisma.InputJsonValue,
        profileId: participant.profileId ?? null,
        createdAt,
      };
      participantOrder.set(row.id, index);
      return row;
    });
    participantRows.push(...participants);

    for (const input of inputs) {
      const index =
        typeof input.author === "number" ? input.author : options.participants.findIndex((participant) => participant.addresses?.some((entry) => entry.address === input.author));
      const author = options.participants[index];
      if (!author) throw new Error(`No participant ${JSON.stringify(input.author)} in conversation ${id}`);
      // The address the message came from: the one named, else the author's address on this channel.
      const address =
        typeof input.author === "string"
          ? author.addresses!.find((entry) => entry.address === input.author)!
          : (author.addresses?.find((entry) => entry.channel === channel) ?? author.addresses?.[0]);
      communicationRows.push({
        storeId,
        id: input.id ?? newId("communication"),
        conversationId: id,
        participantId: participants[index].id,
        authorChannel: address?.channel ?? channel,
        authorAddress: address?.address ?? null,
        content: input.text,
        occurredAt: input.occurredAt,
        resourceId: input.resourceId ?? null,
        createdAt: input.occurredAt,
      });
    }

    let inactiveAt: Date | null = null;
    let closedAt: Date | null = null;
    if (status !== "ACTIVE") {
      const timeout = timeouts[channel];
      closedAt = status === "CLOSED" ? (options.closedAt ?? earliest(now, new Date(lastActivityAt.getTime() + timeout.closedAfterMinutes * minute))) : null;
      inactiveAt =
        options.inactiveAt !== undefined ? options.inactiveAt : earliest(now, closedAt ?? now, new Date(lastActivityAt.getTime() + timeout.inactiveAfterMinutes * minute));
    }
    conversationRows.push({
      storeId,
      id,
      channel,
      status,
      threadKey: options.threadKey ?? null,
      attributes: options.attributes,
      lastActivityAt,
      inactiveAt,
      closedAt,
      createdAt,
      updatedAt: closedAt ?? inactiveAt ?? lastActivityAt,
    });

    if (inputs.length > 0) {
      for (const participant of participants) {
        if (!participant.profileId) continue;
        const previous = lastContact.get(participant.profileId);
        if (!previous || previous < lastActivityAt) lastContact.set(participant.profileId, lastActivityAt);
      }
    }
    audits.push({
      storeId,
      actor: options.actor ?? systemActor,
      action: "conversation.create",
      resourceType: "conversation",
      resourceId: id,
      after: { id, channel, status, participants: participants.length, communications: inputs.length },
    });
  }

  await db.conversation.createMany({ data: conversationRows });
  if (participantRows.length > 0) await db.participant.createMany({ data: participantRows });
  if (communicationRows.length > 0) await db.communication.createMany({ data: communicationRows });
  for (const [profileId, lastActivityAt] of lastContact) {
    await db.profile.updateMany({
      where: { storeId, id: profileId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: lastActivityAt } }] },
      data: { lastContactAt: lastActivityAt },
    });
  }
  await recordAuditEvents(db, audits);

  const built = await db.conversation.findMany({
    where: { storeId, id: { in: conversationRows.map((row) => row.id) } },
    include: { participants: true, communications: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } },
  });
  const byId = new Map(built.map((conversation) => [conversation.id, conversation]));
  return conversationRows.map((row) => {
    const conversation = byId.get(row.id)!;
    // Participants in the caller's order, so `participants[i]` is the i-th input.
    conversation.participants.sort((a, b) => participantOrder.get(a.id)! - participantOrder.get(b.id)!);
    return conversation;
  });
}
