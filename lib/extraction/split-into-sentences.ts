// Abbreviations whose trailing dot does not end a sentence ("Dr. Patel", "e.g. the blue one").
const abbreviations = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "eg", "ie", "a.m", "p.m",
  "approx", "dept", "mt", "ft", "inc", "ltd", "co", "no", "nr", "tel", "ave", "apt", "u.s", "u.k", "min", "hr",
]);

function endsWithAbbreviation(text: string): boolean {
  const match = /(?:^|[\s(])([A-Za-z][A-Za-z.]{0,7})$/.exec(text);
  if (!match) return false;
  const word = match[1].toLowerCase();
  // A lone capital is an initial ("J. Smith"); a lone "i" or "a" is a word.
  if (/^[A-Z]$/.test(match[1]) && match[1] !== "I" && match[1] !== "A") return true;
  return abbreviations.has(word);
}

/**
 * Splits one message into sentences: at . ! ? … followed by a space or the end, and at line breaks;
 * not inside "Dr.", "e.g.", initials, "5.5", e-mail addresses or URLs (their dots are not followed
 * by a space).
 */
export function splitIntoSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\r?\n+/)) {
    let start = 0;
    for (let index = 0; index < line.length; index++) {
      const character = line[index];
      if (character !== "." && character !== "!" && character !== "?" && character !== "…") continue;
      let end = index + 1;
      while (end < line.length && /[.!?…"')\]]/.test(line[end])) end++;
      if (end < line.length && !/\s/.test(line[end])) continue;
      const sentence = line.slice(start, end).trim();
      if (character === "." && end === index + 1 && endsWithAbbreviation(line.slice(start, index))) continue;
      if (sentence) sentences.push(sentence);
      start = end;
      index = end - 1;
    }
    const rest = line.slice(start).trim();
    if (rest) sentences.push(rest);
  }
  return sentences;
}
