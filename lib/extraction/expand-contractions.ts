// Contractions the statement rules care about, spelled out so one pattern covers "I'm"/"I am",
// "don't"/"do not". "'s" is left alone: it can be "is", "has" or a possessive.
const contractions: [RegExp, string][] = [
  [/\b(I|i)'m\b/g, "$1 am"],
  [/\b(I|i)m\b(?=\s+(?:a|an|the|not|so|on|in|at|from|going|moving|planning|looking|leaving|flying|heading|still|just|also|really|always|usually)\b)/g, "$1 am"],
  [/\b(I|i|[Ww]e|[Yy]ou|[Tt]hey)'ve\b/g, "$1 have"],
  [/\b([Mm]ust|[Ss]hould|[Cc]ould|[Ww]ould|[Mm]ight)'?ve\b/g, "$1 have"],
  [/\b(I|i)ve\b(?=\s+(?:been|got|had|just|never|always|already|ordered|bought))/g, "$1 have"],
  [/\b(I|i|[Ww]e|[Yy]ou|[Tt]hey|[Ss]he|[Hh]e|[Ii]t)'ll\b/g, "$1 will"],
  [/\b(I|i|[Ww]e|[Yy]ou|[Tt]hey)'d(?=\s+(?:been|gone|had|done|seen|already|never|just|ordered|bought|booked|called|asked|sent|got|forgotten)\b)/g, "$1 had"],
  [/\b(I|i|[Ww]e|[Yy]ou|[Tt]hey)'d\b/g, "$1 would"],
  [/\b([Gg])onna\b/g, "$1oing to"],
  [/\b([Ww])anna\b/g, "$1ant to"],
  [/\b([Gg])otta\b/g, "$1ot to"],
  [/\b([Ww]e|[Yy]ou|[Tt]hey)'re\b/g, "$1 are"],
  [/\b([Cc])an't\b|\b([Cc])annot\b|\b([Cc])ant\b(?=\s)/g, "$1$2$3an not"],
  [/\b([Ww])on't\b/g, "$1ill not"],
  [/\b([Ss])han't\b/g, "$1hall not"],
  [/\b([Dd]o|[Dd]oes|[Dd]id|[Hh]ave|[Hh]as|[Hh]ad|[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Ww]ould|[Ss]hould|[Cc]ould|[Mm]ust|[Nn]eed)n't\b/g, "$1 not"],
  [/\b([Dd]o|[Dd]oes|[Dd]id|[Ii]s|[Ww]as|[Hh]ave|[Hh]as|[Aa]re|[Ww]ere|[Cc]ould|[Ww]ould|[Ss]hould)nt\b/g, "$1 not"],
  [/\b([Ww])ont\b(?=\s+(?:be|work|let|start|charge|turn|load|open|connect|go|arrive|fit|take|accept|stop)\b)/g, "$1ill not"],
  [/\b([Tt]hat|[Ww]hat|[Tt]here|[Ww]here)s\b(?=\s+(?:a|an|the|not|my|no|what|how|why|just|really|so|too|way|like|triple|double|twice|more|less|all|it|because|when|fine|ok|okay|great|good)\b)/g, "$1 is"],
  [/\b(I|i)d\b(?=\s+(?:like|love|prefer|rather|appreciate|hate|be|need|want|have|go)\b)/g, "$1 would"],
  [/\b(I|i)ll\b(?=\s+(?:be|need|pick|call|send|take|have|try|come|bring|pay|wait|drop|check)\b)/g, "$1 will"],
];

// Text-message shorthand the rules would otherwise miss ("pls stop sending me promo texts").
const shorthand: [RegExp, string][] = [
  [/\b[Pp](?:ls|lz)\b/g, "please"],
  [/\b[Tt]hx\b|\b[Tt]hnx\b/g, "thanks"],
  [/(^|\s)[Ww]\/o\b/g, "$1without"],
  [/(^|\s)[Ww]\/(?=\s)/g, "$1with"],
  [/\b[Uu]\b(?=\s+(?:guys|can|could|have|sent|send|told|said|are|were|charged|cancelled|canceled|blocked|need|please)\b)/g, "you"],
  [/\b[Uu]r\b(?=\s+(?:app|site|website|team|staff|driver|store|shop|company|service|system|courier|delivery|order|agent|brand)\b)/g, "your"],
];

/** Straightens quotes, spells out the contractions and text shorthand the extraction rules match ("I'm" → "I am", "pls" → "please"). */
export function expandContractions(text: string): string {
  let result = text.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim();
  for (const [pattern, replacement] of [...shorthand, ...contractions]) result = result.replace(pattern, replacement);
  return result;
}
