/** What a conversation was about: a label for the summary and a phrase for "was frustrated about …". */
export type ConversationTopic = { label: string; phrase: string };

type TopicRule = { label: string; phrase?: string; pattern: RegExp; replaces?: string[] };

// Most specific first; a topic found replaces the vaguer ones it names ("late delivery" says more
// than "order status").
const topicRules: TopicRule[] = [
  { label: "late delivery", phrase: "the late delivery", pattern: /\b(?:has not|have not|had not|hasn't|haven't|still not|still hasn't|still haven't)(?: yet)? (?:arrived|come|shown up|been delivered|moved|turned up)\b|\bnever (?:arrived|came|showed up)|\bsupposed to (?:arrive|be delivered|be here)|\b(?:is|was|running|arrived) late\b|\bdelayed\b|\bstuck (?:in|at) (?:customs|transit)|\btook (?:over |almost |nearly |more than )?(?:an hour|ages|forever|hours|days|weeks|\d+ (?:minutes|mins|hours|days|weeks)|two hours|three hours|a week)(?: and a half)? to (?:arrive|come|be delivered|turn up|show up|get here)\b/, replaces: ["order status", "delivery"] },
  { label: "damaged item", phrase: "the damaged item", pattern: /\b(?:arrived|came|was|is|were|are)(?: \w+){0,3} (?:broken|cracked|damaged|crushed|dented|smashed|torn|ripped|leaking)\b|\b(?:broken|cracked|damaged|crushed|dented|smashed)\b/, replaces: ["delivery"] },
  { label: "faulty product", phrase: "the faulty product", pattern: /\b(?:stopped working|quit working|does not work|doesn't work|not working|won't (?:turn on|start|charge)|keeps (?:crashing|freezing|disconnecting)|broke(?! (?:my|our|his|her|their) heart)|defective|faulty)\b/ },
  { label: "missing item", phrase: "the missing item", pattern: /\b(?:came|arrived|turned up|was delivered) (?:without|w\/o)\b|\b(?:is|was|were|are) missing from (?:my|the|our) (?:order|bag|box|delivery|parcel|package)\b|\bmissing (?:item|items|part|parts|piece|pieces)\b/ },
  { label: "food quality", phrase: "the food", pattern: /\b(?:food|burger|pizza|meal|dinner|lunch|breakfast|fries|chips|curry|coffee|noodles|order)\b.{0,30}\b(?:was|were|is|are|arrived|came)(?: \w+)? (?:cold|soggy|undercooked|raw|burnt|stale|spilled|spilt|inedible)\b/ },
  { label: "wrong item", phrase: "the wrong item", pattern: /\bwrong (?:item|size|colou?r|order|product)\b|\bgot (?:the |a )?\w+(?: \w+)? instead\b|\bsent (?:me )?the wrong\b|\bsent (?:me |us )?(?:a |an |the )?[\w-]+(?: [\w-]+){0,3} instead of\b|\bnot what i ordered\b/ },
  { label: "refund", phrase: "the refund", pattern: /\brefund|\bmoney back\b|\breimburse/, replaces: ["return"] },
  { label: "return", phrase: "the return", pattern: /\breturn(?:ing|ed)?\b(?! (?:trip|flight|journey|date))|\bsend (?:it|them) back\b/ },
  { label: "exchange", phrase: "the exchange", pattern: /\bexchange\b|\bswap (?:it|them|for)\b/ },
  { label: "sizing", pattern: /\b(?:my|a|the|in|what|which|your|shoe|dress|jacket|bigger|smaller|next|right|wrong) size\b|\bsizes? \d|\bsize (?:up|down|chart|guide)\b|\bsizing\b|\b(?:is|are|was|were|runs?|feels?|fits?|bit|little|way|much|far|slightly|so|really) too (?:tight|small|big|large|loose|short|long|narrow)\b|\bruns (?:small|large|big|trim|narrow)\b|\bmedium or large\b|\bsmall or medium\b/ },
  { label: "billing", pattern: /\b(?:charged|charge|charges|billing|billed|bill|invoice|overcharged|fee|fees|direct debit|statement)\b/ },
  { label: "account access", pattern: /\b(?:log ?in|sign ?in|password|locked out|two-factor|2fa|verification code|reset (?:my|the) password)\b/ },
  { label: "insurance claim", phrase: "the insurance claim", pattern: /\b(?:make|making|file|filing|submit|lodge|open|start) (?:a |an )?(?:\w+ )?claim\b|\binsurance claim\b|\bclaim on (?:my|our|the)\b/, replaces: ["damaged item"] },
  { label: "subscription cancellation", phrase: "the cancellation", pattern: /\bcancel(?:l?ing|l?ed)? (?:my|our|the) (?:[\w-]+ ){0,2}(?:subscription|membership|plan|contract|account)\b/, replaces: ["subscription change", "cancellation"] },
  { label: "subscription change", phrase: "the subscription change", pattern: /\b(?:subscription|membership|(?:premium|basic|standard|family|annual|monthly|pro) (?:plan|tier)|(?:upgrade|downgrade)(?:d|ing)? (?:(?:my|the|our|a|an|to|from) )?(?:\w+ )?(?:plan|tier|subscription|membership|package|account)|(?:upgrade|downgrade)(?:d|ing)? (?:to|from) (?:the )?(?:premium|basic|standard|family|pro|business|gold|silver|platinum)|renewal)\b/, replaces: ["cancellation"] },
  { label: "cancellation", phrase: "the cancellation", pattern: /\bcancel(?:l?ed|l?ing|lation)?\b/ },
  { label: "lost luggage", phrase: "the lost luggage", pattern: /\b(?:suitcase|luggage|bag|baggage)\b.{0,30}\b(?:did not arrive|didnt arrive|didn't arrive|never arrived|not arrived|lost|missing|delayed|went missing)\b/ },
  { label: "car rental", phrase: "the car rental", pattern: /\b(?:car|van) (?:booked|hire|rental|reservation)\b|\b(?:rental car|hire car|car hire|car rental|second driver|additional driver|unlimited mileage)\b/, replaces: ["rental"] },
  { label: "flight booking", phrase: "the flight booking", pattern: /\b(?:flight|flights|seat|seats|boarding|layover|rebook|itinerary|departure|airline|baggage|luggage)\b/ },
  { label: "table booking", phrase: "the table booking", pattern: /\b(?:book|reserve) a table\b|\btable for (?:\d+|two|three|four|five|six|seven|eight|ten)\b/ },
  { label: "hotel reservation", phrase: "the hotel reservation", pattern: /\bhotel\b|\bstayed (?:in|at) (?:room|the|your)\b|\broom \d{2,4}\b|\b(?:my|our|the) room (?:booking|reservation|key|number)\b|\bcheck-in\b|\bcheck-out\b/ },
  { label: "address change", phrase: "the address change", pattern: /\b(?:new|change|update|updating|changed|updated) (?:my |the |our |your )?(?:delivery |billing |shipping |home )?address\b|\b(?:we|i) (?:just |recently )?moved\b.{0,60}\baddress\b/ },
  { label: "delivery instructions", pattern: /\bdelivery instructions\b|\bleave (?:it|them|the package|the parcel) (?:at|on|with|by)\b|\bdoorbell\b|\bporch\b|\bsafe place\b|\bneighbou?r\b/, replaces: ["delivery"] },
  { label: "contact preferences", pattern: /\b(?:text|texts|call|calls|email|emails|phone calls?|sms)\b (?:rather than|instead of|over|works better|is better|than)\b|\b(?:prefer|rather) (?:a )?(?:texts?|calls?|emails?)\b|\b(?:by|via) (?:text|email|phone)\b|\bpromotional\b|\bmarketing\b|\bunsubscribe\b|\bnewsletter\b|\bstop (?:sending|texting|emailing|calling)\b/ },
  { label: "price match", phrase: "the price match", pattern: /\bprice match|\bcheaper\b|\blower price\b|\bdiscount\b|\bcoupon\b|\bpromo code\b|\bvoucher\b/ },
  { label: "loyalty points", pattern: /\b(?:reward|rewards|loyalty|bonus) points\b|\bpoints (?:balance|expire|expiring)\b|\b(?:my|how many) points\b|\brewards\b|\bloyalty\b/ },
  { label: "warranty repair", phrase: "the warranty repair", pattern: /\bwarranty\b|\brepair(?:ed|s)?\b|\bresole\b/ },
  { label: "gift order", phrase: "the gift order", pattern: /\b(?:gift|present)\b.{0,40}\b(?:order|wrap|wrapping|receipt|card|ship|deliver|buy|for (?:my|her|his|their))\b|\b(?:order|buy|wrap)\b.{0,40}\b(?:gift|present)\b/ },
  { label: "product availability", pattern: /\bin stock\b|\bback in stock\b|\brestock|\bsold out\b|\bavailability\b|\bhold (?:a|one|them|it|both)\b/ },
  { label: "rental", phrase: "the rental", pattern: /\brent(?:al|als|ing)?\b/ },
  { label: "class booking", phrase: "the class booking", pattern: /\b(?:book|booking|sign up|signed up|register|reserve|spots?|places?)\b.{0,40}\b(?:class|lesson|lessons|course|session|sessions|workshop)\b|\b(?:class|lesson|lessons|course|session|sessions|workshop)\b.{0,40}\b(?:book|booking|sign up|register|spots?|places? left)\b|\bappointment\b/ },
  { label: "card problem", phrase: "the card problem", pattern: /\bcard (?:was |got |is |has been |had been |has |keeps getting )?(?:declined|blocked|frozen|lost|stolen|cancelled|canceled|suspended|stopped working)\b|\b(?:lost|stolen) (?:my |a )?(?:debit |credit )?card\b/ },
  { label: "transfer", phrase: "the transfer", pattern: /\b(?:transfer|wire|payment to|send money)\b|\bsent (?:over )?(?:£|\$|€)?[\w,.]+(?: \w+){0,2} (?:pounds|dollars|euros|quid|bucks)\b|\bsent (?:£|\$|€)\d/ },
  { label: "account balance", pattern: /\b(?:account|bank|my|current|available) balance\b|\bbalance (?:on|of) my\b|\boverdraft\b|\bsavings account\b|\bchecking account\b|\binterest rate\b/ },
  { label: "loan", phrase: "the loan", pattern: /\b(?:loan|mortgage)\b/ },
  { label: "connection problem", phrase: "the connection problem", pattern: /\b(?:internet|wifi|wi-fi|broadband|connection|signal|router)\b.{0,40}\b(?:dropping|drops|dropped|cutting out|cuts out|keeps|slow|down|not working|outage|disconnect\w*)\b/ },
  { label: "technical problem", phrase: "the technical problem", pattern: /\b(?:app|website|site|router|wifi|wi-fi|internet|laptop|phone|device|tv|modem)\b.{0,40}\b(?:error|crash(?:es|ed|ing)?|not working|won't|will not|doesn't work|does not work|is down|keeps|glitch|bug|slow)\b|\berror (?:message|code)\b|\boutage\b/ },
  { label: "order status", pattern: /\bwhere(?:'s| is) my (?:order|package|parcel)\b|\border status\b|\btracking (?:number|info|link|page|says|shows)\b|\btrack (?:my|the) (?:order|package|parcel)\b|\bhas it shipped\b|\bwhen will (?:it|my order) (?:arrive|ship)\b/ },
  { label: "delivery", phrase: "the delivery", pattern: /\b(?:delivery|deliver|shipping|ship|shipped|package|parcel|courier)\b/ },
];

const stopWords = new Set(
  ("a an the this that these those my your our their his her its some any every each no one two three it i you we they he she me " +
    "us them to of in on at for with from by about as into over after before up down out off and or but so if then than too very " +
    "really just also still even now here there again what which who how when where why all more most much many lot lots bit " +
    "little good great nice new old other same such own sure way thing things time times day days week weeks year years month " +
    "months today tomorrow yesterday tonight is are was were be been being have has had do does did can could would should will " +
    "might must get got go going went make made know think want need like love see look come came take took say said tell told " +
    "let please thanks thank sorry yes yeah ok okay hi hello hey lol haha wow oh fun glad happy awesome amazing cool right kind " +
    "sort stuff something anything everything nothing first last next another whole pretty quite totally definitely though tho name names").split(" "),
);
const determiners = new Set(["a", "an", "the", "my", "our", "your", "some", "his", "her", "their"]);
// Adjectives that only make a phrase with the noun after them ("a big decision", never "big").
const adjectives = new Set(
  ("big small real huge tiny little whole special amazing awesome wonderful beautiful lovely cool fun hard tough long short same " +
    "different nice perfect best better worst bad old true full free sure happy sad lucky busy crazy wicked strong great good " +
    "important major minor quick slow recent latest last first second third entire main favorite favourite fave positive negative " +
    "proud wild super total complete brief entire actual certain").split(" "),
);

const verbLike = new Set("sounds looks happened since seems feels means gets goes makes takes gives keeps helps shows lets pic pics".split(" "));

function isNounLike(word: string): boolean {
  return word.length > 2 && !stopWords.has(word) && !verbLike.has(word) && !word.includes("'") && !/(?:ly|ful|ous|ive|less|est)$/.test(word);
}

/** Up to `limit` frequent noun phrases (the words after a determiner), for conversations no topic rule covers. */
function frequentNounPhrases(texts: string[], limit: number): ConversationTopic[] {
  const counts = new Map<string, { count: number; first: number }>();
  let position = 0;
  for (const text of texts) {
    const words = text.toLowerCase().replace(/[^a-z' -]+/g, " | ").match(/[a-z][a-z'-]*|\|/g) ?? [];
    for (let index = 0; index < words.length - 1; index++) {
      if (!determiners.has(words[index])) continue;
      const first = words[index + 1];
      if (!isNounLike(first)) continue;
      const second = words[index + 2];
      const pair = second !== undefined && isNounLike(second) && !adjectives.has(second) && !/(?:ed|ing)$/.test(second);
      if (adjectives.has(first) && !pair) continue;
      const phrase = pair ? `${first} ${second}` : first;
      const known = counts.get(phrase);
      if (known) known.count++;
      else counts.set(phrase, { count: 1, first: position++ });
    }
  }
  return [...counts.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map(([label]) => ({ label, phrase: label }));
}

// "Do you have any sleeping bags without down?", "I'm looking for trekking poles": what they came to ask about.
const enquiry =
  /\b(?:looking for|interested in|question about|asking about|shopping for|do you (?:have|sell|carry|stock|rent|run|offer|make|do|resole|repair|ship|still run)|want to (?:buy|order|rent))\s+(?:(?:a|an|some|the|any|your)\s+)?([a-z0-9][a-z0-9-]+(?: [a-z0-9][a-z0-9-]+){0,2})/;

function enquiryTopic(text: string): ConversationTopic | null {
  const match = enquiry.exec(text);
  if (!match) return null;
  const words: string[] = [];
  for (const word of match[1].split(" ")) {
    if (!isNounLike(word) || /^(?:without|with|that|which|for|to|in|on|at|from)$/.test(word)) break;
    words.push(word);
  }
  if (words.length === 0) return null;
  const subject = words.join(" ");
  return { label: `question about ${subject}`, phrase: `the ${subject}` };
}

export type FindConversationTopicsOptions = {
  /** Fall back to frequent noun phrases when no known topic fits (default true). */
  nounPhrases?: boolean;
  /** Count "do you have…?" as a topic: in a support conversation (default true), not between friends. */
  enquiries?: boolean;
};

/**
 * The main topics of what the customer wrote, in the order they came up (at most four): known
 * support topics first ("late delivery", "refund", "flight booking"…) and what they asked about,
 * else the most frequent noun phrases.
 */
export function findConversationTopics(texts: string[], { nounPhrases = true, enquiries = true }: FindConversationTopicsOptions = {}): ConversationTopic[] {
  const found: { topic: ConversationTopic; rule: TopicRule | null; position: number }[] = [];
  texts.forEach((text, position) => {
    const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
    for (const rule of topicRules) {
      if (!found.some((topic) => topic.rule === rule) && rule.pattern.test(lower)) found.push({ topic: { label: rule.label, phrase: rule.phrase ?? rule.label }, rule, position });
    }
    const asked = !enquiries || found.some((topic) => topic.rule === null) ? null : enquiryTopic(lower);
    if (asked) found.push({ topic: asked, rule: null, position });
  });
  const replaced = new Set(found.flatMap((topic) => topic.rule?.replaces ?? []));
  const order = (rule: TopicRule | null) => (rule ? topicRules.indexOf(rule) : -1);
  const topics = found
    .filter((topic) => !replaced.has(topic.topic.label))
    .sort((a, b) => a.position - b.position || order(a.rule) - order(b.rule))
    .slice(0, 4)
    .map(({ topic }) => topic);
  return topics.length > 0 || !nounPhrases ? topics : frequentNounPhrases(texts, 3);
}
