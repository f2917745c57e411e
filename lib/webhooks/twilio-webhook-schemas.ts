import { z } from "zod";
import { MAX_COMMUNICATION_TEXT_BYTES } from "../conversations/conversation-schemas";

// Twilio sends empty strings for fields it has no value for (ProfileName on SMS …).
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined));

/**
 * The form fields of Twilio's Messaging webhook (an incoming SMS, MMS, WhatsApp or RCS message)
 * that Kith uses. Twilio sends more (AccountSid, SmsStatus, FromCity …): they are accepted, count
 * towards the signature, and are otherwise ignored.
 */
export const twilioMessageFormSchema = z.looseObject({
  /** Twilio's id of the message (SM…/MM…): the communication's `resourceId`, so retries de-duplicate. */
  MessageSid: z.string().min(1).max(64),
  /** The customer: `+14155550123`, `whatsapp:+447700900123`, `rcs:+1…`. */
  From: z.string().min(1).max(254),
  /** The business number or sender the customer wrote to. */
  To: z.string().min(1).max(254),
  Body: z
    .string()
    .default("")
    .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_COMMUNICATION_TEXT_BYTES, `is longer than ${MAX_COMMUNICATION_TEXT_BYTES / 1024} KiB`),
  /** Attachments (MMS, WhatsApp media); their types are in MediaContentType0…N. */
  NumMedia: z.coerce.number().int().min(0).max(100).default(0),
  /** WhatsApp: the sender's profile name; becomes the customer participant's name. */
  ProfileName: optionalText(256),
  /** WhatsApp: the sender's WhatsApp id (their number without `+`). */
  WaId: optionalText(64),
  AccountSid: optionalText(64),
  MessagingServiceSid: optionalText(64),
});

export type TwilioMessageForm = z.infer<typeof twilioMessageFormSchema>;
