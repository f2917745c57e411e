// Splits an observation ("Prefers an aisle seat", "Flying on May 3rd at 9am") into words with the
// comparison form reconciliation works on: case, accents, punctuation, articles and inflection
// removed, a few channel synonyms folded, numbers and times kept as values. Pure and deterministic.

/**
 * - content: a word that carries meaning ("aisle", "prefers")
 * - stop: grammar and filler ("an", "is", "customer", "named", "called" before a name)
 * - negation: "no", "not", "never" — kept out of the words compared, counted for polarity
 * - number: a value that can change ("3", "2025", "9am")
 * - identifier: a long number or letter/digit code ("12345", "AB123") that names one thing
 */
export type StatementWordRole = "content" | "stop" | "negation" | "number" | "identifier";

export type StatementWord = {
  /** As written, punctuation removed ("Berlin"). */
  surface: string;
  /** Lower case, accents removed ("berlin"). */
  lower: string;
  /** The comparison form: stemmed and synonym-folded for content words, the value for numbers. */
  stem: string;
  role: StatementWordRole;
  /** Written with a capital letter somewhere other than the start of the statement (a name or place). */
  isCapitalized: boolean;
};

const stopWords = new Set(
  (
    "a an the to of for on in at by with into onto about as and or but nor so than then " +
    "their theirs his her hers its they them he she it i me my we us our you your who whom whose " +
    "this that these those which what there here " +
    "is are was were be been being am do does did done will would shall should can could might must " +
    "customer customers client caller user named " +
    "very really also just too quite rather still now again only usually generally typically currently " +
    "always often sometimes recently already anymore instead either any some every each"
  ).split(" "),
);

const negationWords = new Set(["no", "not", "never", "none", "nobody", "nothing"]);

const numberWords = new Map(
  ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"].map(
    (word, index) => [word, String(index + 1)],
  ),
);

// Applied to stems, so every inflection of the left side folds into the right side.
const stemSynonyms = new Map([
  ["has", "have"],
  ["hav", "have"],
  ["had", "have"],
  ["telephon", "phone"],
  ["cellphon", "phone"],
  ["text", "sms"],
  ["favour", "favor"],
  ["sit", "seat"],
  ["seating", "seat"],
]);

// "a dog named Max" says the same as "a dog called Max"; "called" alone is a phone call.
const nameIntroducer = "called";

/** Light suffix stripping: consistent on both sides matters more than linguistic accuracy. */
function stemWord(word: string): string {
  if (word.length <= 3) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("sses")) stem = stem.slice(0, -2);
  else if (/(ss|us|is)$/.test(stem)) {
    // "class", "bus", "this": not plurals
  } else if (/(x|z|ch|sh)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith("s")) stem = stem.slice(0, -1);

  if (stem.endsWith("ing") && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith("ied") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("ed") && stem.length > 4) stem = stem.slice(0, -2);

  if (/([bdfgklmnprt])\1$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith("e") && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

function prepare(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/\b(can)'t\b/gi, "$1 not")
      .replace(/\bwon't\b/gi, "will not")
      .replace(/n't\b/gi, " not")
      .replace(/'(s|re|ve|ll|d|m)\b/gi, "")
      // "e-mail", "x-ray": a one-letter prefix belongs to the word
      .replace(/\b([a-z])-(?=[a-z])/gi, "$1")
      // "9 am", "9:30 p.m." → one time value
      .replace(/\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b\.?/gi, (_match, hour: string, minute: string | undefined, half: string) =>
        ` ${Number(hour)}${minute ? `:${minute}` : ""}${half.toLowerCase()}m `,
      )
  );
}

const wordPattern = /\d{1,2}(?::\d{2})?[ap]m|\d{1,2}:\d{2}|[\p{L}\p{N}]+/gu;

function classify(surface: string, lower: string): Pick<StatementWord, "stem" | "role"> {
  const ordinal = /^(\d+)(st|nd|rd|th)$/.exec(lower);
  if (ordinal) return { stem: String(Number(ordinal[1])), role: "number" };
  if (/^\d+$/.test(lower)) {
    return lower.length >= 5 ? { stem: lower, role: "identifier" } : { stem: String(Number(lower)), role: "number" };
  }
  if (/^\d{1,2}(:\d{2})?([ap]m)?$/.test(lower)) return { stem: lower, role: "number" };
  if (/\d/.test(lower)) return { stem: lower, role: "identifier" };
  const number = numberWords.get(lower);
  if (number) return { stem: number, role: "number" };
  if (negationWords.has(lower)) return { stem: lower, role: "negation" };
  if (stopWords.has(lower) || lower.length === 1) return { stem: lower, role: "stop" };
  const stem = stemWord(lower);
  return { stem: stemSynonyms.get(stem) ?? stem, role: "content" };
}

/** The words of one statement, in order, each with its role and comparison form. */
export function tokenizeStatement(text: string): StatementWord[] {
  const surfaces = prepare(text).match(wordPattern) ?? [];
  const words = surfaces.map((surface, index): StatementWord => {
    const lower = surface.toLowerCase();
    return { surface, lower, ...classify(surface, lower), isCapitalized: index > 0 && /^\p{Lu}/u.test(surface) };
  });
  return words.map((word, index) => {
    const next = words[index + 1];
    // "no longer" is one negation; "longer" alone ("longer flights") is a word
    if (word.lower === "longer" && words[index - 1]?.lower === "no") return { ...word, role: "stop" };
    if (word.lower === nameIntroducer && next?.isCapitalized) return { ...word, role: "stop" };
    return word;
  });
}
