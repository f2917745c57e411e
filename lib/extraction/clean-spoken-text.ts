// Voice transcripts and chatty messages carry words that are not part of what is said: "um",
// "uh", "you know", a "like" before a number, a false start repeated ("it's, uh, it's really…").
// They are taken out before any rule reads the sentence, so "my bill went up by like fifteen
// pounds" reads as "my bill went up by fifteen pounds".

const hesitation = /(^|[\s,])(?:u+m+|u+h+m*|e+r+m*|e+h+|h+m+|m+h*m+|ah+)(?=[\s,.!?]|$)[,.]?/gi;
// "like" as a filler: before an amount or a time, or set off by commas; never the verb ("I like tea").
const fillerLike =
  /\b(?<=(?:for|by|is|was|been|about|in|of|at|took|takes|after|within|only|just|cost|costs|paid|charged|waited|waiting|wait|it's|that's|like,)\s)like,?\s(?=(?:a|an|the|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|half|a few|a couple|every|three|ages|forever)\b)/gi;
const parenthetical = /,\s*(?:you know|i mean|like|kind of|sort of|basically|literally|honestly|to be honest|so yeah|yeah)\s*(?=,)/gi;
const trailingParenthetical = /,\s*(?:you know|i mean|or whatever|or something|and stuff|and all that|or so)(?=\s*[.!?]*$)/i;
// "it's, it's really", "I, I think", "yeah, yeah": a word or two said twice.
const restart = /\b(\w+(?:'\w+)?(?: \w+)?),\s+\1\b/gi;

/** The sentence without hesitations, filler "like"/"you know" and repeated false starts. */
export function cleanSpokenText(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text
    .replace(hesitation, "$1")
    .replace(parenthetical, "")
    .replace(trailingParenthetical, "")
    .replace(fillerLike, "")
    .replace(restart, "$1")
    .replace(/(?:,\s*){2,}/g, ", ")
    .replace(/\b(and|but|or|because),\s+/gi, "$1 ")
    .replace(/^\s*,\s*/, "")
    .replace(/\s+,/g, ",")
    .replace(/\s{2,}/g, " ")
    .trim();
}
