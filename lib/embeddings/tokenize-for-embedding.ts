/**
 * Lower-cased word tokens of a text, for the offline embedders: letters and digits, an inner
 * apostrophe kept ("don't"), a possessive "'s" dropped ("Caroline's" → "caroline").
 */
export function tokenizeForEmbedding(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    let token = match[0].replace(/’/g, "'");
    if (token.endsWith("'s")) token = token.slice(0, -2);
    if (token.length > 0 && token.length <= 40) tokens.push(token);
  }
  return tokens;
}

// WordNet's morphy detachment rules (nouns, verbs, adjectives), most specific first.
const DETACHMENTS: ReadonlyArray<readonly [string, string]> = [
  ["ies", "y"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["sses", "ss"],
  ["xes", "x"],
  ["zes", "z"],
  ["ses", "s"],
  ["men", "man"],
  ["ied", "y"],
  ["ing", "e"],
  ["ing", ""],
  ["ed", "e"],
  ["ed", ""],
  ["es", "e"],
  ["es", ""],
  ["s", ""],
  ["est", "e"],
  ["est", ""],
  ["er", "e"],
  ["er", ""],
  ["ly", ""],
];

/**
 * The dictionary form of `token` that `isKnown` accepts: the token itself, else the first result
 * of WordNet's detachment rules (plus undoubling: "running" → "run"), else undefined.
 */
export function lemmatizeToken(token: string, isKnown: (word: string) => boolean): string | undefined {
  if (isKnown(token)) return token;
  for (const [suffix, replacement] of DETACHMENTS) {
    if (token.length <= suffix.length + 1 || !token.endsWith(suffix)) continue;
    const stem = token.slice(0, -suffix.length);
    const candidate = stem + replacement;
    if (isKnown(candidate)) return candidate;
    // "stopped" → "stopp" → "stop", "bigger" → "bigg" → "big"
    if (replacement === "" && stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2] && isKnown(stem.slice(0, -1))) {
      return stem.slice(0, -1);
    }
  }
  return undefined;
}
