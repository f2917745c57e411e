// Rewrites what the customer said about themselves as a statement about them. Works on text whose
// contractions are spelled out (expandContractions): "I am", "do not", "I would".

const adverbs = new Set([
  "always", "usually", "often", "generally", "normally", "typically", "really", "just", "also", "still",
  "definitely", "absolutely", "mostly", "actually", "only", "sometimes", "rarely", "now", "currently",
  "recently", "finally", "already", "even", "totally", "honestly", "literally", "mainly", "primarily",
  "personally", "seriously", "truly", "frequently", "occasionally", "regularly", "certainly", "never",
  "hardly", "barely", "obviously", "basically", "kinda", "both", "all",
]);

// Adverbs that add emphasis, not meaning, to a memory ("I really don't wear olive"); "both" and
// "all" ("we both love…") no longer fit one person.
const emphasis = new Set(["really", "actually", "honestly", "totally", "definitely", "literally", "seriously", "basically", "kinda", "personally", "truly", "certainly", "obviously", "absolutely", "even", "both", "all"]);

const modals = new Set(["can", "could", "would", "should", "will", "might", "must", "may", "shall", "used"]);

// Past forms stay as they are ("I bought" → "Bought"); present forms take -s.
const irregularPast = new Set([
  "was", "were", "had", "did", "went", "got", "bought", "made", "took", "came", "saw", "said", "told", "left",
  "lost", "found", "gave", "thought", "felt", "kept", "sent", "paid", "spent", "brought", "began", "broke",
  "wrote", "ran", "sat", "met", "knew", "flew", "drove", "ate", "drank", "slept", "wore", "grew", "heard",
  "held", "stood", "understood", "taught", "caught", "fought", "sold", "won", "threw", "chose", "forgot",
  "hung", "lent", "built", "meant", "fell", "rode", "swam", "sang", "became", "drew", "hid", "shook", "woke",
  "learnt", "dreamt", "burnt", "spelt", "leapt", "knelt", "dealt", "smelt", "spilt",
]);

// Verbs ending in "ed" that are present tense.
const presentEndingInEd = new Set(["need", "feed", "bleed", "breed", "speed", "proceed", "succeed", "exceed", "heed", "shred", "embed", "wed", "plead", "seed", "weed"]);

function isPastTense(verb: string): boolean {
  return irregularPast.has(verb) || (verb.endsWith("ed") && !presentEndingInEd.has(verb));
}

/** "prefer" → "prefers", "fly" → "flies", "go" → "goes", "have" → "has". */
function toThirdPersonVerb(verb: string): string {
  if (verb === "have") return "has";
  if (verb === "am" || verb === "are") return "is";
  if (verb === "do") return "does";
  if (verb === "were") return "was";
  if (modals.has(verb) || isPastTense(verb)) return verb;
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

// First-person words after the subject: "my order" → "their order", "call me" → "call them".
const pronouns: Record<string, string> = {
  i: "they", me: "them", my: "their", mine: "theirs", myself: "themselves",
  we: "they", us: "them", our: "their", ours: "theirs", ourselves: "themselves",
};

function swapPronouns(text: string): string {
  return text
    .replace(/\b(I|i|[Ww]e) am\b/g, "they are")
    .replace(/\b(I|i|[Ww]e) was\b/g, "they were")
    .replace(/\b(I|i|me|my|mine|myself|[Ww]e|our|ours|ourselves|[Mm]y|[Oo]ur)\b|\bus\b/g, (word) => pronouns[word.toLowerCase()] ?? word);
}

// A verb that shares the dropped subject: "I returned it and still have not been refunded", "I
// work nights and sleep during the day". Only common verbs: "and people" must stay as it is.
function conjugateSharedVerbs(text: string): string {
  return text.replace(
    /\b(and|but|so|or)\s+((?:still|also|just|really|never|always|now|then|usually|often)\s+)?(have|am|do|was|were|(?:sleep|work|live|go|like|love|need|want|use|prefer|hate|eat|drink|drive|fly|travel|run|play|watch|take|get|make|try|hope|plan|enjoy|tend)(?=\s+(?:the|a|an|my|our|their|at|in|on|during|from|with|for|to|every|nights|days|weekends|late|early|remotely|abroad|home)\b))\b/g,
    (_match, conjunction: string, adverb: string | undefined, verb: string) => `${conjunction} ${adverb ?? ""}${toThirdPersonVerb(verb)}`,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The clause in the third person. A clause that starts with "I" or "we" loses its subject and its
 * verb takes the third person ("I always go for the wide fit" → "Always goes for the wide fit",
 * "I am moving" → "Is moving"); any other clause keeps its subject ("my order is late" → "Their
 * order is late"). Trailing punctuation is dropped.
 */
export function toThirdPerson(clause: string): string {
  const text = clause.trim().replace(/[\s.,;:!?…]+$/, "");
  const words = text.split(" ");
  const subject = words[0]?.toLowerCase();
  if (subject !== "i" && subject !== "we") return capitalize(swapPronouns(text));

  let index = 1;
  const leading: string[] = [];
  while (index < words.length - 1 && adverbs.has(words[index].toLowerCase())) leading.push(words[index++]);
  const [, verb, punctuation] = /^([a-z'-]*)(.*)$/.exec(words[index]?.toLowerCase() ?? "") ?? [];
  if (!verb) return "";
  // "I would rather not" / "I am" / "I have": the first verb-like word takes the person.
  const rest = words.slice(index + 1).join(" ");
  const kept = leading.map((word) => word.toLowerCase()).filter((word) => !emphasis.has(word));
  const head = [...kept, `${toThirdPersonVerb(verb)}${punctuation}`].join(" ");
  return capitalize(`${head}${rest ? ` ${conjugateSharedVerbs(swapPronouns(rest))}` : ""}`);
}

/**
 * What a customer says to a business about the business, as a statement about it: "your brand" →
 * "the brand", "has been with you for eight years" → "…with the company…", "you sent the wrong size"
 * → "the company sent…". Only for conversations with an agent: between friends "your turtles" are
 * the friend's.
 */
export function addressTheCompany(text: string): string {
  return text
    .replace(/\byou guys\b|\byou lot\b|\byour (?:company|team|firm|business|shop|store)\b/gi, "the company")
    .replace(/\b(with|from|to|for|by|at|of|than|about|through) you\b/gi, "$1 the company")
    .replace(/\byour\b/gi, "the")
    .replace(/\byou(?= (?:have|had|has|sent|send|charged|cancelled|canceled|blocked|lost|forgot|missed|delivered|told|said|keep|keeps|never|still|did|do|are|were|changed|took|gave|shipped|put|made|messed|called|emailed|texted|call|text|email)\b)/gi, "the company");
}
