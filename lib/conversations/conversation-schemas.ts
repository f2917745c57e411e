import { z } from "zod";
import { dataPlanePageQuery } from "../paging";
import { channels } from "../stores/store-schemas";

/**
 * Request shapes of the Conversations API, close to Twilio's Communication / Participant (its
 * Conversation Orchestrator shapes: `author`, `content.text`, `occurredAt`, `channel`, `address`).
 * The same schemas validate the routes and generate /openapi.json.
 */

/** Most communications one call may carry (whole conversation or append). */
export const MAX_COMMUNICATIONS_PER_CALL = 1000;
/** A communication's text, in UTF-8 bytes (a long email; the 1 MiB body limit applies as well). */
export const MAX_COMMUNICATION_TEXT_BYTES = 64 * 1024;
export const MAX_PARTICIPANTS_PER_CONVERSATION = 100;

export const channelSchema = z.enum(channels);
export const conversationStatusSchema = z.enum(["ACTIVE", "INACTIVE", "CLOSED"]);
export const participantTypeSchema = z.enum(["CUSTOMER", "HUMAN_AGENT", "AI_AGENT", "UNKNOWN"]);

/** Twilio's Participant `address` is at most 254 characters (an email address's limit). */
export const addressSchema = z.strictObject({
  channel: channelSchema,
  address: z.string().min(1).max(254),
});

export const participantInputSchema = z.strictObject({
  type: participantTypeSchema,
  name: z.string().min(1).max(256).optional(),
  addresses: z.array(addressSchema).max(20).default([]),
});

/** The author: one of the participants' addresses (matched after normalisation), or a participant id of this conversation. */
export const communicationAuthorSchema = z.union([
  z.strictObject({ participantId: z.string().min(1).max(64) }),
  z.strictObject({ channel: channelSchema, address: z.string().min(1).max(254) }),
]);

export const communicationInputSchema = z.strictObject({
  author: communicationAuthorSchema,
  content: z.strictObject({
    text: z
      .string()
      .min(1)
      .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_COMMUNICATION_TEXT_BYTES, `is longer than ${MAX_COMMUNICATION_TEXT_BYTES / 1024} KiB`),
  }),
  occurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  /** The client's id for de-duplication (a Twilio MessageSid …): unique per store. */
  resourceId: z.string().min(1).max(256).optional(),
});

const communicationsSchema = z.array(communicationInputSchema).max(MAX_COMMUNICATIONS_PER_CALL, `at most ${MAX_COMMUNICATIONS_PER_CALL} communications per call`);

/** POST …/Conversations: a whole conversation (participants and communications) in one call. */
export const conversationCreateSchema = z.strictObject({
  channel: channelSchema,
  /** Applies when the conversation is created; a replay of an existing one leaves its status alone. */
  status: conversationStatusSchema.optional(),
  participants: z.array(participantInputSchema).min(1).max(MAX_PARTICIPANTS_PER_CONVERSATION),
  communications: communicationsSchema.default([]),
});

/** POST …/Conversations/{id}/Communications: append to an existing conversation. */
export const communicationsAppendSchema = z.strictObject({
  communications: communicationsSchema.min(1),
});

/** PATCH …/Conversations/{id}. */
export const conversationPatchSchema = z.strictObject({ status: conversationStatusSchema });

/** GET …/Conversations: newest first, filtered. */
export const conversationListQuery = dataPlanePageQuery.extend({
  status: conversationStatusSchema.optional(),
  channel: channelSchema.optional(),
  profileId: z.string().min(1).max(64).optional(),
});

/** GET …/Conversations/{id}/Communications: oldest first by default (a thread reads top down), by `occurredAt`. */
export const communicationListQuery = dataPlanePageQuery.extend({ orderBy: z.enum(["ASC", "DESC"]).default("ASC") });

export type ParticipantInput = z.infer<typeof participantInputSchema>;
export type CommunicationInput = z.infer<typeof communicationInputSchema>;
export type ConversationCreateInput = z.infer<typeof conversationCreateSchema>;
export type ConversationListFilters = Pick<z.infer<typeof conversationListQuery>, "status" | "channel" | "profileId">;
