import { validateRequest } from "twilio/lib/webhooks/webhooks";
import { getPrisma } from "../db/client";
import type { Conversation } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findStore } from "../stores/find-store";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { withResolutionRetry } from "../identity/resolve-record";
import { addCommunications } from "../conversations/add-communications";
import { addParticipants } from "../conversations/add-participants";
import type { ParticipantInput } from "../conversations/conversation-schemas";
import { lockConversationOrThrow } from "../conversations/lock-conversation-or-throw";
import { lockResourceIds } from "../conversations/lock-resource-ids";
import { twilioMessageFormSchema, type TwilioMessageForm } from "./twilio-webhook-schemas";
import { twilioMessageThread } from "./twilio-message-thread";

export type ReceiveTwilioMessageOptions = {
  storeId: string;
  /** The URL Twilio called, as Twilio saw it: the signature is computed over it. */
  url: string;
  /** The X-Twilio-Signature header. */
  signature: string | null;
  /** The form body as posted. */
  form: URLSearchParams;
  requestId?: string;
};

export type ReceiveTwilioMessageResult = {
  /** False when the MessageSid was already stored (a Twilio retry): nothing changed. */
  stored: boolean;
  createdConversation: boolean;
  conversationId: string;
  communicationId: string;
};

/** Who the audit trail says wrote webhook messages. */
export const twilioWebhookActorLabel = "twilio webhook";

/** The business side of the thread: never resolved to a profile (SPEC §4: agents never are). */
export const BUSINESS_PARTICIPANT_NAME = "Business number";

function formParams(form: URLSearchParams): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    params[key] = values.length === 1 ? values[0] : values;
  }
  return params;
}

/**
 * The store's auth token must have signed exactly this URL and these fields. Unknown store, no
 * token, missing or wrong signature are one answer (403), so an unauthenticated caller learns
 * nothing about which stores exist; the reason goes to the server log for the operator.
 */
async function checkSignature({ storeId, url, signature, form, requestId }: ReceiveTwilioMessageOptions): Promise<{ screenCommunications: boolean }> {
  const store = await findStore(storeId);
  const reason = !store
    ? "unknown store"
    : !store.twilioAuthToken
      ? "the store has no twilioAuthToken (PATCH /v1/ControlPlane/Stores/{id})"
      : !signature
        ? "no X-Twilio-Signature header"
        : !validateRequest(store.twilioAuthToken, signature, url, formParams(form))
          ? `the signature does not match ${url} (is KITH_PUBLIC_URL the URL Twilio calls?)`
          : null;
  if (reason) {
    console.warn(`[${requestId ?? "-"}] Twilio webhook for ${storeId} refused: ${reason}`);
    throw new AppError("forbidden", "Twilio request validation failed: invalid or missing X-Twilio-Signature");
  }
  return { screenCommunications: store!.screenCommunications };
}

function messageText(message: TwilioMessageForm, form: URLSearchParams): string {
  if (message.Body.trim()) return message.Body;
  if (message.NumMedia > 0) {
    const types = Array.from({ length: message.NumMedia }, (_, index) => form.get(`MediaContentType${index}`) || "unknown type");
    return `[${message.NumMedia === 1 ? "attachment" : `${message.NumMedia} attachments`}: ${types.join(", ")}]`;
  }
  return "[empty message]";
}

/** Serialises the messages of one thread, so two first messages never open two conversations. */
async function lockThread(tx: Tx, storeId: string, threadKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${storeId}/thread/${threadKey}`}, 0))`;
}

/** The thread's open (ACTIVE or INACTIVE) conversation, row-locked; a CLOSED one is never reopened. */
async function findOpenThreadConversation(tx: Tx, storeId: string, threadKey: string): Promise<Conversation | null> {
  const open = await tx.conversation.findFirst({
    where: { storeId, threadKey, status: { in: ["ACTIVE", "INACTIVE"] } },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (!open) return null;
  const locked = await lockConversationOrThrow(tx, { storeId, conversationId: open.id });
  // The inactivity sweep may have closed it between the read and the lock.
  return locked.status === "CLOSED" ? null : locked;
}

/**
 * POST /webhooks/twilio/{storeId}/messaging: one inbound message. After the signature check, in
 * one transaction: a MessageSid already stored is a retry and changes nothing; otherwise the
 * message joins the open conversation of its address pair and channel (created when there is
 * none, with the sender as a CUSTOMER resolved like the Conversations API's and the business
 * number as a HUMAN_AGENT), which moves its lastActivityAt and wakes it when INACTIVE.
 */
export async function receiveTwilioMessage(options: ReceiveTwilioMessageOptions): Promise<ReceiveTwilioMessageResult> {
  const { storeId, form, requestId } = options;
  const { screenCommunications } = await checkSignature(options);
  const message = twilioMessageFormSchema.parse(Object.fromEntries(form));
  const { channel, threadKey } = twilioMessageThread(message.From, message.To);
  const actor: Actor = { type: "SYSTEM", id: null, label: twilioWebhookActorLabel, role: "AGENT", storeId };
  const resourceId = message.MessageSid;

  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    // Same lock order as the Conversations API: resourceIds, then the thread and its conversation, then identities.
    await lockResourceIds(tx, storeId, [resourceId]);
    const delivered = await tx.communication.findUnique({ where: { storeId_resourceId: { storeId, resourceId } }, select: { id: true, conversationId: true } });
    if (delivered) return { stored: false, createdConversation: false, conversationId: delivered.conversationId, communicationId: delivered.id };

    await lockThread(tx, storeId, threadKey);
    const settings = await readIdentitySettingsView(tx, storeId);
    if (!settings) throw new Error(`Store ${storeId} has no identity resolution settings`);
    const normalizations = new Map(settings.identifierConfigs.map((config) => [config.idType, config.normalization]));

    const now = new Date();
    let conversation = await findOpenThreadConversation(tx, storeId, threadKey);
    const created = conversation === null;
    conversation ??= await tx.conversation.create({ data: { storeId, id: newId("conversation"), channel, threadKey, status: "ACTIVE", lastActivityAt: now } });

    const existing = created ? [] : await tx.participant.findMany({ where: { storeId, conversationId: conversation.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const participants: ParticipantInput[] = [
      { type: "CUSTOMER", name: message.ProfileName, addresses: [{ channel, address: message.From }] },
      { type: "HUMAN_AGENT", name: BUSINESS_PARTICIPANT_NAME, addresses: [{ channel, address: message.To }] },
    ];
    const people = await addParticipants(tx, { storeId, conversationId: conversation.id, participants, existing, settings, normalizations, actor, requestId });
    const customer = people.participants[0];
    if (message.ProfileName && customer.name === null) {
      await tx.participant.update({ where: { storeId_id: { storeId, id: customer.id } }, data: { name: message.ProfileName } });
    }

    const written = await addCommunications(tx, {
      storeId,
      conversation,
      participants: [...existing, ...people.added],
      communications: [{ author: { channel, address: message.From }, content: { text: messageText(message, form) }, occurredAt: now, resourceId }],
      normalizations,
      isNewConversation: created,
      screenCommunications,
      actor,
      requestId,
    });
    conversation = written.conversation;

    await recordAuditEvent(tx, {
      storeId,
      actor,
      action: created ? "conversation.create" : "conversation.append",
      resourceType: "conversation",
      resourceId: conversation.id,
      after: created
        ? { id: conversation.id, channel, status: conversation.status, participants: people.added.length, communications: 1, source: "twilio", messageSid: resourceId }
        : { participantsAdded: people.added.map((participant) => participant.id), communicationsAdded: 1, source: "twilio", messageSid: resourceId },
      requestId,
    });
    return { stored: true, createdConversation: created, conversationId: conversation.id, communicationId: written.communications[0].id };
  });
}
