import type { ObservationKind } from "./extraction-types";
import { expandContractions } from "./expand-contractions";
import { cleanSpokenText } from "./clean-spoken-text";
import { stripDiscourseMarkers } from "./strip-discourse-markers";
import { toThirdPerson } from "./to-third-person";

/** One thing a customer sentence says about the customer, already in the third person. */
export type StatementMatch = { content: string; kind: ObservationKind; confidence: number };

// Every pattern below is anchored or built from bounded alternations: no nested quantifiers, so a
// long, messy message costs linear time.

const relations =
  "guinea pig|mother-in-law|father-in-law|sister-in-law|brother-in-law|stepdaughter|stepson|granddaughter|grandson|grandmother|grandfather|grandma|grandpa|girlfriend|boyfriend|fiancée|fiancee|fiancé|fiance|husband|wife|partner|spouse|daughter|son|kids|kid|children|child|baby|toddler|mom|mum|mother|dad|father|brother|sister|niece|nephew|cousin|aunt|uncle|parents|twins|roommate|flatmate|puppy|dog|kitten|cat|hamster|rabbit|bunny|parrot|budgie|bird|goldfish|fish|horse|pony|tortoise|turtle|snake|lizard|gecko|ferret|chinchilla|pet";
const pluralRelations = new Set(["kids", "children", "parents", "twins"]);

// Capitalised words after "my dog" that are not names ("my dog Is…" never happens, "my son And I" might).
const notNames = new Set([
  "I", "And", "But", "Or", "So", "The", "A", "An", "Is", "Was", "Has", "Had", "Who", "He", "She", "They", "It", "We", "You",
  "Will", "Would", "Can", "Could", "On", "In", "At", "For", "To", "From", "With", "Just", "Also", "Really", "Please", "Thanks",
  "Lol", "Haha", "Ok", "Okay", "Yes", "No", "Not", "Too", "Then", "Now", "Today", "Tomorrow", "Monday", "Tuesday", "Wednesday",
  "Thursday", "Friday", "Saturday", "Sunday",
]);

const weakWords = new Set(
  ("a an the it its this that these those them they their theirs him her his hers he she you your yours me my mine i we us our " +
    "so too very really much many lot lots bit little just also still even now then there here again already yet ever never always " +
    "as well good great fine ok okay alright better best nice cool awesome amazing sure right thing things stuff one ones way idea " +
    "time times today tomorrow yesterday tonight day days week weeks month months year years ago last next soon later of to for " +
    "with on in at by from about into out up down over off and or but if than like what which who how when where why all any some " +
    "more most less not no yes do does did is are was were be been being have has had can could would should will might must " +
    "hearing seeing knowing talking chatting doing going getting saying sound sounds back around anyway though totally definitely " +
    "quite pretty kind sort kinda enough such something anything everything nothing someone anyone everyone lol haha please thanks " +
    "thank sorry help busy happy glad excited fun crazy same other else whole stuff tho tbh omg wow yeah few couple bunch ton tons " +
    "loads keep going happen happens happening btw fyi one two three four five six seven eight nine ten another").split(" "),
);

// Verbs that do not make a statement about the customer on their own ("I think", "I guess", "I called").
const stopVerbs = new Set(
  ("think thought know knew mean meant guess hope see saw agree understand understood feel felt bet suppose wonder wondered believe " +
    "remember forget forgot need want wanted wish get got appreciate apologize apologise thank said say told tell ask asked call " +
    "called check checked try tried notice noticed realize realise realized realised figure figured hear heard look looked swear " +
    "promise doubt care reckon send sent email emailed text texted message messaged contact contacted mention mentioned explain " +
    "explained imagine recall assume admit miss missed let guess dunno bet found find came come made make love like hate prefer " +
    "enjoy just really also totally definitely am was were is are do did does have had has can could would should will might must " +
    "may shall kinda gotta received receive paid pay used use needed last first").split(" "),
);

// Verbs that say nothing even as a habit ("I always think…"); "I usually come in at 6am", "I use the
// export daily" do say something.
const habitStopVerbs = new Set(
  ("think thought know knew mean meant guess hope agree understand understood feel felt bet suppose wonder believe remember " +
    "forget forgot wish appreciate apologize apologise thank say said tell told ask asked notice realize realise figure assume " +
    "admit imagine recall reckon doubt swear promise mention explain just really also totally definitely am was were is are do " +
    "did does have had has can could would should will might must may shall kinda gotta").split(" "),
);

const adverbPattern =
  "(?:(?:always|usually|often|generally|normally|typically|really|just|also|still|definitely|absolutely|mostly|actually|only|sometimes|now|currently|recently|finally|already|even|totally|honestly|literally|mainly|personally|truly|both|all|kind of|sort of|kinda|pretty much|seriously|certainly|very much)\\s+){0,3}";

const timePattern =
  /\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend|month|year|spring|summer|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next (?:week|weekend|month|year|spring|summer|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|(?:in|on|by|until|before|after|early|late|mid) (?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)? of (?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:on|by|until|before|after|from) the \d{1,2}(?:st|nd|rd|th)|(?:from|starting|through|over) (?:january|february|march|april|may|june|july|august|september|october|november|december|the summer|the winter|christmas|easter|half term)|in (?:a|an|one|two|three|four|five|six|a few|a couple of|\d+) (?:days?|weeks?|months?|years?)|after work|soon|end of (?:the )?(?:week|month|year))\b/;

const frequencyPattern =
  /\b(?:every (?:day|morning|evening|night|week|weekend|month|year|summer|winter|spring|fall|autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|other \w+)|(?:once|twice|three times|four times|five times|\d+ times|a few times|a couple of times) (?:a|per|each) (?:day|week|month|year)|on weekends|at weekends|daily|weekly|most (?:days|weekends|mornings|evenings|nights))\b/;

const issuePattern = new RegExp(
  [
    "\\b(?:has|have|had|did|does|do|is|was|are|were) (?:still )?not (?:yet )?(?:arrived|arrive|come|show up|turn up|shown up|showed up|turned up|been delivered|delivered|get delivered|received|got|gotten|heard back|been refunded|been fixed|been resolved|been processed|been credited|been shipped|shipped|moved|updated|gone through|working|work)\\b",
    "\\bnever (?:arrived|came|showed up|turned up|got|received|heard back)\\b",
    "\\bsupposed to (?:arrive|be delivered|be here|ship|come)\\b",
    "\\b(?:arrived|came|is|are|was|were|got|been|looks|seems) (?:\\w+ )?(?:cancelled|canceled|broken|damaged|cracked|crushed|dented|smashed|torn|ripped|stained|defective|faulty|missing|wrong|late|delayed|lost|stolen|empty|leaking|expired|stuck|declined|overdue|frozen|blocked|locked)\\b",
    "\\b(?:arrived|came|showed up|turned up|was delivered) (?:with |in )?(?:a |an |the )?(?:\\w+ )?(?:broken|cracked|damaged|crushed|dented|smashed|torn|ripped|stained|defective|faulty|missing|leaking|soaked|opened)\\b",
    "\\b(?:broke(?! (?:my|our|his|her|their) heart)|stopped working|quit working|keeps (?:crashing|freezing|failing|dropping|disconnecting|breaking|restarting|charging)|will not (?:turn on|start|charge|connect|load|work|open|boot|sync|let me)|can not (?:log in|login|sign in|access|connect|get into|make a payment))\\b",
    "\\b(?:locked out|charged (?:me )?twice|double[ -]charged|overcharged|billed twice|charged (?:me )?for something)\\b",
    "\\b(?:wrong (?:item|size|colou?r|order|address|product|amount|charge)|sent (?:me )?the wrong|not what (?:i|we) ordered)\\b",
    "\\bgot (?:the |a )?\\w+(?: \\w+)? instead\\b",
    "\\b(?:on hold for|been waiting|still waiting|waiting (?:for|since) (?:over |more than |almost )?(?:\\d+|a|an|two|three|four|five|several|weeks|days))\\b",
    "\\bthe (?:second|third|fourth|fifth|sixth|\\d+(?:st|nd|rd|th)) time\\b",
    "\\b(?:want|need|demand) (?:a |my )?(?:full )?(?:refund|money back)\\b",
    "\\b(?:lost (?:my|our) (?:card|wallet|phone|password|order|package|parcel|luggage|bag|suitcase|keys|receipt|ticket|boarding pass|passport)|does not fit|do not fit)\\b",
    "\\b(?:size \\w+|it|they|these|those|the \\w+(?: \\w+)?) (?:is|are|was|were|runs?|feels?|fits?) (?:a bit |a little |way |much )?too (?:tight|small|big|large|loose|short|long|narrow|wide|heavy)\\b",
    "\\bhaving (?:trouble|problems|issues|difficulty|a problem|an issue)\\b",
    "\\b(?:a|an|the|some) (?:problem|issue|fault|error|bug|glitch) with\\b",
    "\\b(?:error message|error code|not working)\\b",
    "\\b(?:no one|nobody|noone) (?:has |have |had |ever |even |actually )?(?:called|answered|replied|got back|gotten back|responded|come|came|shown up|showed up|turned up|fixed|contacted|told|emailed|informed|notified|bothered|helped|warned)\\b",
    "\\b(?:came|arrived|turned up|showed up|was delivered) (?:without|missing)\\b",
    "\\b(?:was|were|arrived|came) (?:stone |completely |totally |still |really |so )?(?:cold|soggy|raw|undercooked|burnt|melted|spoiled|spoilt|rotten|stale|mouldy|moldy)\\b",
    "\\bin transit[\"']? for\\b|\\bshowing (?:as )?[\"']?(?:in transit|pending|processing|dispatched)\\b",
    "\\b(?:bill|price|premium|rent|fee|fees|charge|charges|payment|payments|subscription|rate|tariff)s? (?:has |have |had )?(?:gone up|went up|increased|doubled|tripled|jumped|shot up|risen|rose)\\b",
    "\\b(?:triple|double|twice|three times|way more than|much more than) (?:what (?:i|we) (?:normally|usually) (?:pay|get charged|spend)|the usual|my usual|normal)\\b",
    "\\b(?:has|have|had) been (?:\\w+ )?(?:broken|cold|out of order|down|leaking|faulty|dirty|blocked|locked|closed|missing|delayed|dropping out|cutting out|flickering|noisy|unusable|dead|offline|stuck|off) (?:for|since)\\b",
    "\\b(?:dropping out|drops out|cutting out|cuts out|keeps dropping|keeps cutting out)\\b",
    "\\b(?:app|application|site|website|program|software|laptop|phone|computer|game|system|page|tv|router|it) (?:\\w+ )?(?:crashes|crashed|freezes|froze|hangs)\\b|\\bstill (?:crashes|freezes|fails|breaks|leaks|happens)\\b",
    "\\bsent (?:me |us )?(?:a |an |the )?[\\w-]+(?: [\\w-]+){0,3} instead of\\b",
    "\\b(?:barely|hardly|did not|could not|could hardly) (?:sleep|slept|get any sleep)\\b",
    "\\b(?:someone|somebody|a (?:car|van|lorry|truck|bus|driver|cyclist|taxi)|another (?:car|driver)|they) (?:\\w+ )?(?:reversed into|crashed into|drove into|backed into|ran into|hit|scratched|dented|keyed|broke into|stole)\\b",
    "\\btook (?:over |almost |nearly |more than )?(?:an hour|ages|forever|hours|days|weeks|\\d+ (?:minutes|mins|hours|days|weeks)|an hour and a half|two hours|three hours|a week|two weeks)(?: and a half)? to (?:arrive|come|be delivered|deliver|turn up|show up|get here|respond|reply|answer|process)\\b",
    "\\b(?:was|were|is|are) (?:really |very |so |extremely |incredibly |quite |super |a bit )?(?:rude|unhelpful|aggressive|dismissive|condescending|unprofessional)\\b",
    "\\btyped (?:it|the \\w+(?: \\w+)?) (?:in )?wrong\\b|\\bsent (?:it|the money|the payment|the transfer) to the wrong\\b|\\b(?:wrong|incorrect) (?:account number|sort code|bank details|iban|reference)\\b",
    "\\b(?:has|have|had|keeps|is|are|was|were) (?:been )?(?:slipping|skipping|grinding|squeaking|squealing|rattling|flickering|playing up|acting up|making (?:a|this|that|an) (?:weird |strange |funny |awful |horrible )?noise)\\b",
  ].join("|"),
);
const noIssuePattern = /\b(?:no|not any|never had any|never had a|without any|zero) (?:problems?|issues?)\b/;

const questionStart =
  /^(?:what|where|when|why|who|whom|whose|which|how|can|could|would|will|shall|should|do|does|did|is|are|am|was|were|have|has|had|may|might|any chance|is there|are there|just wondering)\b/;
const hypothetical =
  /\b(?:if|unless|in case|suppose|supposing|imagine|hypothetically|wish|wonder|wondering|might|maybe|perhaps|possibly|whether|would have|could have|should have|someday|one day)\b/;
// What someone else said ("my wife says…", "you told me…"), not what the customer says of themselves.
const reportedSpeech =
  /\b(?:he|she|they|you|someone|somebody|everyone|people|the agent|the guy|the lady|your colleague|(?:my|our) \w+) (?:said|says|told|tells|claimed|claims|promised|mentioned|thinks|thought)\b|\baccording to\b|\b(?:i|we) (?:was|were) told\b/;

const hedge = /^(?:i think|i guess|i believe|i suppose|i reckon|probably|i am pretty sure|i am sure)(?: that)?,?\s+/i;
// Where a new statement starts: "…, so I always go for the wide fit", "…, as my husband is a light
// sleeper", "…year so please note…", "…and honestly we don't have time…".
const clauseBoundary = new RegExp(
  [
    "\\s*[;:]\\s+",
    ",?\\s+but\\s+",
    ",\\s*so\\s+",
    ",?\\s+(?:so|because|since|as)\\s+(?=(?:it|they|this|that|there|the)\\s)",
    "\\s+so\\s+(?=(?:please|could|can|would|will|every|he|she|you|nothing|no|i|we)\\b)",
    ",\\s+as\\s+(?=(?:i|we|my|our|he|she)\\s)",
    "\\s+[-–—]\\s+",
    ",?\\s+(?:and|but|so|because|cause|since|though|although|while|plus)\\s+(?:(?:honestly|actually|also|really|now|then|frankly|obviously|luckily|unfortunately|sadly|thankfully|to be honest),?\\s+)?(?=(?:i|we|my|our)\\s)",
    ",?\\s+and\\s+(?=(?:he|she)\\s+\\w+)",
    ",\\s+(?=(?:i|we|my|our|please)\\s)",
    ",\\s+(?=(?:this|that|it) (?:has|have|had|is|was) (?:never|not|already|happened|been)\\b)",
    ",\\s+(?=(?:he|she)\\s+(?:is|was|has|had|does|did|will|would|can|only|always|usually|never|also|just|mostly|really|\\w+s)\\b)",
  ].join("|"),
  "i",
);

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9][a-z0-9'-]*/g) ?? [];
}

/** True when the text names something: a word that is not a pronoun, filler or time word, or a number. */
function isContentWord(word: string): boolean {
  return /\d/.test(word) || (word.length > 1 && !weakWords.has(word));
}

function hasContent(text: string): boolean {
  return wordsOf(text).some(isContentWord);
}

function contentWords(text: string): number {
  return wordsOf(text).filter(isContentWord).length;
}

// "I love it", "I hate that", "I love hearing that": reactions to what was just said, not
// preferences. "I bought it as a gift for my son" still says something after the "it".
function isReaction(object: string): boolean {
  const text = object.trim().toLowerCase();
  if (/^(?:you(?: guys| all| lot| too| so much| very much)?$|him|her|to hear|hearing|the idea|the sound of|how|what|when|where|seeing|knowing|reading that|working with you)\b/.test(text)) return true;
  const pronoun = /^(?:it|that|this|them|those|these)\b/.exec(text);
  return pronoun !== null && !hasContent(text.slice(pronoun[0].length));
}

function lowerFirst(text: string): string {
  // "AC was broken" keeps its capitals.
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function stripLead(clause: string): string {
  return stripDiscourseMarkers(clause);
}

/** Splits a sentence where a new first-person statement starts ("…, so I always go for the wide fit"). */
// "Just dropping off my road bike for a service on Monday": the subject is understood.
const subjectlessPlan = /^(?:just |currently |about to be )?(dropping off|bringing in|bringing|picking up|sending back|sending|returning|heading|flying|travelling|traveling|moving|leaving|coming back|off)\b/i;

function splitClauses(sentence: string): string[] {
  return sentence.split(clauseBoundary).map(stripLead).filter(Boolean);
}

type Rule = {
  pattern: RegExp;
  kind: ObservationKind;
  confidence: number;
  /** False passes the clause on to the next rule. */
  accept?: (match: RegExpExecArray) => boolean;
  /** A match ends the search with nothing: negations and forms no later rule should read. */
  rejects?: true;
  /** Matched against the clause as written, for rules that look at capitals. */
  onOriginalCase?: boolean;
};

const subject = "^(?:i|we) ";
const subjectBe = "^(?:i am|we are) ";

function objectOf(match: RegExpExecArray): string {
  return match[match.length - 1] ?? "";
}

// "I have a guinea pig named Oscar", not "I have a question" or "I have some time".
const possession = (match: RegExpExecArray) => hasContent(match[1]) && !/^(?:a |an |some |any |the |one )?(?:quick |few |couple of |small |silly |stupid |general |another |last )?(?:lot|lots|bit|ton|tons|load|loads|way to go|long way|questions?|query|idea|feeling|minute|second|moment|sec|clue|choice|time|fun|chance|plans?|nothing|something|everything|it|that|this|them|one|those|these|point|suggestion|favou?r|request)\b/.test(match[1]);

const contentful = (match: RegExpExecArray) => hasContent(objectOf(match)) && !isReaction(objectOf(match));

// "going to keep it up", "want to do that": a verb with nothing after it worth remembering.
function hasObject(text: string): boolean {
  const words = wordsOf(text);
  return words.length <= 1 ? hasContent(text) : hasContent(words.slice(1).join(" "));
}
const withObject = (match: RegExpExecArray) => hasObject(objectOf(match)) && !isReaction(objectOf(match));

// Statements that start with "I"/"we", most specific first. The first rule that matches and accepts
// its object decides; one that matches but finds no object worth keeping ("I love it") passes the
// clause on, and the negation and "I am …" catch-alls end the search with nothing.
const firstPersonRules: Rule[] = [
  // Negations: only the ones that state a preference or a lasting fact.
  { pattern: new RegExp(`${subject}${adverbPattern}do not (?:really |particularly |much |ever )?(?:like|enjoy|want|eat|drink|wear|mind|care for|trust)\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}do not (?:really |ever )?(?:use|fly|drive|watch|smoke|own)\\b(.*)`), kind: "FACT", confidence: 0.75, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:can not|could never) (?:stand|bear|tolerate)\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}would rather not\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}am not (?:a |the )?(?:big |huge )?fan of\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}not (?:very |really |too |that |at all )?(?:comfortable|confident|keen on|used to|good at)\\b(.*)`), kind: "PREFERENCE", confidence: 0.75, accept: contentful },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}not (?:very |really |too |that |at all )?(?:happy|pleased|impressed|satisfied)\\b(.*)`), kind: "MOOD", confidence: 0.7 },
  { pattern: new RegExp(`${subject}${adverbPattern}do not have (?:the |much |any |enough )?(?:time|energy|space|room)\\b(.*)`), kind: "FACT", confidence: 0.6 },
  { pattern: new RegExp(`${subject}${adverbPattern}no longer (\\w+)\\b(.*)`), kind: "FACT", confidence: 0.75, accept: (match) => !stopVerbs.has(match[1]) && hasContent(match[2]) },
  { pattern: new RegExp(`${subject}(?:${adverbPattern})can not (\\w+)\\b(.*)`), kind: "FACT", confidence: 0.6, accept: (match) => !stopVerbs.has(match[1]) && !/^(?:wait|stop|decide|afford|go|do|be)$/.test(match[1]) && hasContent(match[2]) },
  { pattern: new RegExp(`${subject}${adverbPattern}never (\\w+)\\b(.*)`), kind: "PREFERENCE", confidence: 0.7, accept: (match) => !stopVerbs.has(match[1]) && !/^(?:been|had|knew|thought)$/.test(match[1]) && hasContent(match[2]) },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:do|did|does|can|could|will|would|should|have|has|am|are|was|were|had|must) not\\b|${subject}${adverbPattern}(?:never|hardly|barely)\\b`), kind: "OTHER", confidence: 0, rejects: true },
  // Likes and dislikes.
  { pattern: new RegExp(`${subject}${adverbPattern}(?:hate|dislike|detest|loathe|am sick of|am tired of|am fed up with)\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:prefer|would prefer|much prefer|would much rather|would rather)\\b(.*)`), kind: "PREFERENCE", confidence: 0.9, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}am (?:a |such a )?(?:big |huge |massive )?(?:fan of|into|sucker for)\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:like|love|enjoy|adore)\\b(.*)`), kind: "PREFERENCE", confidence: 0.8, accept: (match) => contentful(match) && !/^\s*to (?:know|ask|see|check|hear|say|think|confirm|make sure)\b/.test(objectOf(match)) },
  // Requests that say what the customer wants done ("I'd like to return…", "I want a refund").
  { pattern: new RegExp(`${subject}${adverbPattern}(?:would like|want|need|demand|am asking for) (?:a |my )?(?:full )?(?:refund|money back|replacement)\\b(.*)`), kind: "ISSUE", confidence: 0.8 },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:would like|want|need|am trying|was hoping|am hoping|wanted|was trying) to (?:return|exchange|report|dispute|complain|file a complaint)\\b(.*)`), kind: "ISSUE", confidence: 0.65, accept: (match) => hasContent(match[0]) },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:would like|would love|want|need|am trying|was hoping|am hoping|wanted) to (?:cancel|close|change|update|switch|upgrade|downgrade|book|rebook|reschedule|order|buy|add|transfer|open|renew|extend|pause|freeze|suspend|stop|unsubscribe|remove|move|sign up|join|set up|reserve|rent|get|put)\\b(.*)`), kind: "PLAN", confidence: 0.65, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:get|am|are|get) paid\\b(.*)`), kind: "FACT", confidence: 0.75, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:pay|am paying|are paying) (?:for |about |around |roughly )?(?:£|\\$|€|\\d|a |an |the |our |my )(.*)`), kind: "FACT", confidence: 0.7, accept: (match) => hasContent(match[0].replace(/^(?:i|we) /, "")) },
  { pattern: new RegExp(`${subject}${adverbPattern}would (?:like|love|prefer) (?!to\\b)(?:a|an|the|some|my|our)\\b(.*)`), kind: "PREFERENCE", confidence: 0.65, accept: (match) => contentful(match) && /\b(?:next time|always|in future|in the future|from now on|going forward|if possible|room|seat|table|floor|view|bed|window|aisle|slot|delivery)\b/.test(match[0]) },
  // Habits and standing preferences.
  { pattern: new RegExp(`${subject}${adverbPattern}(?:always|usually|normally|typically|generally|tend to) (\\w+)\\b(.*)`), kind: "PREFERENCE", confidence: 0.75, accept: (match) => !habitStopVerbs.has(match[1]) && hasContent(match[2]) },
  { pattern: new RegExp(`${subject}${adverbPattern}do (?:all |most |a lot of |some )?(?:my|our|the) (\\w+)\\b(.*)`), kind: "FACT", confidence: 0.6, accept: (match) => !/^(?:best|bit|same|thing|job)$/.test(match[1]) },
  // "I am …"
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:a bit |a little |quite |so |very |really |extremely |pretty |getting |rather |absolutely |increasingly )?(?:annoyed|frustrated|upset|disappointed|worried|concerned|anxious|stressed|angry|furious|fed up|unhappy|nervous|livid|gutted|panicking)\\b(.*)`), kind: "MOOD", confidence: 0.7 },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}celebrating (?:(?:my|our|a|the|his|her|their) )?(?:\\w+ ){0,3}(?:birthday|anniversary|wedding|graduation|retirement|engagement|promotion)\\b(.*)`), kind: "PLAN", confidence: 0.75 },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:going to|planning to|planning on|about to|set to|due to|scheduled to|booked to|leaving|flying|heading|traveling|travelling|moving|relocating|visiting|starting|getting married|attending|staying (?:at|in|with|for|near)|driving|coming|returning|retiring|switching|expecting|having a (?:baby|party|wedding|housewarming)|signed up|registered|booked|off to (?!go\\b|do\\b|get\\b|make\\b|bed\\b|sleep\\b|work\\b|grab\\b|have\\b|try\\b|check\\b|a good start\\b)|away (?:in|to|from|on|until|for|at)|going (?:travelling|traveling|backpacking|abroad|away|on holiday|on vacation|on a trip|on honeymoon))\\b(.*)`), kind: "PLAN", confidence: 0.75, accept: (match) => hasObject(match[1]) && !/^\s*(?:ask|need|try|check|call|say|lose|scream|cry|wait|let|think|pass|hang|die|kill|keep|stay|rock|crush|nail|make (?:it|this|that)|do (?:it|this|that|my best|great)|give it|have to|be honest|be a|be fine|be ok|be okay|be late|to think|to feel|to wonder|to get|to believe|to regret|to lose|to realize|to realise|to see|to understand|to notice|to like|to love|to enjoy|to appreciate|to worry|to miss)\b/.test(match[1]) },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:camping|hiking|backpacking|cruising|vacationing|spending|going on|going camping|going hiking|going away|going abroad|going home|celebrating|hosting|throwing|running|doing|getting|picking up|dropping off|bringing in|bringing|sending back|meeting|seeing)\\b(.*)`), kind: "PLAN", confidence: 0.7, accept: (match) => timePattern.test(match[0]) && hasContent(match[1]) },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:thinking (?:of|about)|considering|hoping to|planning)\\b(.*)`), kind: "PLAN", confidence: 0.6, accept: contentful },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}looking (?:for|at|into)\\b(.*)`), kind: "PLAN", confidence: 0.6, accept: contentful },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:a|an) (?!\\d|bit\\b|little\\b|tad\\b|lot\\b|quick\\b|question\\b|mess\\b|wreck\\b|fool\\b)(.*)`), kind: "FACT", confidence: 0.8, accept: (match) => hasContent(match[1]) },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:from|based in|originally from|located in|living in|on the|on a|on your|a member|member|retired|vegetarian|vegan|pescatarian|married|single|divorced|engaged|widowed|left-handed|self-employed|freelance|a size|size|renting|leasing|house-sharing|flat-sharing|living with|a tenant|homeowners?)\\b(.*)`), kind: "FACT", confidence: 0.8, accept: (match) => !/^\s*(?:way|phone|fence|same page|edge|go|hook|line|verge|road|mend)\b/.test(match[1]) && !/\bam (?:on|with) (?:my|the) way\b/.test(match[0]) },
  { pattern: new RegExp(`^(?:[Ii] am|[Ww]e are) ${adverbPattern}(?:(?:stuck|stranded|staying|based|living|working|studying|abroad|away|over|out|here|there)\\s+){0,2}(?:in|at|near|with) (?=[A-Z])(.*)`), kind: "FACT", confidence: 0.7, onOriginalCase: true },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(\\d[\\d'"′″.,]*(?! ?%| percent)|(?:four|five|six|seven) (?:foot|feet|ft)\\b)(.*)`), kind: "FACT", confidence: 0.75 },
  { pattern: new RegExp(`${subjectBe}${adverbPattern}(?:working|studying|learning|training|saving|volunteering|building|teaching|running|practicing|practising|renovating|remodeling|preparing|organizing|organising|raising|caring|applying|interviewing|pursuing|taking|writing|reading|playing|getting into)\\b(.*)`), kind: "FACT", confidence: 0.65, accept: contentful },
  { pattern: new RegExp(`^(?:i am|we are)\\b`), kind: "OTHER", confidence: 0, rejects: true },
  // "I have been …"
  { pattern: new RegExp(`${subject}have ${adverbPattern}been (?:a customer|a member|a subscriber|a client|with you|with your|banking with|shopping with|using|coming to|subscribed)\\b(.*)`), kind: "FACT", confidence: 0.8 },
  { pattern: new RegExp(`${subject}have ${adverbPattern}been (?:planning|saving up)\\b(.*)`), kind: "PLAN", confidence: 0.65, accept: contentful },
  { pattern: new RegExp(`${subject}have ${adverbPattern}been (?!thinking|wondering|meaning|hoping|wanting|trying|meaning|so |really |very |pretty |good|great|fine|well|okay|ok\\b|better|busy|there|here)(.*)`), kind: "FACT", confidence: 0.55, accept: (match) => contentWords(match[1]) >= 2 },
  { pattern: new RegExp(`${subject}have ${adverbPattern}been\\b`), kind: "OTHER", confidence: 0, rejects: true },
  // Possessions: "I have a guinea pig named Oscar", "we have two kids".
  { pattern: new RegExp(`${subject}${adverbPattern}(?:have got|have|own) (?!to\\b|no\\b|not\\b|never\\b|got to\\b)((?:a|an|the|some|two|three|four|five|\\d+|my|our|one|several|another|plenty of)\\b.*)`), kind: "FACT", confidence: 0.85, accept: possession },
  { pattern: new RegExp(`${subject}${adverbPattern}got (?!to\\b)((?:a|an|some|two|three|four|five|\\d+|my|our|one|several|another)\\b.*)`), kind: "FACT", confidence: 0.7, accept: possession },
  { pattern: new RegExp(`${subject}have ${adverbPattern}((?:wide|narrow|flat|small|big|long|short|curly|straight|sensitive|dry|oily)\\b.*)`), kind: "FACT", confidence: 0.8, accept: (match) => hasContent(match[1]) },
  { pattern: new RegExp(`${subject}have ${adverbPattern}(?:had|welcomed|adopted) (?:a|an|our|my|the|twins|two|three|another)\\b(.*)`), kind: "FACT", confidence: 0.8, accept: contentful },
  // "I have moved", "I have had an account for ten years".
  { pattern: new RegExp(`${subject}have ${adverbPattern}(\\w+)\\b(.*)`), kind: "FACT", confidence: 0.7, accept: (match) => /(?:ed|en|wn|ne|ght|ught|ade|ent|eft|ept|elt|ost|old|id|un|ad|ung|ook|oke|ot)$/.test(match[1]) && !stopVerbs.has(match[1]) && !/^(?:seen|done|gone|been|spoken|written|given|taken|shown|known|attached|enclosed|included|forwarded|copied|uploaded|pasted|added|filled|read)$/.test(match[1]) && hasContent(match[2]) },
  // Where they live and work.
  { pattern: new RegExp(`${subject}${adverbPattern}(?:live|reside|work|study|teach|commute|run|manage|grew up|go to school|moved|relocated|just moved)\\b(.*)`), kind: "FACT", confidence: 0.85, accept: (match) => hasContent(match[1]) || /moved|relocated/.test(match[0]) },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:lived|worked|studied|taught)\\b(.*)`), kind: "FACT", confidence: 0.7, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:sent|transferred|paid|wired) (?:over )?(?:£|\\$|€|\\d|a |an |the |some |one |two |three |four |five |six |seven |eight |nine |ten |twenty |fifty |hundred )[^,;]*?\\b(?:to|into|for)\\b(.*)`), kind: "FACT", confidence: 0.7, accept: (match) => hasContent(match[1]) && !/\b(?:email|message|text|letter|photo|photos|picture|screenshot|form|details|it|them)\b/.test(match[0].split(/\b(?:to|into|for)\b/)[0]) },
  // Purchases and accounts.
  { pattern: new RegExp(`${subject}${adverbPattern}(?:bought|ordered|purchased|picked up|subscribed|signed up|upgraded|downgraded|renewed|booked|reserved|returned|rented|switched|joined|registered|enrolled|opened|closed|cancelled|canceled|paid for|adopted|installed|leased|financed)\\b(.*)`), kind: "FACT", confidence: 0.8, accept: contentful },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:decided|chose|agreed) to\\b(.*)`), kind: "PLAN", confidence: 0.7, accept: withObject },
  // Plans.
  { pattern: new RegExp(`${subject}(?:plan|intend|aim|am planning|am going|have planned|have decided) to\\b(.*)`), kind: "PLAN", confidence: 0.75, accept: withObject },
  { pattern: new RegExp(`${subject}will ${adverbPattern}need\\b(.*)`), kind: "OTHER", confidence: 0.6, accept: contentful },
  { pattern: new RegExp(`${subject}will ${adverbPattern}(?:be )?(\\w+)\\b(.*)`), kind: "PLAN", confidence: 0.7, accept: (match) => !/^(?:let|get|check|try|think|wait|take|call|see|keep|look|have|need|just|do|go|pass|make|give|send|email|text|stay|talk|be|sort|figure|find|ask|tell|consider)$/.test(match[1]) && hasContent(match[2]) && (timePattern.test(match[0]) || /^(?:moving|traveling|travelling|flying|away|visiting|relocating|retiring|arriving|leaving|departing|checking|staying|returning|back|off)$/.test(match[1])) },
  { pattern: new RegExp(`${subject}${adverbPattern}(?:leave|fly|arrive|depart|start|move|travel|head|get married|graduate|retire|begin|go)\\b(.*)`), kind: "PLAN", confidence: 0.7, accept: (match) => timePattern.test(match[0]) && !frequencyPattern.test(match[0]) },
  { pattern: new RegExp(`${subject}${adverbPattern}hope to\\b(.*)`), kind: "PLAN", confidence: 0.55, accept: withObject },
  { pattern: new RegExp(`${subject}${adverbPattern}need (?!to\\b|help\\b|some help\\b|assistance\\b|someone\\b|a hand\\b|a minute\\b|an answer\\b|info|more time\\b|it\\b|that\\b|this\\b|them\\b|you\\b)(.*)`), kind: "OTHER", confidence: 0.55, accept: (match) => contentful(match) && !/\byou$/.test(match[1]) },
  { pattern: new RegExp(`${subject}${adverbPattern}want to (?!know\\b|ask\\b|say\\b|check\\b|make sure\\b|let you\\b|thank\\b|talk\\b|speak\\b|confirm\\b|see\\b|understand\\b|be sure\\b|tell\\b|hear\\b|share\\b)(\\w+)\\b(.*)`), kind: "PLAN", confidence: 0.55, accept: (match) => hasContent(match[2]) && !isReaction(match[2]) },
  { pattern: new RegExp(`${subject}${adverbPattern}want (?!to\\b|you\\b|it\\b|that\\b|this\\b|them\\b)(.*)`), kind: "PREFERENCE", confidence: 0.55, accept: contentful },
  // Anything else they do regularly ("I climb at the gym twice a week").
  { pattern: new RegExp(`${subject}${adverbPattern}([a-z]+)\\b(.*)`), kind: "FACT", confidence: 0.7, accept: (match) => frequencyPattern.test(match[0]) && !habitStopVerbs.has(match[1]) },
  // A plain statement with a verb of their own ("I sleep cold", "I painted a lake sunrise last year").
  { pattern: new RegExp(`${subject}${adverbPattern}([a-z]+)\\b(.*)`), kind: "FACT", confidence: 0.5, accept: (match) => !stopVerbs.has(match[1]) && !isReaction(match[2]) && /^[a-z]{3,}$/.test(match[1]) && !/ing$/.test(match[1]) && (!/ly$/.test(match[1]) || /^(?:fly|rely|reply|apply|supply)$/.test(match[1])) && hasContent(match[2]) && wordsOf(match[0]).length <= 25 },
];

// "We would also prefer…", "I have just had…": the rules read the verb after the auxiliary.
const adverbAfterAuxiliary = /^((?:i|we) (?:would|will|should|could|can|do|did|have|had|am|are|was|were)) (?:also|really|still|just|definitely|actually|certainly|probably|honestly|totally|absolutely|now|then|both|all) /;

function firstPersonStatement(clause: string): StatementMatch | null {
  const lower = clause.toLowerCase().replace(adverbAfterAuxiliary, "$1 ");
  for (const rule of firstPersonRules) {
    const match = rule.pattern.exec(rule.onOriginalCase ? clause.replace(adverbAfterAuxiliary, "$1 ") : lower);
    if (!match) continue;
    if (rule.rejects) return null;
    if (rule.accept && !rule.accept(match)) continue;
    const content = toThirdPerson(clause);
    const confidence = lower.startsWith("we ") ? rule.confidence - 0.05 : rule.confidence;
    return content ? { content, kind: rule.kind, confidence } : null;
  }
  return null;
}

function issueStatement(clause: string): StatementMatch | null {
  const lower = clause.toLowerCase();
  if (!issuePattern.test(lower) || noIssuePattern.test(lower)) return null;
  if (/^(?:i|we) /.test(lower)) return { content: toThirdPerson(clause), kind: "ISSUE", confidence: 0.8 };
  const vague = /^(?:it|they|this|that|these|those|he|she|you)\b/.test(lower) && !/\bthe (?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) time\b/.test(lower);
  return { content: `Reported that ${lowerFirst(toThirdPerson(clause))}`, kind: "ISSUE", confidence: vague ? 0.6 : 0.75 };
}

const companionSubject = new RegExp(`^(?:(?:[Mm]y|[Oo]ur) (${relations})(?:,? ([A-Z][a-z]+),?)?|([A-Z][a-z]+)) and (?:I|me)\\b`);
const relationSubject = new RegExp(`^(?:[Mm]y|[Oo]ur) (?:(?:youngest|eldest|oldest|middle|little|older|younger|elder) )?(${relations})(?:,? ([A-Z][a-z]+),?)? (.+)$`);

// "My daughter Mia is 7 and…", "my wife prefers window seats": a fact about the customer's family.
function familyStatement(clause: string): StatementMatch | null {
  const match = relationSubject.exec(clause);
  if (!match) return null;
  const [, relation, name, predicate] = match;
  // "My partner, Sam Reyes": a surname, not a predicate.
  if (/^[A-Z][a-z]+(?:[\s.,]|$)/.test(predicate) && !/^I\b/.test(predicate)) return null;
  const lowerPredicate = predicate.toLowerCase();
  if (!/^(?:is|was|has|had|loves|likes|prefers|hates|works|lives|goes|starts|turns|just|will|plays|needs|wants|gets|uses|can|does|did|always|usually|never|really|also|still|mostly|often|sometimes|only|normally|generally|and i|are|were|have|love|like|prefer|hate|work|live|go|start|play|need|want|get|use|do|recently|graduated|moved|started|got|passed|retired|adopted|[a-z]+s)\b/.test(lowerPredicate)) return null;
  if (/^(?:and i|and me)\b/.test(lowerPredicate) || reportedSpeech.test(lowerPredicate) || !hasContent(predicate)) return null;
  const rel = relation.toLowerCase();
  if (name && !notNames.has(name) && !pluralRelations.has(rel)) {
    return { content: `Has ${article(rel)} ${rel} named ${name}, who ${lowerFirst(toThirdPerson(predicate))}`, kind: "FACT", confidence: 0.8 };
  }
  return { content: toThirdPerson(clause), kind: "FACT", confidence: 0.7 };
}

const occasions = "birthday|anniversary|wedding|graduation|retirement|engagement party|christening|leaving party|leaving do|hen do|stag do|baby shower";
const occasionOf = new RegExp(`^(?:it|this|that)(?: is|'s) (?:for )?(?:my|our) (${relations})'s ((?:\\d+(?:st|nd|rd|th) |first |big )?(?:wedding )?(?:${occasions}))\\b(.*)$`, "i");
const giftFor = new RegExp(`^(?:it|this|that|the (?:order|parcel|package|item|box))(?: is|'s| was) (?:a|an) ((?:\\w+ )?(?:gift|present|surprise)) for (?:my|our) (${relations})\\b(.*)$`, "i");

// "It's my dad's 60th birthday" → their dad's 60th birthday is coming up; "It's a birthday present
// for my mum" → they bought a birthday present for their mum.
function occasionStatement(clause: string): StatementMatch | null {
  const occasion = occasionOf.exec(clause);
  if (occasion) return { content: `Their ${occasion[1].toLowerCase()}'s ${occasion[2].toLowerCase()} is coming up${toThirdPerson(occasion[3]).toLowerCase() ? ` ${lowerFirst(toThirdPerson(occasion[3].trim()))}` : ""}`.trim(), kind: "PLAN", confidence: 0.65 };
  const gift = giftFor.exec(clause);
  if (gift) return { content: `Bought ${article(gift[1])} ${gift[1].toLowerCase()} for their ${gift[2].toLowerCase()}${gift[3] ? lowerFirst(toThirdPerson(gift[3])) : ""}`, kind: "FACT", confidence: 0.65 };
  return null;
}

const accountSubject = /^(?:my|our) (?:account|subscription|plan|membership|policy|contract|lease|tier|renewal|loyalty|rewards)\b/i;

function accountStatement(clause: string): StatementMatch | null {
  if (!accountSubject.test(clause) || !hasContent(clause.replace(accountSubject, ""))) return null;
  if (!/\b(?:is|was|renews|expires|ends|started|runs|has|includes|covers|comes)\b/i.test(clause)) return null;
  return { content: toThirdPerson(clause), kind: "FACT", confidence: 0.6 };
}

// "Email works better for me than texts" → "Prefers email over texts".
const worksBetter = /^(?:for ([^,]{2,40}), )?(.{2,50}?) (?:works|is|are|would be) (?:much |way |a lot )?(?:better|best|easier|ideal|preferable) for (?:me|us)(?: than (.{2,50}))?$/i;
const favourite = /^(?:my|our) (?:favou?rite|preferred|go-to) ([a-z ]{2,30}?) (?:is|are) (.{2,80})$/i;

function preferenceStatement(clause: string): StatementMatch | null {
  const better = worksBetter.exec(clause);
  if (better && hasContent(better[2])) {
    const [, purpose, preferred, other] = better;
    const text = `Prefers ${lowerFirst(toThirdPerson(preferred))}${other ? ` over ${toThirdPerson(other).toLowerCase()}` : ""}${purpose ? ` for ${purpose.trim()}` : ""}`;
    return { content: text, kind: "PREFERENCE", confidence: 0.8 };
  }
  const favourite_ = favourite.exec(clause);
  if (favourite_ && hasContent(favourite_[2])) return { content: toThirdPerson(clause), kind: "PREFERENCE", confidence: 0.85 };
  return null;
}

// "Please text rather than call", "please don't ring the doorbell": standing instructions; "please
// stop sending me promo texts": what they do not want; "please cancel my subscription": what they want done.
const pleaseRequest = /^please (?:(always|never|do not|don't) )?(?:just )?(.+)$/i;
const pleaseStop = /^please (?:stop|no more|do not (?:send|text|email|call) me)\s+(?:(?:sending|texting|emailing|calling|contacting|ringing)\s+)?(?:me |us )?(.+)$/i;
const pleaseDo = /^please (?:can you |could you )?(cancel|close|change|update|switch|upgrade|downgrade|freeze|pause|suspend|renew|extend|rebook|reschedule|transfer|end|terminate) ((?:my|our)\b.+)$/i;

function requestStatement(clause: string): StatementMatch | null {
  const stop = pleaseStop.exec(clause);
  if (stop && hasContent(stop[1])) return { content: `Does not want ${toThirdPerson(stop[1]).replace(/^./, (c) => c.toLowerCase())}`, kind: "PREFERENCE", confidence: 0.75 };
  const todo = pleaseDo.exec(clause);
  if (todo && hasContent(todo[2])) return { content: `Wants to ${todo[1].toLowerCase()} ${lowerFirst(toThirdPerson(todo[2]))}`, kind: "PLAN", confidence: 0.65 };
  const match = pleaseRequest.exec(clause);
  if (!match) return null;
  const [, modifier, action] = match;
  const lower = clause.toLowerCase();
  const standing = /\b(?:always|never|do not|rather than|instead of|from now on|in future|in the future|next time|going forward|only)\b/.test(lower);
  const verb = /^(?:text|call|email|e-mail|phone|leave|deliver|ring|knock|send|contact|use|keep|message|ship|note|post|bill)\b/i.test(action);
  if (!standing || !verb || !hasContent(action)) return null;
  const negative = modifier && /not|n't|never/.test(modifier.toLowerCase());
  const always = modifier?.toLowerCase() === "always" ? "always " : "";
  const text = `Asked ${negative ? "not " : ""}to ${always}${toThirdPerson(action).replace(/^./, (c) => c.toLowerCase())}`;
  return { content: text, kind: "PREFERENCE", confidence: 0.7 };
}

const namedRelation = new RegExp(`\\b(?:[Mm]y|[Oo]ur) (${relations}),? ([A-Z][a-z]{1,20})\\b(?!')`, "g");
const relationIsNamed = new RegExp(`\\b(?:[Mm]y|[Oo]ur) (${relations})(?:'s name)? is (?:called |named )?([A-Z][a-z]{1,20})\\b`, "g");
const namedPossession = new RegExp(`\\b(?:a|an) (${relations}) (?:named|called) ([A-Z][a-z]{1,20})\\b`, "g");

const appositiveRelation = new RegExp(`\\b([A-Z][a-z]{1,20}), (?:my|our) (${relations})\\b`, "g");
const pronounName = /^(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir) name(?:'s| is) ([A-Z][a-z]{1,20})\b/;
const mentionedRelation = new RegExp(`\\b(?:a|an|my|our|the) (?:new |little |rescue |baby )?(${relations})\\b`, "gi");

/** "I adopted a cat! Her name is Pepper." → the customer has a cat named Pepper. */
function namedByPronoun(sentence: string, previousSentence: string): StatementMatch[] {
  const name = pronounName.exec(sentence)?.[1];
  if (!name || notNames.has(name)) return [];
  const relation = [...previousSentence.matchAll(mentionedRelation)].pop()?.[1].toLowerCase();
  if (!relation || pluralRelations.has(relation)) return [];
  return [{ content: `Has ${article(relation)} ${relation} named ${name}`, kind: "FACT", confidence: 0.75 }];
}

/** "…my dog Max…" in any sentence, even a question: the customer has a dog named Max. */
function namedRelations(sentence: string): StatementMatch[] {
  const found: StatementMatch[] = [];
  // Every pattern needs a capitalised name after the first word.
  if (!/.\b[A-Z][a-z]/.test(sentence)) return found;
  for (const pattern of [namedRelation, relationIsNamed, namedPossession, appositiveRelation]) {
    for (const match of sentence.matchAll(pattern)) {
      const appositive = pattern === appositiveRelation;
      const relation = (appositive ? match[2] : match[1]).toLowerCase();
      const name = appositive ? match[1] : match[2];
      if (notNames.has(name) || pluralRelations.has(relation)) continue;
      found.push({ content: `Has ${article(relation)} ${relation} named ${name}`, kind: "FACT", confidence: 0.8 });
    }
  }
  return found;
}

const pastMarkers = /\b(?:last|ago|was|were|went|had|did|came back|got back|returned)\b/i;
const tripTo = /\b(?:my|our) (?:upcoming |next |big |family )?(trip|vacation|holiday|honeymoon|move|visit|flight|trek) to ((?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})(?: (on|in|next|this) ([A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+|[A-Z][a-z]+|week|weekend|month|year|summer|spring|fall|autumn|winter))?(?=[\s,.;!?]|$)/;
const namedTrip = /\b(?:my|our) (?:upcoming |next |big |family )?((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*){0,3}) (trip|vacation|holiday|trek|hike)\b/;

/** "…before our trip to Yosemite on May 23": the customer has a trip coming up. */
function upcomingTrip(sentence: string): StatementMatch | null {
  if (pastMarkers.test(sentence)) return null;
  const to = tripTo.exec(sentence);
  if (to) {
    const when = to[3] && to[4] ? ` ${to[3]} ${to[4]}` : "";
    return { content: `Has an upcoming ${to[1]} to ${to[2]}${when}`, kind: "PLAN", confidence: 0.7 };
  }
  const named = namedTrip.exec(sentence);
  if (named && !notNames.has(named[1])) return { content: `Has an upcoming ${named[1]} ${named[2]}`, kind: "PLAN", confidence: 0.65 };
  return null;
}

function isQuestion(sentence: string): boolean {
  return /\?["')\]]*\s*$/.test(sentence) || questionStart.test(sentence.toLowerCase()) || /^(?:i (?:was |am )?wonder(?:ing)?|do you know)\b/i.test(sentence);
}

const maxClauseCharacters = 240;
const conditionalStart = /^(?:if|unless|in case|what if|suppose|supposing|imagine|when i|once i)\b/;
const conditionalTail = /,?\s+(?:if|unless|in case|as long as|provided that|provided)\b.*$/i;

/** Spelled-out forms back to written ones, trailing fillers off. */
function tidyContent(content: string): string {
  return content
    .replace(/\b([Cc])an not\b/g, "$1annot")
    .replace(/^Would like to /, "Wants to ")
    .replace(/^Would like /, "Wants ")
    .replace(/^Has got\b/, "Has")
    .replace(/(?:[\s,]+(?:though|tho|anyway|anyways|lol|haha|honestly|either|too|really|please|thanks|thank you|but|and|so|or|because|like|btw|fyi|you know|i mean|ok|okay|yeah))+[\s.,;:!?…]*$/i, "")
    .replace(/\s+/g, " ")
    .replace(/[\s.,;:!?…]+$/, "")
    .trim();
}

// "my daughter Mia, she's 7" → "my daughter Mia, who is 7"; "my mum, her birthday is on Saturday"
// → "my mum, whose birthday is on Saturday": one statement, not a dangling ", she's 7".
const relationMention = `(?:[Mm]y|[Oo]ur) (?:new |little |baby |eldest |oldest |youngest |older |younger |elder )?(?:${relations})(?:,? [A-Z][a-z]{1,20})?`;
const appositivePronoun = new RegExp(`\\b(${relationMention}), (?:he|she|they) (?:is|are|was|has|turns|loves|likes|hates|needs)\\b`, "g");
const appositivePossessive = new RegExp(`\\b(${relationMention}), (?:his|her|their) (\\w+) (is|was|are)\\b`, "g");

function rewriteAppositives(text: string): string {
  if (!/, |^(?:me|myself) and /i.test(text)) return text;
  return text
    .replace(/\b([Hh]e|[Ss]he)'s (?=got\b|been\b)/g, "$1 has ")
    .replace(/\b([Hh]e|[Ss]he)'s\b/g, "$1 is")
    .replace(appositivePronoun, (match: string, mention: string) => `${mention}, who ${match.slice(match.lastIndexOf(" ") + 1)}`)
    .replace(appositivePossessive, "$1, whose $2 $3")
    // "Two of us are vegetarian, me and my sister" → "My sister and I are vegetarian".
    .replace(new RegExp(`^(?:two|both|the two) of us are (.+?),? (?:me|myself) and (?:my|our) (${relations})[.!]*$`, "i"), "My $2 and I are $1")
    .replace(new RegExp(`^(?:[Mm]e|[Mm]yself) and (my|our) (${relations})\\b`), "My $2 and I");
}

const maleRelations = new Set("son husband dad father brother boyfriend fiance fiancé grandson grandfather grandpa nephew uncle stepson father-in-law brother-in-law".split(" "));
const femaleRelations = new Set("daughter wife mom mum mother sister girlfriend fiancee fiancée granddaughter grandmother grandma niece aunt stepdaughter mother-in-law sister-in-law".split(" "));

/** "he"/"she" at the start of a clause, as the relative last mentioned ("…for my son. He mostly does coding…"). */
function resolvePronoun(clause: string, context: string): string | null {
  const pronoun = /^(he|she) (?!said|says|told|tells|thinks|thought|claims|claimed|reckons)/i.exec(clause);
  if (!pronoun) return null;
  const male = pronoun[1].toLowerCase() === "he";
  const mentioned = [...context.matchAll(mentionedRelation)].map((match) => match[1].toLowerCase()).filter((relation) => !pluralRelations.has(relation));
  // People only: "she's a little menace" about a new cat is banter, not a fact worth keeping.
  const fits = mentioned.filter((relation) => (male ? maleRelations.has(relation) : femaleRelations.has(relation)) || /^(?:partner|spouse|kid|child|baby|toddler|cousin|roommate|flatmate)$/.test(relation));
  const relation = fits.at(-1);
  if (!relation || new Set(fits).size > 1) return null;
  return `My ${relation} ${clause.slice(pronoun[0].length)}`;
}

// "…on the 15th, any chance it'll arrive before then?": the statement before the question counts.
const questionTail =
  /(?:,\s*(?:(?:so|and|but|also)\s+)?|\s+(?:so|and|but)\s+)(?:(?:can|could|would|will|do|does|is|are|should|may|shall)\s+(?:you|i|we|she|he|they|it|there|someone|somebody)\b|any chance|how|when|what|where|which|why)[^,]*\?["')\]]*\s*$/i;
// "my gas bill is £312 for March??": indignation, not a question.
const rhetoricalEnd = /\s*(?:\?\s*){2,}$|\s*(?:\?!|!\?)[?!]*$/;
// "Can you send bills by email from now on, not post" is a standing request, not a question.
const standingRequest =
  /^(?:so |and |also )?(?:can|could|would|will) you (?:please |kindly |just )?((?:send|email|e-mail|text|call|phone|post|deliver|leave|ship|bill|contact|use|keep|put|note|add|make sure)\b.*\b(?:from now on|in future|in the future|going forward|always|next time|every time|rather than|instead of|only)\b.*?)\??$/i;
// "I was hoping you could arrange a room with a sea view": a request, not a hypothetical.
const hopingRequest =
  /^(?:i|we) (?:was|were|am|are) (?:hoping|wondering if|wondering whether) (?:you|they|someone) (?:could|would|can|might) (?:please )?(?:arrange|give|get|book|provide|find|offer|reserve|organise|organize|sort out|set up|put) (?:me |us )?(?:in |with )?(.+)$/i;
// Wishing something about the company had gone otherwise is about that clause only ("I wish you had
// texted me instead, I would much rather get a text").
const wishAboutOthers = /^(?:i|we) (?:\w+ )?wish (?:you|they|someone|somebody|the|your)\b/i;

/**
 * What one customer sentence says about the customer: preferences, dislikes, facts, plans, issues,
 * each rewritten in the third person. Questions, hypotheticals ("if I…", and what follows a
 * "maybe"), reported speech and negated facts give nothing, except that a question can still reveal
 * a named pet or relative ("Do you have a harness for my dog Max?").
 */
export function matchCustomerStatement(sentence: string, previousSentence = ""): StatementMatch[] {
  let text = rewriteAppositives(stripLead(cleanSpokenText(expandContractions(sentence))));
  if (!text) return [];
  const subjectless = subjectlessPlan.exec(text);
  if (subjectless && /\b(?:my|our)\b/i.test(text)) text = `I am ${text.slice(subjectless[0].length - subjectless[1].length)}`;
  // "The youngest, Leo, only watches cartoons": one of the children the customer just mentioned.
  text = text.replace(/^[Tt]he (youngest|eldest|oldest|middle one|little one|baby), ([A-Z][a-z]{1,20}),? /, (_match, which: string, name: string) => `My ${which === "middle one" ? "middle child" : `${which} child`.replace("baby child", "baby")} ${name} `);
  const found = [...namedRelations(text), ...namedByPronoun(text, previousSentence)];
  if (/\b(?:trip|vacation|holiday|honeymoon|move|visit|flight|trek|hike)\b/i.test(text)) {
    for (const clause of splitClauses(text)) {
      const trip = upcomingTrip(clause);
      if (trip) found.push(trip);
    }
  }
  // "My wife is travelling with me, can she sit next to me?": the statement before the question counts.
  text = text.replace(questionTail, "");
  if (!questionStart.test(text.toLowerCase())) text = text.replace(rhetoricalEnd, "");
  const request = standingRequest.exec(text);
  if (request) text = `Please ${request[1]}`;
  const lower = text.toLowerCase();
  if (isQuestion(text) || conditionalStart.test(lower)) return found;
  // "I'm vegetarian, if the trip includes meals": the condition is not part of the fact, but it is
  // part of a plan or an issue ("Wants a refund if it is not here by Thursday").
  const condition = conditionalTail.exec(text)?.[0] ?? "";
  const unconditional = condition ? text.slice(0, text.length - condition.length) : text;

  // "My husband and I are flying to Rome" → "Is flying to Rome … with their husband"; "My sister and
  // I are vegetarian" → "Is vegetarian, as is their sister".
  let together = "";
  const companionMatch = companionSubject.exec(unconditional);
  let statement = unconditional;
  if (companionMatch && !notNames.has(companionMatch[3] ?? "")) {
    const relation = companionMatch[1]?.toLowerCase();
    const rest = unconditional.slice(companionMatch[0].length);
    const state = /^ (?:are|were) (?!\w+ing\b|going\b|about\b|off\b)/.test(rest);
    const who = relation ? `their ${relation}${companionMatch[2] ? ` ${companionMatch[2]}` : ""}` : companionMatch[3];
    together = state ? `, as ${relation && pluralRelations.has(relation) ? "are" : "is"} ${who}` : ` with ${who}`;
    statement = `We${rest}`;
  }
  const clauses = splitClauses(statement);
  // A "maybe", "might" or "whether" makes its clause and the ones after it uncertain.
  let uncertain = false;
  let previous: StatementMatch | null = null;
  let context = previousSentence;
  clauses.forEach((rawClause, index) => {
    let clause = rawClause.replace(/[\s.,;:!…]+$/, "");
    const seen = context;
    context = `${context} ${clause}`;
    let confidence = 0;
    const hedged = hedge.exec(clause);
    if (hedged) {
      clause = clause.slice(hedged[0].length);
      confidence = -0.2;
    }
    const hoping = hopingRequest.exec(clause);
    if (hoping && hasContent(hoping[1])) {
      const asked: StatementMatch = { content: `Asked for ${lowerFirst(tidyContent(toThirdPerson(hoping[1])))}`, kind: "PREFERENCE", confidence: 0.65 };
      previous = asked;
      found.push(asked);
      return;
    }
    if (wishAboutOthers.test(clause)) {
      previous = null;
      return;
    }
    // "…and he says he hasn't got it": what someone else says, and everything after it, is theirs.
    if (hypothetical.test(clause.toLowerCase()) || reportedSpeech.test(clause.toLowerCase())) uncertain = true;
    if (uncertain || clause.length > maxClauseCharacters || wordsOf(clause).length < 2) {
      previous = null;
      return;
    }
    clause = resolvePronoun(clause, seen) ?? clause;
    const companion = index === 0 ? together : "";
    const lowerClause = clause.toLowerCase();
    if (/^we are (?:both|all)\b/.test(lowerClause)) {
      previous = null;
      return;
    }
    const isFirstPerson = /^(?:i|we) /.test(lowerClause);
    const dislike = isFirstPerson && /^(?:i|we) (?:\w+ )?(?:hate|dislike|detest|loathe|do not (?:like|want)|can not stand)\b/.test(lowerClause);
    const match =
      (dislike ? null : issueStatement(clause)) ??
      (isFirstPerson ? firstPersonStatement(clause) : (familyStatement(clause) ?? occasionStatement(clause) ?? accountStatement(clause) ?? preferenceStatement(clause) ?? requestStatement(clause)));
    let content = match ? `${tidyContent(match.content)}${companion}` : "";
    if (!match || !content) {
      previous = null;
      return;
    }
    if (condition && index === clauses.length - 1 && (match.kind === "ISSUE" || match.kind === "PLAN")) content = `${content} ${lowerFirst(tidyContent(toThirdPerson(condition.replace(/^,?\s+/, ""))))}`;
    // "I always fly with a guitar, I'd rather not check it": "it" is the guitar, so the two stay together.
    const last: StatementMatch | null = previous;
    if (last && isFirstPerson && match.kind !== "MOOD" && last.kind !== "MOOD" && /\b(?:it|them)\b/i.test(content) && !/\b(?:it|them)\b/i.test(last.content)) {
      last.content = `${last.content} and ${lowerFirst(content)}`;
      last.confidence = Math.min(last.confidence, match.confidence);
      if (match.kind === "ISSUE") last.kind = "ISSUE";
      return;
    }
    previous = { ...match, content, confidence: Math.round((match.confidence + confidence) * 100) / 100 };
    found.push(previous);
  });
  return found;
}
