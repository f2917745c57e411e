import { MAX_MEMORY_CONTENT_CHARS, type ExtractionInput, type SummaryCandidate } from "./extraction-types";
import { findConversationOutcome } from "./find-conversation-outcome";
import { findConversationTopics } from "./find-conversation-topics";

const channelNames: Record<string, string> = { SMS: "SMS", VOICE: "Voice", RCS: "RCS", WHATSAPP: "WhatsApp", EMAIL: "Email", CHAT: "Chat" };

// Order, booking and ticket numbers ("order TH-48213", "booking ref ABC123"): what an agent searches for.
const labelledReference =
  /\b(?:order|booking|reservation|ticket|case|confirmation|reference|ref|invoice|claim|tracking)(?: number| no\.?| #| ref(?:erence)?)?[\s:#]*([A-Z0-9]{1,6}-?[0-9][A-Z0-9-]{2,14})\b/gi;
const codedReference = /\b[A-Z]{2,4}-\d{3,10}\b/g;

function references(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(labelledReference)) {
      const value = match[1].toUpperCase();
      // Long bare digit runs are card or account numbers, which the guard removes; never repeat them.
      if (/\d/.test(value) && !/^\d{9,}$/.test(value)) found.add(value);
    }
    for (const match of text.matchAll(codedReference)) found.add(match[0]);
  }
  return [...found].slice(0, 5);
}

function channelName(channel: string): string {
  return channelNames[channel.toUpperCase()] ?? channel.charAt(0).toUpperCase() + channel.slice(1).toLowerCase();
}

function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit / 2))}…`;
}

/**
 * One summary of the conversation for this customer: "<Channel> conversation on <YYYY-MM-DD>:
 * <topics>. Outcome: <outcome>." (at most MAX_MEMORY_CONTENT_CHARS); null when the customer
 * wrote nothing.
 */
export function summarizeConversation(input: ExtractionInput): SummaryCandidate | null {
  const customerTexts = input.turns.filter((turn) => turn.speaker === "CUSTOMER" && turn.text.trim()).map((turn) => turn.text);
  if (customerTexts.length === 0) return null;
  const started = input.turns.reduce((earliest, turn) => (turn.occurredAt < earliest ? turn.occurredAt : earliest), input.turns[0].occurredAt);
  const enquiries = input.turns.some((turn) => turn.speaker === "AGENT");
  const topics = findConversationTopics(customerTexts, { enquiries }).map((topic) => topic.label);
  const refs = references(input.turns.map((turn) => turn.text));
  const about = `${topics.length > 0 ? topics.join(", ") : "general conversation"}${refs.length > 0 ? ` (${refs.join(", ")})` : ""}`;
  const outcome = findConversationOutcome(input.turns);
  const content = `${channelName(input.channel)} conversation on ${started.toISOString().slice(0, 10)}: ${about}.${outcome ? ` ${outcome}` : ""}`;
  return {
    content: truncate(content, MAX_MEMORY_CONTENT_CHARS),
    communicationIds: input.turns.map((turn) => turn.communicationId),
  };
}
