import type { ExtractionTurn } from "./extraction-types";
import { splitIntoSentences } from "./split-into-sentences";

type OutcomeRule = { label: string; pattern: RegExp };

// What the agent did, read from the agent's own confirmations. Order is the order of the summary.
const outcomeRules: OutcomeRule[] = [
  { label: "refund issued", pattern: /\brefund(?:ed)?\b.*\b(?:processed|issued|pushed|approved|on its way|show|back to your|within|through)\b|\b(?:processed|issued|pushed through|approved|refunded) (?:a|the|your)? ?(?:full )?refund\b|\bdifference goes back\b|\b(?:have|i've|we've) refunded\b|\bpushed it through\b/ },
  { label: "replacement sent", pattern: /\breplacement\b|\bsend (?:you )?(?:a )?new (?:one|pair|unit)\b|\bthe new one ships\b|\bsend the \w+ one out\b/ },
  { label: "rebooked", pattern: /\brebook(?:ed)?\b|\bmoved you to\b|\bchanged your (?:flight|booking|seat|reservation)\b|\bput you on the\b/ },
  { label: "plan changed", pattern: /\b(?:you're|you are) now on\b|\bswitched you\b|\b(?:changed|downgraded|upgraded|moved) your (?:plan|subscription|tariff|package)\b|\byou(?:'ll| will) (?:move|switch|change|go) (?:to|over to)\b|\b(?:moved|switched|changed|downgraded|upgraded) (?:you|your account) (?:to|from) (?:the |a |an |our )?(?:\w+ )?(?:plan|tier|package|tariff|subscription|membership|bundle)\b|\breduced your (?:seats|licen[cs]es|users|plan)\b/ },
  { label: "membership paused", pattern: /\b(?:membership|subscription|account|plan) (?:is|has been) (?:now )?(?:frozen|paused|on hold|suspended)\b|\b(?:froze|paused|suspended) (?:your|the) (?:membership|subscription|account|plan)\b/ },
  { label: "cancelled", pattern: /\b(?:have|i've|has been|is now|it's) cancel(?:l)?ed\b|\bcancellation is confirmed\b|\bcancel(?:l)?ed (?:it|your|the) (?:order|subscription|booking|reservation|plan)?\b/ },
  { label: "claim opened", pattern: /\b(?:opened|started|raised|registered|logged|lodged|filed) (?:a |the |your )?(?:[\w-]+ )?claim\b/ },
  { label: "escalated", pattern: /\bescalat|\bflagged\b|\bpassed (?:this|it|that)(?: feedback)? (?:on|to)\b|\bsupervisor\b|\bspecialist will\b|\b(?:raised|opened) a (?:ticket|case)\b|\breported (?:it|this|that) to\b|\bmarked it as (?:a )?priority\b|\b(?:opened|started) an? (?:\w+ )?investigation\b/ },
  { label: "bill corrected", pattern: /\breissued\b|\b(?:corrected|adjusted|amended|recalculated|reduced) (?:your |the )?(?:bill|invoice|statement)\b/ },
  { label: "engineer booked", pattern: /\bengineer (?:visit|appointment)\b|\b(?:technician|engineer) (?:will|is booked|is coming)\b|\bbook(?:ed|ing) (?:an? )?(?:engineer|technician)\b/ },
  { label: "unblocked", pattern: /\bunblocked\b|\b(?:removed|lifted) the (?:block|hold|freeze)\b/ },
  { label: "rescheduled", pattern: /\b(?:moved|rescheduled|changed) (?:it|the (?:appointment|visit|delivery|booking|collection)) to\b/ },
  { label: "delivery arranged", pattern: /\b(?:we'll|we will|i'll|i will) (?:courier|deliver|bring|drop) (?:it|them|your|the)\b/ },
  { label: "credit applied", pattern: /\bcredit (?:to|on) your account\b|\baccount credit\b|[$£€]\d+(?:\.\d\d)? (?:of )?credit\b|\bvoucher\b/ },
  { label: "price matched", pattern: /\badjusted your price\b|\bprice match(?:ed)?\b.*\b(?:confirmed|applied|done)\b|\bmatched the price\b/ },
  { label: "return label sent", pattern: /\breturn label\b|\bprepaid (?:return )?label\b|\blabel (?:is on its way|should reach)\b/ },
  { label: "covered by warranty", pattern: /\bcovered by (?:our|the)? ?(?:lifetime )?warranty\b|\bunder warranty\b/ },
  { label: "items reserved", pattern: /\bon hold (?:at|for|under)\b|\breserved\b|\bset aside\b|\bholding (?:it|them|one)\b/ },
  { label: "booking confirmed", pattern: /^booked\b|\b(?:you're|you are) (?:all )?booked\b|\btable (?:is )?(?:booked|reserved)\b|\bbooking is confirmed\b|\bsigned you (?:both )?up\b|\bregistered you\b|\bbooked you\b/ },
  { label: "order confirmed", pattern: /\border \S+ is confirmed\b|\bconfirmed with\b|\border is confirmed\b/ },
  { label: "details updated", pattern: /\bpaperless\b|\b(?:turned|switched) (?:on|off)\b|\b(?:updated|changed it to|changed your|noted on your account|i've noted|i have noted|i've added|i have added|added to|turned off|unsubscribed|opted you out)\b|^noted\b/ },
  { label: "shipping confirmed", pattern: /\bshipped on\b|\bout for delivery\b|\bships? (?:today|tonight|tomorrow)\b|\bshould arrive\b/ },
  { label: "follow-up pending", pattern: /\b(?:will|we'll|i'll) (?:let you know|get back to you|follow up|be in touch|call you back|email you|contact you|call you)\b|\binvestigating\b|\blooking into\b/ },
];

// An offer is an outcome only once the customer accepts it ("I can send a replacement… Would that work?" "Yes please").
const offer = /\b(?:i|we) (?:can|could)\b|\bwould you like\b|\bshall i\b|\bdo you want\b|\bwant me to\b|\bwant us to\b/i;
const acceptance = /^(?:yes|yeah|yep|sure|ok|okay|please|that works|that would|sounds good|perfect|great|go ahead|do it|deal)\b/i;
const gratitude = /\b(?:thanks|thank you|great|perfect|appreciate|that helps|awesome|brilliant|cheers)\b/i;

/**
 * The outcome of a conversation from the agent's confirmations ("Outcome: replacement sent;
 * details updated."), or whether it ended open. Null when no agent took part.
 */
export function findConversationOutcome(turns: ExtractionTurn[]): string | null {
  if (!turns.some((turn) => turn.speaker === "AGENT")) return null;
  const labels = new Set<string>();
  turns.forEach((turn, index) => {
    if (turn.speaker !== "AGENT") return;
    const reply = turns.slice(index + 1).find((next) => next.speaker === "CUSTOMER");
    const accepted = reply !== undefined && acceptance.test(reply.text.trim());
    for (const sentence of splitIntoSentences(turn.text.replace(/[\u2018\u2019]/g, "'"))) {
      if (sentence.trim().endsWith("?")) continue;
      const lower = sentence.toLowerCase();
      if (offer.test(lower) && !accepted) continue;
      for (const rule of outcomeRules) if (rule.pattern.test(lower)) labels.add(rule.label);
    }
  });
  if (labels.size > 0) {
    const ordered = outcomeRules.map((rule) => rule.label).filter((label) => labels.has(label));
    return `Outcome: ${ordered.slice(0, 4).join("; ")}.`;
  }
  const last = turns.at(-1);
  if (last?.speaker === "CUSTOMER" && last.text.trim().endsWith("?")) return "Outcome: open, the customer's last question is unanswered.";
  const lastCustomer = turns.findLast((turn) => turn.speaker === "CUSTOMER");
  if (lastCustomer && gratitude.test(lastCustomer.text)) return "Outcome: resolved.";
  if (last?.speaker === "AGENT") return "Outcome: information given.";
  return "Outcome: not stated.";
}
