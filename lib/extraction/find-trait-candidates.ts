import type { ExtractionTurn, TraitCandidate } from "./extraction-types";
import { splitIntoSentences } from "./split-into-sentences";

// "Dana", "O'Brien", "Smith-Jones"; never "I'm".
const namePart = "[A-Z][a-z]{1,30}(?:['-][A-Z]?[a-z]{1,30})?";
const name = `(${namePart}(?: (?:${namePart}|[A-Z]\\.)){0,2})`;

// Capitalised words that follow "I'm" or "this is" without being a name.
const notNames = new Set(
  ("I A The And But So Not Just Really Very Here Back Fine Good Great Okay Ok Sorry Sure Done Ready Calling Writing Trying Looking " +
    "Still Also Urgent Ridiculous Unacceptable Amazing Awesome Perfect Thanks Thank Hi Hello Hey Yes No Please Happy Glad Excited " +
    "American Canadian British English Irish Scottish Welsh Australian German French Italian Spanish Mexican Indian Chinese Japanese " +
    "Korean Brazilian Dutch Swedish Polish Russian Asian African European Latino Latina Hispanic Christian Jewish Muslim Catholic " +
    "Vegan Vegetarian Always Never Still Right Over Out Nearly Almost Finally Sometimes Usually Totally Everyone Someone Nobody " +
    "Somebody Everybody Anyone Bye See Love Miss Wish Welcome Lucky Proud Home Off On In Monday Tuesday Wednesday Thursday Friday Saturday Sunday Customer Support Sales Billing Re Fw Fwd").split(" "),
);

/** `introduction`: only as the customer's opening words ("It's Dana", "Dana here"), not "It's Shia LaBeouf!" mid-chat. */
type NamePattern = { pattern: RegExp; confidence: number; introduction?: true };
const namePatterns: NamePattern[] = [
  { pattern: new RegExp(`\\b[Mm]y (?:full )?name(?: is|'s) ${name}`), confidence: 0.9 },
  { pattern: new RegExp(`^(?:[Hh]i|[Hh]ello|[Hh]ey)?[,!]? ?[Nn]ame's ${name}`), confidence: 0.8 },
  { pattern: new RegExp(`^(?:[Hh]i|[Hh]ello|[Hh]ey)?[,!]? ?(?:[Tt]his is|[Ii]t's|[Ii]t is) ${name}(?= here\\b| from\\b| calling\\b| again\\b|\\s*[,.!]|$)`), confidence: 0.75, introduction: true },
  { pattern: new RegExp(`^(?:[Hh]i|[Hh]ello|[Hh]ey)?[,!]? ?(?:I'm|I am|[Ii]m) ${name}(?= here\\b| from\\b| calling\\b| and\\b|\\s*[,.!]|$)`), confidence: 0.6, introduction: true },
  { pattern: new RegExp(`^(?:[Hh]i|[Hh]ello|[Hh]ey)?[,!]? ?${name} here\\b`), confidence: 0.6, introduction: true },
];
const bareName = new RegExp(`^(?:(?:[Ii]t's|[Ii]t is|[Tt]his is|I'm|I am|[Ss]ure,?|[Yy]es,?) )?${name}\\.?$`);
const asksName = /\b(?:your|the) (?:full )?name\b|\bwho am i (?:speaking|talking|chatting) (?:to|with)\b|\bwho(?:'s| is) (?:this|calling)\b/i;

const email = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}/g;
const phone = /(?<![\d+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}(?!\d)/g;
const ownEmail = /\b(?:my (?:\w+ )?(?:e-?mail|e-?mail address|address|contact)|(?:reach|contact|email|e-mail|message|write to|find) me|i(?:'m| am) at|mine is|update (?:it|that|my \w+) to|change (?:it|that|my \w+) to|use)\b/i;
const ownPhone = /\b(?:my (?:\w+ )?(?:number|phone|cell|mobile|landline|line)|(?:reach|call|text|ring|contact|phone) me|i(?:'m| am) on|mine is|update (?:it|that|my \w+) to|change (?:it|that|my \w+) to|use)\b/i;
const asksEmail = /\b(?:your|best|the|an?) (?:(?:best|contact|preferred|work|personal) )?(?:e-?mail|contact)\b/i;
const asksPhone = /\b(?:your|best|the|a|an) (?:(?:best|contact|callback|mobile|cell|phone|daytime) )?(?:phone|number|cell|mobile)\b/i;
// Someone else's details: "my wife's number is…", "her email is…".
const someoneElses =
  /\b(?:wife|husband|partner|son|daughter|mom|mum|mother|dad|father|brother|sister|friend|boss|colleague|coworker|co-worker|assistant|manager|kid|child|parent|neighbou?r|his|her|their)(?:'s)?\b/i;
const notPhoneContext = /\b(?:card|account number|acct|iban|routing|sort code|order|confirmation|reference|ref|ticket|tracking|invoice|case|policy|member(?:ship)? number)\b[^.]{0,20}$/i;

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

function isPhoneLike(value: string): boolean {
  const digits = digitsOf(value).length;
  return value.startsWith("+") ? digits >= 8 && digits <= 15 : digits >= 10 && digits <= 13;
}

function nameTraits(fullName: string, confidence: number, communicationId: string): TraitCandidate[] {
  const parts = fullName.split(" ").filter((part) => !/^[A-Z]\.$/.test(part));
  if (parts.length === 0 || parts.some((part) => notNames.has(part) || /^[A-Z]{2,}$/.test(part))) return [];
  const traits: TraitCandidate[] = [{ groupName: "Contact", traitName: "firstName", value: parts[0], confidence, communicationIds: [communicationId] }];
  if (parts.length > 1) traits.push({ groupName: "Contact", traitName: "lastName", value: parts[parts.length - 1], confidence, communicationIds: [communicationId] });
  return traits;
}

function sentenceTraits(sentence: string, previousQuestion: string, communicationId: string, isOpening: boolean, isFirstSentence: boolean): TraitCandidate[] {
  const traits: TraitCandidate[] = [];
  const question = isFirstSentence ? previousQuestion : "";
  for (const { pattern, confidence, introduction } of namePatterns) {
    if (introduction && !(isOpening && isFirstSentence)) continue;
    const match = pattern.exec(sentence);
    if (match) {
      traits.push(...nameTraits(match[1], confidence, communicationId));
      break;
    }
  }
  if (traits.length === 0 && asksName.test(question)) {
    const match = bareName.exec(sentence.trim());
    if (match) traits.push(...nameTraits(match[1], 0.7, communicationId));
  }

  for (const match of sentence.matchAll(email)) {
    const before = sentence.slice(0, match.index);
    if (someoneElses.test(before)) continue;
    const stated = ownEmail.test(before);
    if (!stated && !asksEmail.test(question)) continue;
    traits.push({ groupName: "Contact", traitName: "email", value: match[0].toLowerCase().replace(/\.$/, ""), confidence: stated ? 0.85 : 0.75, communicationIds: [communicationId] });
  }
  const withoutEmails = sentence.replace(email, " ");
  for (const match of withoutEmails.matchAll(phone)) {
    const value = match[0].trim();
    const before = withoutEmails.slice(0, match.index);
    if (!isPhoneLike(value) || /[A-Za-z-]$/.test(before) || someoneElses.test(before) || notPhoneContext.test(before)) continue;
    const stated = ownPhone.test(before);
    if (!stated && !asksPhone.test(question)) continue;
    traits.push({ groupName: "Contact", traitName: "phone", value, confidence: stated ? 0.85 : 0.75, communicationIds: [communicationId] });
  }
  return traits;
}

/**
 * Name, e-mail and phone the customer states about themselves ("my name is Dana Whitfield", "you
 * can reach me at (415) 555-0199", or a bare answer when the agent asked for it); never someone
 * else's ("my wife's number is…"). One candidate per trait and value.
 */
export function findTraitCandidates(turns: ExtractionTurn[]): TraitCandidate[] {
  const byKey = new Map<string, TraitCandidate>();
  let previousQuestion = "";
  let customerTurns = 0;
  for (const turn of turns) {
    if (turn.speaker !== "CUSTOMER") {
      previousQuestion = turn.text.includes("?") ? turn.text : "";
      continue;
    }
    splitIntoSentences(turn.text.replace(/[\u2018\u2019]/g, "'")).forEach((sentence, index) => {
      for (const trait of sentenceTraits(sentence, previousQuestion, turn.communicationId, customerTurns < 2, index === 0)) {
        const key = `${trait.traitName}\u0000${trait.value.toLowerCase()}`;
        const known = byKey.get(key);
        if (!known) byKey.set(key, trait);
        else {
          known.confidence = Math.max(known.confidence, trait.confidence);
          if (!known.communicationIds.includes(turn.communicationId)) known.communicationIds.push(turn.communicationId);
        }
      }
    });
    previousQuestion = "";
    customerTurns++;
  }
  return [...byKey.values()];
}
