import { z } from "zod";

export const channels = ["SMS", "VOICE", "RCS", "WHATSAPP", "EMAIL", "CHAT"] as const;

export const timeoutSchema = z.object({
  /** Minutes without a message before an ACTIVE conversation becomes INACTIVE. */
  inactiveAfterMinutes: z.number().int().min(1).max(60 * 24 * 30),
  /** Minutes without a message before it is CLOSED (and extraction runs). */
  closedAfterMinutes: z.number().int().min(1).max(60 * 24 * 90),
});

export const conversationTimeoutsSchema = z
  .partialRecord(z.enum(channels), timeoutSchema)
  .refine((timeouts) => Object.values(timeouts).every((t) => !t || t.closedAfterMinutes >= t.inactiveAfterMinutes), {
    message: "closedAfterMinutes must be at least inactiveAfterMinutes",
  });

export type ConversationTimeouts = Record<(typeof channels)[number], z.infer<typeof timeoutSchema>>;

export const defaultConversationTimeouts: ConversationTimeouts = {
  SMS: { inactiveAfterMinutes: 60, closedAfterMinutes: 24 * 60 },
  WHATSAPP: { inactiveAfterMinutes: 60, closedAfterMinutes: 24 * 60 },
  RCS: { inactiveAfterMinutes: 60, closedAfterMinutes: 24 * 60 },
  VOICE: { inactiveAfterMinutes: 5, closedAfterMinutes: 30 },
  CHAT: { inactiveAfterMinutes: 30, closedAfterMinutes: 2 * 60 },
  EMAIL: { inactiveAfterMinutes: 3 * 24 * 60, closedAfterMinutes: 7 * 24 * 60 },
};

// Twilio's rules for a store's name and description.
const displayName = z.string().regex(/^[a-zA-Z0-9-]+$/, "letters, digits and hyphens only").max(64);
const description = z.string().min(1).max(128);

/** Kith's store settings beyond Twilio's fields. */
const kithSettings = {
  autoApproveObservations: z.boolean().optional(),
  allowExtractedTraits: z.boolean().optional(),
  /** Run the guard over communications as they are stored (default true). */
  screenCommunications: z.boolean().optional(),
  conversationTimeouts: conversationTimeoutsSchema.optional(),
  /** Twilio account auth token for webhook signatures; write-only, null clears it. */
  twilioAuthToken: z.string().min(8).max(128).nullable().optional(),
};

export const storeCreateSchema = z.strictObject({ displayName, description: description.optional(), ...kithSettings });

export const storePatchSchema = z.strictObject({ displayName: displayName.optional(), description: description.nullable().optional(), ...kithSettings });

export type StoreCreateInput = z.infer<typeof storeCreateSchema>;
export type StorePatchInput = z.infer<typeof storePatchSchema>;
