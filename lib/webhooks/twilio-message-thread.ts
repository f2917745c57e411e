import type { Channel } from "../db/generated/enums";
import { normalizeIdentifier, stripChannelScheme } from "../identity/normalize-identifier";

export type TwilioMessageThread = {
  /** WHATSAPP for `whatsapp:` addresses, RCS for `rcs:`, otherwise SMS (MMS is SMS with media). */
  channel: Extract<Channel, "SMS" | "WHATSAPP" | "RCS">;
  /**
   * `${channel}:${a}|${b}` with the two addresses normalised (E.164 when they are phone numbers,
   * else trimmed and lower-cased) and sorted, so both directions of one pair share a thread.
   */
  threadKey: string;
};

function channelOf(address: string): TwilioMessageThread["channel"] | null {
  const scheme = /^\s*(whatsapp|rcs):/i.exec(address)?.[1]?.toLowerCase();
  if (scheme === "whatsapp") return "WHATSAPP";
  if (scheme === "rcs") return "RCS";
  return null;
}

function threadAddress(address: string): string {
  const bare = stripChannelScheme(address).trim();
  const phone = normalizeIdentifier(bare, "phone");
  // Short codes and alphanumeric sender ids are no phone numbers; they still name one party.
  return phone.ok ? phone.value : bare.toLowerCase();
}

/** Which channel a Twilio message is on and which thread (address pair) it belongs to. Pure. */
export function twilioMessageThread(from: string, to: string): TwilioMessageThread {
  const channel = channelOf(from) ?? channelOf(to) ?? "SMS";
  const pair = [threadAddress(from), threadAddress(to)].sort();
  return { channel, threadKey: `${channel}:${pair[0]}|${pair[1]}` };
}
