import type { StatementMatch } from "./match-customer-statement";
import { splitIntoSentences } from "./split-into-sentences";

// Options whose question names no noun ("Window or aisle?") but whose answer is a lasting preference.
const impliedChoices: Record<string, (option: string) => string> = {
  window: (option) => `Prefers ${article(option)} ${option} seat`,
  aisle: (option) => `Prefers ${article(option)} ${option} seat`,
  middle: (option) => `Prefers ${article(option)} ${option} seat`,
  text: () => "Prefers to be contacted by text",
  texts: () => "Prefers to be contacted by text",
  sms: () => "Prefers to be contacted by text",
  email: () => "Prefers to be contacted by email",
  call: () => "Prefers to be contacted by phone",
  phone: () => "Prefers to be contacted by phone",
  whatsapp: () => "Prefers to be contacted on WhatsApp",
};

// Nouns after the options that make the choice a standing preference, not a one-off.
const preferenceHeads = new Set(["seat", "seats", "seating", "bed", "room", "floor", "meal", "meals", "contact", "delivery", "statements", "statement", "cabin", "table"]);

const articles = new Set(["a", "an", "the", "some"]);
const noChoice = /\b(?:not|no|never|either|neither|both|whatever|any|don't mind|do not mind|no preference|doesn't matter|does not matter)\b/;

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?:^|[^a-z])${word.replace(/[^a-z0-9]/g, "")}(?:$|[^a-z])`).test(text);
}

/**
 * The customer's answer to an either-or question from the agent, as a preference: "Would you like
 * a window or an aisle seat?" + "Aisle please" → "Prefers an aisle seat". Null when the answer
 * picks neither option, or the question is not about a standing preference.
 */
export function matchChoiceAnswer(question: string, answer: string): StatementMatch | null {
  const asked = splitIntoSentences(question)
    .filter((sentence) => sentence.includes("?") && / or /i.test(sentence))
    .pop();
  if (!asked) return null;
  const text = asked.toLowerCase().replace(/[^a-z0-9' ,-]/g, " ").replace(/\s+/g, " ").trim();
  const split = text.lastIndexOf(" or ");
  const leftWords = text.slice(0, split).split(/[ ,]+/).filter(Boolean);
  const rightWords = text.slice(split + 4).split(/[ ,]+/).filter((word) => word && !articles.has(word));
  const left = leftWords.at(-1);
  const right = rightWords[0];
  if (!left || !right || articles.has(left)) return null;
  const head = rightWords[1] && /^[a-z]+$/.test(rightWords[1]) && !["please", "for", "then", "today", "tomorrow", "instead"].includes(rightWords[1]) ? rightWords[1] : null;

  const reply = (splitIntoSentences(answer)[0] ?? "").toLowerCase();
  if (!reply || reply.split(/\s+/).length > 8 || noChoice.test(reply)) return null;
  const picksLeft = hasWord(reply, left);
  const picksRight = hasWord(reply, right);
  if (picksLeft === picksRight) return null;
  const option = picksLeft ? left : right;

  const asksPreference = /\b(?:prefer|preference|usually|normally|always|rather|like better)\b/.test(text);
  if (head && (preferenceHeads.has(head) || asksPreference)) {
    return { content: `Prefers ${article(option)} ${option} ${head}`, kind: "PREFERENCE", confidence: 0.7 };
  }
  const implied = impliedChoices[option];
  if (implied && (impliedChoices[option === left ? right : left] || asksPreference)) {
    return { content: implied(option), kind: "PREFERENCE", confidence: 0.7 };
  }
  return null;
}
