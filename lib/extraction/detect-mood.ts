import Sentiment from "sentiment";
import type { ExtractionTurn, ObservationCandidate } from "./extraction-types";
import { findConversationTopics } from "./find-conversation-topics";
import { splitIntoSentences } from "./split-into-sentences";

const sentiment = new Sentiment();

// Words that are manners or answers in support chats, not feelings ("Fine." is rarely fine).
const courtesy =
  /\b(?:please|thanks|thank you|thank|thx|sorry|appreciate it|no problem|no worries|hi|hello|hey|welcome|yes|yeah|yep|no|pretty|fine|free|want|help|helps|helpful|like|ok|okay|kind|right|well)\b/gi;

// Complaints the word list cannot see (AFINN scores words, not phrases), and warm phrases.
const phraseScores: [RegExp, number][] = [
  [/\b(?:still|yet) (?:has not|have not|hasn't|haven't|not|no)\b/i, -2],
  [/\b(?:has|have|hasn't|haven't) not (?:arrived|been refunded|moved|heard)|\bhasn't (?:arrived|moved)|\bhaven't (?:heard|received|been refunded)/i, -2],
  [/\bon hold for\b|\bbeen waiting\b|\bstill waiting\b/i, -2],
  [/\bthe (?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time\b/i, -2],
  [/\b(?:want|demand) (?:a|my) (?:full )?refund\b|\bmoney back\b/i, -2],
  [/\bwaste of (?:time|money)\b|\bfed up\b|\bnever again\b|\buseless\b|\bjoke\b|\bno one\b|\bnobody\b/i, -2],
  [/\b(?:went up|gone up|increased|doubled|tripled|overcharged|charged (?:me )?twice|double[ -]charged)\b|\b(?:did not|didn't|didnt) change anything\b/i, -2],
  [/\b(?:you(?:'re| are) (?:the best|amazing|a star|a lifesaver)|made my day|so helpful|great service|excellent service)\b/i, 3],
];

function scoreOf(text: string): number {
  const phrases = phraseScores.reduce((total, [pattern, score]) => total + (pattern.test(text) ? score : 0), 0);
  return sentiment.analyze(text.replace(courtesy, " ")).score + phrases;
}

const angry = /\b(?:angry|furious|livid|outraged|mad at|pissed)\b/i;
const disappointed = /\b(?:disappointed|disappointing|let down|gutted)\b/i;
const worried = /\b(?:worried|anxious|nervous|concerned|stressed)\b/i;
const excited = /\b(?:excited|thrilled|can't wait|cannot wait|so happy)\b/i;
// A negative mood needs the customer to sound it, not only to describe a loss ("a pipe burst and the
// ceiling is damaged" is a claim, not a complaint).
const complaint =
  /\b(?:angry|furious|livid|outraged|mad at|pissed|disappointed|disappointing|let down|gutted|worried|anxious|nervous|concerned|stressed|frustrat\w*|annoy\w*|upset|unacceptable|ridiculous|terrible|awful|horrible|appalling|shocking|disgusting|rubbish|worst|useless|joke|fed up|sick of|not happy|unhappy|happened again|still|third time|second time|3rd time|2nd time|never again|waste of|no one|nobody|how is that|seriously|[!?]{2,})/i;

/**
 * The customer's mood, from a sentiment lexicon over their own turns: an observation such as "Was
 * frustrated about the late delivery" only when the conversation is clearly negative or clearly
 * positive; confidence grows with the score.
 */
export function detectMood(turns: ExtractionTurn[]): ObservationCandidate | null {
  const customerTurns = turns.filter((turn) => turn.speaker === "CUSTOMER" && turn.text.trim());
  if (customerTurns.length === 0) return null;
  const scored = customerTurns.map((turn) => ({
    turn,
    score: splitIntoSentences(turn.text.replace(/[\u2018\u2019]/g, "'")).reduce((total, sentence) => total + scoreOf(sentence), 0),
  }));
  const total = scored.reduce((sum, { score }) => sum + score, 0);
  const negative = scored.filter(({ score }) => score <= -2);
  const positive = scored.filter(({ score }) => score >= 3);
  const words = customerTurns.reduce((count, turn) => count + turn.text.split(/\s+/).length, 0);
  // Long chats add up: the threshold scales with length so a long, mildly upbeat chat is not "excited".
  const threshold = Math.max(4, Math.round(words / 40));

  let direction: "negative" | "positive";
  if (total <= -threshold && negative.length > 0 && negative.some(({ turn }) => complaint.test(turn.text))) direction = "negative";
  else if (total >= threshold + 4 && positive.length >= 2 && negative.length === 0) direction = "positive";
  else return null;

  const strongest = (direction === "negative" ? negative : positive)
    .slice()
    .sort((a, b) => (direction === "negative" ? a.score - b.score : b.score - a.score))
    .slice(0, 3)
    .map(({ turn }) => turn);
  const strongText = strongest.map((turn) => turn.text).join(" ");
  // Only a known topic: "was happy about sounds" is worse than no topic at all.
  const known = { nounPhrases: false, enquiries: turns.some((turn) => turn.speaker === "AGENT") };
  const topic = findConversationTopics(strongest.map((turn) => turn.text), known)[0] ?? findConversationTopics(customerTurns.map((turn) => turn.text), known)[0];
  const about = topic ? ` about ${topic.phrase}` : "";

  let content: string;
  if (direction === "negative") {
    const feeling = angry.test(strongText) ? "angry" : disappointed.test(strongText) ? "disappointed" : worried.test(strongText) ? "worried" : "frustrated";
    content = `Was ${feeling}${about}`;
  } else {
    content = topic ? `Was ${excited.test(strongText) ? "excited" : "happy"}${about}` : "Was in good spirits";
  }
  const ordered = customerTurns.filter((turn) => strongest.includes(turn));
  return {
    content,
    kind: "MOOD",
    // A good mood says less about what to do next than a bad one: it is capped lower.
    confidence: Math.min(direction === "negative" ? 0.85 : 0.7, Math.round((0.5 + Math.abs(total) / 25) * 100) / 100),
    communicationIds: ordered.map((turn) => turn.communicationId),
    occurredAt: new Date(Math.max(...ordered.map((turn) => turn.occurredAt.getTime()))),
  };
}
