import type { ParticipantType } from "../db/generated/enums";
import type { ProfileTraits } from "../profiles/profile-view";

/** What the prompt block is made from (the JSON half of the handoff context). Pure input. */
export type HandoffTextInput = {
  conversation: { id: string; channel: string; status: string };
  customers: {
    profileId: string;
    displayName: string | null;
    traits: ProfileTraits;
    observations: { content: string; citation: number }[];
    summaries: { content: string; occurredAt: Date; citation: number }[];
  }[];
  messages: HandoffTextMessage[];
  citations: HandoffCitation[];
};

type HandoffTextMessage = {
  occurredAt: Date;
  author: { name: string | null; type: ParticipantType | null; profileId?: string | null; address?: string | null };
  content: { text: string };
};

/**
 * What to call a customer: the profile's display name, else (a profile created from a conversation
 * has none) the name or address they wrote from in this conversation's messages. The console's
 * handoff preview uses it too, so the page and the text block name the customer alike.
 */
export function describeHandoffCustomer(customer: { profileId: string; displayName: string | null }, messages: HandoffTextMessage[]): string {
  if (customer.displayName) return customer.displayName;
  const theirs = messages.filter((message) => message.author.profileId === customer.profileId);
  const fallback = theirs.find((message) => message.author.name)?.author.name ?? theirs.find((message) => message.author.address)?.author.address;
  return fallback ? `${fallback} (no name on the profile)` : "(no name)";
}

/** One numbered source of the text block: `[n]` names a memory and where it came from. */
export type HandoffCitation = {
  number: number;
  kind: "observation" | "summary";
  id: string;
  profileId: string;
  conversationIds: string[];
  communicationIds: string[];
};

const roles: Record<ParticipantType, string> = { CUSTOMER: "customer", HUMAN_AGENT: "agent", AI_AGENT: "AI agent", UNKNOWN: "unknown" };

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function traitLines(traits: ProfileTraits): string[] {
  return Object.entries(traits).flatMap(([group, values]) =>
    Object.entries(values).map(([name, value]) => `- ${group}.${name}: ${Array.isArray(value) ? value.join(", ") : String(value)}`),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The handoff context as a block an agent (or a model's prompt) reads top to bottom: who the
 * customer is, what is known with `[n]` citations, earlier conversations, the recent messages,
 * then the numbered sources. Pure.
 */
export function formatHandoffText({ conversation, customers, messages, citations }: HandoffTextInput): string {
  const lines: string[] = [`Conversation ${conversation.id} (${conversation.channel}, ${conversation.status})`];
  if (customers.length === 0) lines.push("", "No identified customer in this conversation.");
  for (const customer of customers) {
    lines.push("", `Customer: ${describeHandoffCustomer(customer, messages)} — profile ${customer.profileId}`);
    const traits = traitLines(customer.traits);
    if (traits.length) lines.push("Traits:", ...traits);
    if (customer.observations.length) lines.push("What we know:", ...customer.observations.map((item) => `- ${oneLine(item.content)} [${item.citation}]`));
    if (customer.summaries.length) lines.push("Earlier conversations:", ...customer.summaries.map((item) => `- ${item.occurredAt.toISOString().slice(0, 10)}: ${oneLine(item.content)} [${item.citation}]`));
    if (!traits.length && !customer.observations.length && !customer.summaries.length) lines.push("Nothing known yet.");
  }
  lines.push("", "Recent messages:");
  if (messages.length === 0) lines.push("(none)");
  for (const message of messages) {
    const role = message.author.type ? roles[message.author.type] : "unknown";
    lines.push(`[${minute(message.occurredAt)}] ${message.author.name ? `${message.author.name} (${role})` : role}: ${oneLine(message.content.text)}`);
  }
  if (citations.length) {
    lines.push("", "Sources:");
    for (const citation of citations) {
      const from = citation.conversationIds.length ? ` from conversation ${citation.conversationIds.join(", ")}` : "";
      const turns = citation.communicationIds.length ? ` (messages ${citation.communicationIds.join(", ")})` : "";
      lines.push(`[${citation.number}] ${citation.kind} ${citation.id}${from}${turns}`);
    }
  }
  return lines.join("\n");
}
