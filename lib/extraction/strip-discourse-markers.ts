// What comes before the statement itself: greetings, "honestly", "by the way", "these days", the
// person addressed, "since the update," … Taken off (or, when it says when, moved to the end) so
// that the statement rules see a clause that starts with its subject: "These days I prefer a window
// seat" → "I prefer a window seat"; "Next month I will be in Lisbon" → "I will be in Lisbon next month".

const greeting =
  /^(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|dear)\b(?: (?:there|team|all|everyone|guys|folks|again|support|sir or madam|sir|madam))?(?: [A-Z][a-z]+)?[,!.]*\s*/i;

// Discourse markers and reactions: they frame the statement, they are not part of it. "Apparently"
// stays: it marks hearsay, which the reported-speech rule should see.
const leadingFiller = new RegExp(
  `^(?:(?:${[
    "oh", "ah", "well", "also", "and", "but", "so", "then", "actually", "honestly", "yeah", "yes", "yep", "yup", "no", "nope",
    "nah", "ok", "okay", "right", "sure", "plus", "anyway", "anyways", "anyhow", "btw", "fyi", "ps", "p\\.s\\.", "by the way",
    "just so you know", "just to let you know", "just to say", "for the record", "for your information", "to be honest",
    "to be fair", "in fairness", "tbh", "ha", "haha", "hah", "lol", "hmm", "um", "uh", "wow", "great", "cool", "nice", "sorry",
    "thanks", "thank you", "cheers", "ta", "perfect", "awesome", "brilliant", "lovely", "wonderful", "excellent", "amazing",
    "fine", "alright", "all right", "gotcha", "got it", "fair enough", "no worries", "ugh", "argh", "omg", "otherwise",
    "however", "besides", "oh well", "these days", "nowadays", "lately", "recently", "currently", "at the moment", "at present",
    "right now", "for now", "in general", "generally speaking", "as you know", "as i said", "like i said", "as i mentioned",
    "as mentioned", "one more thing", "another thing", "quick question", "quick one", "frankly", "truthfully", "in fact",
    "basically", "luckily", "unfortunately", "sadly", "thankfully", "fortunately", "funnily enough", "as it happens",
    "speaking of which", "come to think of it", "either way", "in any case", "if i am honest", "if i am being honest",
    "to tell you the truth", "personally",
  ]
    .sort((a, b) => b.length - a.length)
    .join("|")})\\b[,!.:]*\\s*){1,5}`,
  "i",
);

// "Maria, …": the person addressed, not part of the statement.
const vocative = /^[A-Z][a-z]{1,20},\s+/;

// "since we last talked", "when I get home": when, not what.
const temporalClause = /\b(?:since|while|when|whenever|after|before|until|till|once|as soon as) (?:i|we) [^,.;!?]{0,60}(?:,\s*|(?=[.;!?]|$))/gi;

const days = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const months = "january|february|march|april|may|june|july|august|september|october|november|december";
const leadingTime = new RegExp(
  `^((?:next|this) (?:week|weekend|month|year|summer|spring|fall|autumn|winter|${days})|tomorrow|tonight|on (?:${days})|in (?:${months})|every (?:day|morning|evening|week|weekend|summer|winter|month)|most (?:days|weekends|mornings|evenings)),?\\s+(?=(?:i|we)\\s)`,
  "i",
);
// "Since the 4.2 update, the app crashes…" → "…the app crashes (since the 4.2 update)".
const leadingCircumstance = /^((?:since|after|before|during|following|over|for) (?:the|my|our|this|last|a|an|about) [^,;:!?]{2,40}),\s+(?=\S)/i;
// "Last time we stayed with you the room was…" → "the room was… last time we stayed with you".
const lastTime = /^((?:the )?last time (?:i|we) [a-z]+(?: (?:with|at|in|on|from|here|there|you|it|them|the|a|your|our|my|\w+ed)){0,4}),?\s+(?=(?:the|my|our|it|they|there|you|your|i|we)\s)/i;
// "Usually I fly…" → "I usually fly…".
const frontedFrequency = /^(usually|normally|always|generally|typically|often|sometimes|mostly|mainly|never),?\s+(i|we)\s+/i;

function moveToEnd(text: string, match: RegExpExecArray, phrase: string): string {
  return `${text.slice(match[0].length).replace(/[\s.,;:!?…]+$/, "")} ${phrase}`;
}

/** The clause from its subject on, with what only frames it taken off or moved to the end. */
export function stripDiscourseMarkers(clause: string): string {
  let text = clause.trim();
  // Most clauses already start with their subject.
  if (/^(?:I|[Ww]e|[Mm]y|[Oo]ur) (?!mean\b)/.test(text)) return text.replace(temporalClause, "").trim();
  for (let round = 0; round < 3; round++) {
    const before = text;
    text = text.replace(/^[-–—:;,.…]+\s*/, "").replace(greeting, "").replace(leadingFiller, "").replace(vocative, "").replace(temporalClause, "").trim();
    const time = leadingTime.exec(text);
    if (time) text = moveToEnd(text, time, time[1].toLowerCase());
    const circumstance = leadingCircumstance.exec(text);
    // In brackets, so that "since the update" is not read as a new clause ("…, since the…").
    if (circumstance) text = moveToEnd(text, circumstance, `(${lowerFirst(circumstance[1])})`);
    const last = lastTime.exec(text);
    if (last) text = moveToEnd(text, last, lowerFirst(last[1]));
    const frequency = frontedFrequency.exec(text);
    if (frequency) text = `${frequency[2]} ${frequency[1].toLowerCase()} ${text.slice(frequency[0].length)}`;
    if (text === before) break;
  }
  return text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
