// Reads the shape of one third-person observation well enough to compare it with another:
// its predicate ("prefers", "has", "lives"), what the predicate is about, whether it is negated,
// which known alternatives it names (aisle/window, email/phone…) and which values (dates, counts).
// Heuristic and pure: no parser, no model; built for the short statements extractors produce.
import { tokenizeStatement, type StatementWord } from "./tokenize-statement";

/**
 * - ordinary: the predicate names the slot ("prefers", "flies")
 * - single: the slot holds one value at a time ("lives in", "moved to")
 * - change: "switched to", "upgraded to", "cancelled": about whatever slot its object is in
 */
export type PredicateRole = "ordinary" | "single" | "change";

export type StatementAnalysis = {
  /** Content stems, numbers and identifiers, each once, in order: what similarity compares. */
  stems: string[];
  /** The first way each stem was written, for reasons ("Berlin"). */
  surfaces: Map<string, string>;
  /** An odd number of negations, counting negative verbs ("dislikes", "cancelled"). */
  isNegated: boolean;
  /** The predicate's group ("like" for prefers/likes/loves, "have", "live", "be"…); null when the text has no words. */
  predicate: string | null;
  /** The predicate word's own stem (equal to `predicate` for ungrouped verbs). */
  predicateStem: string | null;
  predicateRole: PredicateRole;
  /** Stems after the predicate: what it is about. */
  objects: string[];
  /** The first content word among the objects. */
  head: string | null;
  /** Known alternative sets this statement names a value of: set name → values ("seat" → {"aisle"}). */
  alternatives: Map<string, Set<string>>;
  /** The stems that named those alternatives ("aisl"). */
  alternativeStems: string[];
  /** Values that may change for the same slot: counts, days, years, times. */
  numbers: string[];
  /** Long numbers and codes that name one thing (an order, a booking). */
  identifiers: string[];
  /** Object stems written with a capital letter: names and places. */
  properNouns: string[];
};

// Values of one slot that exclude each other: a newer different value replaces the older one.
const alternativeSets: Record<string, Record<string, string[]>> = {
  seat: { aisle: ["aisle"], window: ["window"], middle: ["middle"] },
  cabin: { economy: ["economy"], business: ["business"] },
  timeOfDay: { morning: ["morning"], afternoon: ["afternoon"], evening: ["evening"], night: ["night", "overnight"] },
  weekday: {
    monday: ["monday"],
    tuesday: ["tuesday"],
    wednesday: ["wednesday"],
    thursday: ["thursday"],
    friday: ["friday"],
    saturday: ["saturday"],
    sunday: ["sunday"],
    weekend: ["weekend"],
    weekday: ["weekday"],
  },
  month: Object.fromEntries(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].map(
      (month) => [month, [month]],
    ),
  ),
  contactChannel: {
    email: ["email"],
    phone: ["phone", "call", "phonecall"],
    sms: ["sms", "text"],
    whatsapp: ["whatsapp"],
    post: ["post", "mail", "letter"],
    chat: ["chat", "livechat"],
  },
  diet: { vegetarian: ["vegetarian"], vegan: ["vegan"], pescatarian: ["pescatarian"], omnivore: ["omnivore"] },
  planTier: {
    free: ["free"],
    basic: ["basic"],
    standard: ["standard"],
    premium: ["premium"],
    pro: ["pro"],
    bronze: ["bronze"],
    silver: ["silver"],
    gold: ["gold"],
    platinum: ["platinum"],
    business: ["business"],
    enterprise: ["enterprise"],
    starter: ["starter"],
  },
  deliverySpeed: { standard: ["standard"], express: ["express"], overnight: ["overnight"], sameDay: ["sameday"] },
  fulfilment: { delivery: ["delivery"], pickup: ["pickup", "collection"] },
  language: Object.fromEntries(
    [
      "english",
      "spanish",
      "french",
      "german",
      "italian",
      "portuguese",
      "dutch",
      "polish",
      "chinese",
      "mandarin",
      "cantonese",
      "japanese",
      "korean",
      "arabic",
      "hindi",
      "russian",
      "turkish",
    ].map((language) => [language, [language]]),
  ),
  size: { small: ["small"], medium: ["medium"], large: ["large"] },
};

// Sets that also name other things ("Italian food" is no language): counted only beside one of these
// words, or when the statement is about nothing else ("Prefers Spanish").
const alternativeSetContexts: Record<string, string[]> = {
  language: ["language", "speak", "speaker", "speaking", "support", "agent", "communication", "interpreter", "translation"],
};

type PredicateEntry = { group: string; role: PredicateRole; isNegative: boolean };

const predicateWords: Array<[string[], PredicateEntry]> = [
  [["prefer", "like", "love", "enjoy", "favor", "want", "wish"], { group: "like", role: "ordinary", isNegative: false }],
  [["dislike", "hate", "avoid", "detest"], { group: "like", role: "ordinary", isNegative: true }],
  [["have", "own", "got"], { group: "have", role: "ordinary", isNegative: false }],
  [["live", "lives", "reside", "move", "moved", "relocate", "relocated", "based"], { group: "live", role: "single", isNegative: false }],
  [["switch", "change", "upgrade", "downgrade", "convert", "swap"], { group: "change", role: "change", isNegative: false }],
  [
    ["cancel", "cancelled", "canceled", "stop", "stopped", "quit", "unsubscribe", "unsubscribed", "terminate", "drop", "dropped"],
    { group: "change", role: "change", isNegative: true },
  ],
];

// "Plans to fly", "is going to visit": the verb after "to" is the predicate.
const modalStems = new Set(["plan", "intend", "going", "hope", "expect", "need", "try", "aim", "mean"]);
const irregularVerbs = new Set(["went", "got", "had", "made", "bought", "lost", "broke", "left", "flew", "took", "gave", "sold", "paid", "sent", "won"]);

function stemOf(word: string): string {
  return tokenizeStatement(`x ${word}`)[1]?.stem ?? word;
}

const predicateByStem = new Map<string, PredicateEntry>();
for (const [words, entry] of predicateWords) for (const word of words) predicateByStem.set(stemOf(word), entry);

const contextStemsBySet = new Map(
  Object.entries(alternativeSetContexts).map(([setName, words]) => [setName, new Set(words.map(stemOf))]),
);

const alternativesByStem = new Map<string, Array<[string, string]>>();
for (const [setName, values] of Object.entries(alternativeSets)) {
  for (const [value, aliases] of Object.entries(values)) {
    for (const alias of aliases) {
      const stem = stemOf(alias);
      alternativesByStem.set(stem, [...(alternativesByStem.get(stem) ?? []), [setName, value]]);
    }
  }
}

function isMeaningful(word: StatementWord): boolean {
  return word.role === "content" || word.role === "number" || word.role === "identifier";
}

function looksLikeVerb(word: StatementWord): boolean {
  if (predicateByStem.has(word.stem) || irregularVerbs.has(word.lower)) return true;
  const { lower } = word;
  if (lower.length > 3 && lower.endsWith("ed")) return true;
  if (lower.length > 4 && lower.endsWith("ing")) return true;
  return lower.length > 3 && lower.endsWith("s") && !/(ss|us|is|ous|ics)$/.test(lower);
}

/** Where the predicate is: skips auxiliaries ("has moved") and modals ("plans to"). */
function findPredicate(words: StatementWord[]): { index: number; isVerb: boolean } | null {
  let isAfterTo = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word.role === "number" || word.role === "identifier") return { index, isVerb: false };
    if (word.role !== "content") continue;
    const next = words[index + 1];
    const isAuxiliaryHave = word.stem === "have" && next !== undefined && (next.lower === "been" || /ed$/.test(next.lower));
    if (isAuxiliaryHave) continue;
    if (modalStems.has(word.stem) && next?.lower === "to") {
      index++;
      isAfterTo = true;
      continue;
    }
    return { index, isVerb: isAfterTo || looksLikeVerb(word) };
  }
  return null;
}

/** The parts of one observation that reconciliation compares. */
export function analyzeStatement(text: string): StatementAnalysis {
  const words = tokenizeStatement(text);
  const meaningful = words.filter(isMeaningful);
  const stems = [...new Set(meaningful.map((word) => word.stem))];
  const surfaces = new Map<string, string>();
  for (const word of meaningful) if (!surfaces.has(word.stem)) surfaces.set(word.stem, word.surface);

  const found = findPredicate(words);
  let predicate: string | null = null;
  let predicateStem: string | null = null;
  let predicateRole: PredicateRole = "ordinary";
  let isNegativePredicate = false;
  let objectWords: StatementWord[] = [];
  if (found) {
    if (found.isVerb) {
      const word = words[found.index];
      const entry = predicateByStem.get(word.stem);
      predicateStem = word.stem;
      predicate = entry?.group ?? word.stem;
      predicateRole = entry?.role ?? "ordinary";
      isNegativePredicate = entry?.isNegative ?? false;
      objectWords = words.slice(found.index + 1).filter(isMeaningful);
    } else {
      // "Vegetarian", "Is on the Gold plan": a state, read as an implicit "is"
      predicate = "be";
      predicateStem = "be";
      objectWords = words.slice(found.index).filter(isMeaningful);
    }
  }
  const objects = [...new Set(objectWords.map((word) => word.stem))];

  const named = stems.flatMap((stem) => (alternativesByStem.get(stem) ?? []).map(([setName, value]) => ({ stem, setName, value })));
  const isOnlyAlternatives = objects.every((stem) => named.some((entry) => entry.stem === stem) || !/\p{L}/u.test(stem));
  const isSetInContext = (setName: string) => {
    const contextStems = contextStemsBySet.get(setName);
    return !contextStems || isOnlyAlternatives || stems.some((stem) => contextStems.has(stem));
  };
  const alternatives = new Map<string, Set<string>>();
  const alternativeStems: string[] = [];
  for (const { stem, setName, value } of named.filter((entry) => isSetInContext(entry.setName))) {
    alternatives.set(setName, new Set([...(alternatives.get(setName) ?? []), value]));
    if (!alternativeStems.includes(stem)) alternativeStems.push(stem);
  }

  const negations = words.filter((word) => word.role === "negation").length;
  return {
    stems,
    surfaces,
    isNegated: (negations % 2 === 1) !== isNegativePredicate,
    predicate,
    predicateStem,
    predicateRole,
    objects,
    head: objectWords.find((word) => word.role === "content")?.stem ?? null,
    alternatives,
    alternativeStems,
    numbers: [...new Set(meaningful.filter((word) => word.role === "number").map((word) => word.stem))],
    identifiers: [...new Set(meaningful.filter((word) => word.role === "identifier").map((word) => word.stem))],
    properNouns: [...new Set(objectWords.filter((word) => word.role === "content" && word.isCapitalized).map((word) => word.stem))],
  };
}
