import type { GuardVerdict, SensitiveCategory } from "./extraction-types";
import { sensitiveCategories } from "./extraction-types";

// The extraction guard (SPEC §5): one observation or summary text in, a verdict out, before
// anything is stored — for every extractor and for observations written through the API.
//
// Two kinds of data, two treatments:
// - Payment data (card and bank numbers) usually sits inside a useful statement ("Paid with card
//   … for the Lisbon flight"), so only the number is replaced by a placeholder.
// - GDPR special-category data (Art. 9: health, religion, ethnicity, politics, sexual orientation,
//   union membership, biometrics, genetics) is what the statement is about, so the statement goes:
//   the sentence that says it is removed, and the whole text is dropped when nothing worth keeping
//   is left.
//
// Matching is lexical: phrase tables per category, compiled once, with context rules where a word
// is only sensitive when said of a person ("is blind", not "blind spot"). It errs towards dropping:
// a lost observation costs little, a stored diagnosis or card number is a breach.

// ---------------------------------------------------------------------------------------------
// Payment data
// ---------------------------------------------------------------------------------------------

const CARD_NUMBER_PLACEHOLDER = "[card number removed]";
const CARD_SECURITY_CODE_PLACEHOLDER = "[card security code removed]";
const CARD_EXPIRY_PLACEHOLDER = "[card expiry removed]";
const BANK_ACCOUNT_PLACEHOLDER = "[bank account removed]";

// A run of digit groups separated by single spaces or dashes ("4111 1111 1111 1111", Amex
// "3782 822463 10005"), in which a card number (13–19 digits) is looked for group by group, so
// "4111 1111 1111 1111 12/26" still gives up its card. The lookarounds keep runs whole: no slice
// out of a code with letters in it (a UPS "1Z…" tracking number) and no "+" phone number.
const digitSeparator = String.raw`[ \u00a0-]`;
const digitRun = new RegExp(String.raw`(?<![\w+])(?<!\d${digitSeparator})\d+(?:${digitSeparator}\d+)*(?!\w)`, "g");

// A number labelled as a card is one even when it fails the Luhn check (a typo'd card is still a card).
const cardLabelBefore = /\b(?:card|visa|mastercard|amex|american express|credit|debit)(?:\s*(?:number|no\.?|num|#))?(?:\s*(?:is|was|:|#|=|-))*\s*$/i;
// A number labelled as something else is that, even when it happens to pass the Luhn check: one
// random number in ten does, and every IMEI does by design.
const otherNumberLabelBefore =
  /\b(?:order|tracking|booking|confirmation|reservation|reference|ref|invoice|ticket|serial|imei|phone|mobile|tel|parcel|shipment|consignment|policy|membership|member|loyalty|frequent flyer|case|claim)(?:\s*(?:number|no\.?|num|id|code|#))?(?:\s*(?:is|was|:|#|=|-))*\s*$/i;

// CVV/CVC with its 3–4 digit code. "Security code" alone is also what opens a building's door,
// so it counts only where a card is mentioned.
const cardSecurityCode = /\b(cvv2?|cvc2?|cvn|csc|card (?:security|verification) (?:code|value|number))((?:\s*(?:is|was|code|number|no\.?|:|#|=|-))*\s*)(\d{3,4})\b/gi;
const securityCode = /\b(security code)((?:\s*(?:is|was|number|no\.?|:|#|=|-))*\s*)(\d{3,4})\b/gi;

// An expiry date is card data only next to a card: "Passport expires 12/26" stays.
const cardExpiry =
  /\b(exp(?:iry|iration|ires|ired|\.)?(?:\s+date)?|valid (?:thru|through|until|till)|good thru)((?:\s*(?:is|on|of|date|:|=|-))*\s*)((?:0?[1-9]|1[0-2])\s*[/-]\s*(?:20\d{2}|\d{2}))(?![\d/])/gi;
// "4111 1111 1111 1111 12/26 123": the dump format with no labels at all.
const expiryAfterCardNumber = new RegExp(String.raw`(${escapeForRegExp(CARD_NUMBER_PLACEHOLDER)}[\s,;]*)((?:0?[1-9]|1[0-2])\s*/\s*(?:20\d{2}|\d{2}))(?![\d/])`, "g");
const codeAfterCardExpiry = new RegExp(String.raw`(${escapeForRegExp(CARD_EXPIRY_PLACEHOLDER)}[\s,;]*)(\d{3,4})\b`, "g");
const cardContext = new RegExp(String.raw`${escapeForRegExp(CARD_NUMBER_PLACEHOLDER)}|\b(?:card|visa|mastercard|amex|american express|credit|debit)\b`, "i");

// IBAN: country code, two check digits, then 11–30 letters and digits, written compact or in the
// printed groups of four. Where the IBAN ends is settled by the mod-97 check (see findIbanEnd), so
// a short word after it ("… 32 for rent") is not swallowed.
const ibanCandidate = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?:[ -][A-Z0-9]{4}){2,7}(?:[ -][A-Z0-9]{1,4})?)(?![A-Z0-9])/gi;
const ibanLabelBefore = /\biban(?:\s*(?:number|no\.?|#))?(?:\s*(?:is|was|:|#|=|-))*\s*$/i;

// "account number 12345678", "sort code 20-00-00", "routing number 021000021". Loyalty and
// frequent-flyer "account numbers" are the airline's or shop's, not a bank's: they stay.
const bankAccountLabel = new RegExp(
  String.raw`(?<!\b(?:loyalty|rewards?|membership|member|frequent[- ]flyer|mileage|airline|gaming|streaming)\s)` +
    String.raw`\b((?:(?:bank|checking|savings|current|chequing|deposit)\s+)?(?:account|acct|a/c)\s*(?:number|no\.?|num|#)|(?:bank|checking|savings|current|chequing|deposit)\s+(?:account|acct)|routing(?:\s+(?:number|no\.?|#))?|aba\s+(?:routing\s+)?(?:number|no\.?|#)|(?:transit|institution)\s+(?:number|no\.?)|sort[- ]?code|bsb(?:\s+(?:number|no\.?))?)` +
    String.raw`((?:\s*(?:is|was|:|#|=|-))*\s*)(\d(?:${digitSeparator}?\d){3,33})(?!\d)`,
  "gi",
);
// A bare US routing number (9 digits, ABA checksum) is bank data only where the text is about a bank.
const nineDigitNumber = /(?<![\w+])(?<!\d[ -])\d{9}(?![ -]?\d)(?!\w)/g;
const bankContext = /\b(?:bank|banking|wire|transfer|direct deposit|routing|checking|savings|ach)\b/i;

type Redaction = { text: string; categories: Set<SensitiveCategory> };

function redactPaymentData(text: string): Redaction {
  const categories = new Set<SensitiveCategory>();
  let redacted = text;

  redacted = redacted.replace(ibanCandidate, (candidate, offset: number, whole: string) => {
    const end = findIbanEnd(candidate, ibanLabelBefore.test(whole.slice(0, offset)));
    if (end === null) return candidate;
    categories.add("BANK_ACCOUNT");
    return BANK_ACCOUNT_PLACEHOLDER + candidate.slice(end);
  });

  redacted = redacted.replace(digitRun, (run, offset: number, whole: string) => {
    const replaced = redactCardNumbersInRun(run, whole.slice(Math.max(0, offset - 40), offset));
    if (replaced !== run) categories.add("PAYMENT_CARD");
    return replaced;
  });

  const redactCardPart = (placeholder: string) => (_match: string, label: string, between: string) => {
    categories.add("PAYMENT_CARD");
    return label + between + placeholder;
  };
  redacted = redacted.replace(cardSecurityCode, redactCardPart(CARD_SECURITY_CODE_PLACEHOLDER));
  if (cardContext.test(redacted)) {
    redacted = redacted.replace(securityCode, redactCardPart(CARD_SECURITY_CODE_PLACEHOLDER));
    redacted = redacted.replace(cardExpiry, redactCardPart(CARD_EXPIRY_PLACEHOLDER));
  }
  redacted = redacted.replace(expiryAfterCardNumber, (_match, lead: string) => {
    categories.add("PAYMENT_CARD");
    return lead + CARD_EXPIRY_PLACEHOLDER;
  });
  redacted = redacted.replace(codeAfterCardExpiry, (_match, lead: string) => lead + CARD_SECURITY_CODE_PLACEHOLDER);

  redacted = redacted.replace(bankAccountLabel, (_match, label: string, between: string) => {
    categories.add("BANK_ACCOUNT");
    return label + between + BANK_ACCOUNT_PLACEHOLDER;
  });
  if (bankContext.test(text)) {
    redacted = redacted.replace(nineDigitNumber, (candidate, offset: number, whole: string) => {
      if (!passesAbaChecksum(candidate) || otherNumberLabelBefore.test(whole.slice(Math.max(0, offset - 40), offset))) return candidate;
      categories.add("BANK_ACCOUNT");
      return BANK_ACCOUNT_PLACEHOLDER;
    });
  }

  return { text: redacted, categories };
}

/**
 * Replaces the card numbers in one run of digit groups: from each group, the longest stretch of
 * whole groups that is a card number. Labels before the run apply to a stretch that starts it.
 */
function redactCardNumbersInRun(run: string, textBefore: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((group) => ({ start: group.index, end: group.index + group[0].length }));
  let result = "";
  let copiedUpTo = 0;
  let first = 0;
  while (first < groups.length) {
    const last = findCardNumberEnd(run, groups, first, first === 0 ? textBefore : "");
    if (last === null) {
      first++;
      continue;
    }
    result += run.slice(copiedUpTo, groups[first].start) + CARD_NUMBER_PLACEHOLDER;
    copiedUpTo = groups[last].end;
    first = last + 1;
  }
  return result + run.slice(copiedUpTo);
}

function findCardNumberEnd(run: string, groups: { start: number; end: number }[], first: number, textBefore: string): number | null {
  const stretches: { last: number; digits: string }[] = [];
  let digits = "";
  for (let last = first; last < groups.length; last++) {
    digits += run.slice(groups[last].start, groups[last].end);
    if (digits.length > 19) break;
    if (digits.length >= 13) stretches.push({ last, digits });
  }
  return stretches.reverse().find((stretch) => isCardNumber(stretch.digits, textBefore))?.last ?? null;
}

function isCardNumber(digits: string, textBefore: string): boolean {
  if (cardLabelBefore.test(textBefore)) return true;
  if (otherNumberLabelBefore.test(textBefore)) return false;
  // ISO/IEC 7812: no payment card number starts with 0; reference and phone numbers often do.
  return !digits.startsWith("0") && passesLuhnCheck(digits);
}

/** The Luhn (mod 10) check every payment card number carries in its last digit. */
function passesLuhnCheck(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616: move the first four characters to the end, letters become 10–35, the number mod 97 is 1. */
function passesIbanCheck(compact: string): boolean {
  const rearranged = (compact.slice(4) + compact.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const character of rearranged) {
    const value = parseInt(character, 36);
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * Where, within a candidate like "GB82 WEST 1234 5698 7654 32 for", the IBAN ends: after the most
 * groups (15–34 characters) that pass the check. A labelled candidate ("IBAN …") that fails it is
 * a mistyped IBAN, still an account number: it is taken to end at its last group ending in a digit.
 */
function findIbanEnd(candidate: string, isLabelled: boolean): number | null {
  const groupEnds = [...candidate.matchAll(/[A-Z0-9]+/gi)].map((group) => group.index + group[0].length).reverse();
  const compactUpTo = (end: number) => candidate.slice(0, end).replace(/[ -]/g, "");
  const plausibleEnds = groupEnds.filter((end) => compactUpTo(end).length >= 15 && compactUpTo(end).length <= 34);
  const checkedEnd = plausibleEnds.find((end) => passesIbanCheck(compactUpTo(end)));
  if (checkedEnd !== undefined) return checkedEnd;
  if (!isLabelled) return null;
  return plausibleEnds.find((end) => /\d$/.test(compactUpTo(end))) ?? null;
}

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
function passesAbaChecksum(digits: string): boolean {
  const d = [...digits].map(Number);
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------------
// Special categories (GDPR Art. 9)
// ---------------------------------------------------------------------------------------------

type SpecialCategory = Exclude<SensitiveCategory, "PAYMENT_CARD" | "BANK_ACCOUNT">;

/**
 * One category's vocabulary. Every entry is a regular-expression fragment, matched
 * case-insensitively at word boundaries, within one sentence.
 */
type CueRule = { cues: string[]; terms: string[] };

type CategoryLexicon = {
  category: SpecialCategory;
  /** Phrases that are sensitive wherever they appear ("diabetes", "trade union"). */
  always: string[];
  /** Adjectives that are sensitive when said of a person: "Is …", "I'm …", "her son is …", "as a …". */
  saidOfPerson?: string[];
  /** Words that are sensitive after one of their cues ("suffers from migraines", "goes to church"). */
  afterCue?: CueRule[];
  /** Everyday phrases that contain one of the words above and say nothing sensitive; masked before matching. */
  harmless?: string[];
};

const possessive = ["my", "his", "her", "their", "our"];
const hasVerb = ["has", "have", "had", "having", "'ve", "got"];

const health: CategoryLexicon = {
  category: "HEALTH",
  always: [
    // conditions
    "diabet(?:es|ics?)", "asthma(?:tic)?", "epilep(?:sy|tic)", "cancer", "tumou?rs?", "leuka?emia", "lymphoma", "hiv", "hepatitis",
    "tuberculosis", "multiple sclerosis", "parkinson'?s", "alzheimer'?s", "dementia", "arthritis", "osteoporosis", "fibromyalgia", "lupus",
    "crohn'?s", "co?eliac", "celiac", "irritable bowel", "ibs", "endometriosis", "pcos", "copd", "emphysema", "concussion", "seizures",
    "heart (?:attacks?|condition|disease|failure|surgery|problems?|issues?|transplant|murmur)", "cardiac", "pacemaker", "hypertension",
    "(?:high|low) blood pressure", "high cholesterol", "blood (?:tests?|type|sugar|transfusions?|clots?|thinners?)", "illness(?:es)?", "diseases?",
    "(?:medical|health|skin|chronic|pre-existing|underlying) (?:conditions?|issues?|problems?)", "chronic (?:pain|illness|fatigue)",
    "terminal(?:ly)? ill(?:ness)?", "(?:back|neck|chest|joint|knee|hip|shoulder|nerve|stomach) pain", "in (?:a lot of |constant |severe |so much )?pain",
    "(?:broken|broke (?:my|his|her|their)|fractured|sprained) (?:arm|leg|wrist|ankle|hip|foot|hand|ribs?|collarbone|back|neck|nose|toe|finger)",
    "insomnia", "sleep apno?ea", "tinnitus", "vertigo", "eczema", "psoriasis", "glaucoma", "cataracts?", "colou?r[- ]?blind(?:ness)?", "thyroid",
    "kidney (?:disease|stones?|failure|transplant)", "liver (?:disease|failure|transplant)", "hearing loss", "ulcers?", "gout", "ana?emi(?:a|c)",
    "hay fever", "obes(?:e|ity)", "cpap", "medical oxygen", "stoma", "colostomy", "incontinen(?:t|ce)", "tourette'?s", "cerebral palsy",
    "spina bifida", "muscular dystrophy", "herpes", "chlamydia", "hpv", "viagra", "contracepti(?:ve|ves|on)", "abortion", "menopaus(?:e|al)",
    "(?:period|menstrual) (?:pain|cramps)", "(?:sea|car|air|motion|travel) ?sick(?:ness)?", "claustrophobi(?:a|c)", "vaccinat(?:ed|ion)",
    // mental health and addiction
    "clinically depressed", "(?:post-?natal|postpartum|clinical) depression", "anxiety (?:disorder|attacks?)", "panic attacks?", "ptsd", "ocd",
    "adhd", "autis(?:m|tic)", "asperger'?s", "bipolar", "schizophreni(?:a|c)", "anorexi(?:a|c)", "bulimi(?:a|c)", "eating disorder",
    "mental (?:health|illness|breakdown)", "mentally ill", "self-harm(?:ing)?", "suicidal", "psychiatri(?:st|c)", "addiction", "addicts?",
    "alcoholi(?:c|sm)", "in recovery",
    // pregnancy and fertility ("went into labour" is a birth, not a party)
    "pregnan(?:t|cy)", "expecting a baby", "miscarriages?", "ivf", "fertility (?:treatment|clinic|issues?)", "infertil(?:e|ity)", "morning sickness",
    "(?:went|gone|going) into labou?r", "gave birth", "c-section",
    // disabilities
    "disabilit(?:y|ies)", "wheelchairs?", "hearing aids?", "hard of hearing", "hearing[- ]impaired", "visually impaired", "partially sighted",
    "sign language", "guide dog", "assistance dog", "mobility (?:issues?|problems?|scooter|aids?)", "crutches", "walking (?:stick|frame|cane)",
    "amputee", "prosthetic", "dyslexi(?:a|c)", "learning difficult(?:y|ies)",
    // Food and drug allergies are health data, so "Is allergic to peanuts" is dropped; the
    // figurative "allergic to waiting" is masked below (harmless).
    "allergic to", "allerg(?:y|ies)", "anaphyla(?:xis|ctic)", "(?:lactose|gluten|dairy|wheat|food|histamine|fructose) intoleran(?:t|ce)",
    // treatments and medication
    "chemo(?:therapy)?", "radiotherapy", "radiation therapy", "dialysis", "physiotherapy", "rehab", "surgery", "insulin", "metformin", "inhalers?",
    "epipens?", "antidepressants?", "antibiotics", "ssris?", "prozac", "zoloft", "sertraline", "fluoxetine", "citalopram", "xanax", "valium",
    "adderall", "ritalin", "methadone", "warfarin", "statins", "painkillers", "opioids", "morphine", "medications?", "meds",
    "(?:takes|taking|on) lithium", "on the pill", "prescription (?:medication|medicine|drugs)", "tested positive", "long covid",
    "(?:doctor'?s?|gp|dentist|dental|hospital|medical|clinic|specialist|consultant|physio|therapy) appointments?",
    "in (?:the )?hospital", "hospitali[sz]ed", "(?:admitted to|discharged from) hospital", "sick (?:leave|note|day|days|pay)", "off sick",
    "oncologist", "cardiologist", "neurologist", "(?:medical|health) (?:history|records?|treatment|procedure|leave|reasons|emergency|scare)",
  ],
  saidOfPerson: ["sick", "ill", "unwell", "blind", "deaf", "disabled", "paraly[sz]ed", "sober", "depressed", "injured", "diagnosed"],
  afterCue: [
    {
      cues: [
        ...hasVerb, ...possessive, "suffers? from", "suffering from", "suffered(?: from)?", "living with", "lives with", "battling", "fighting",
        "recovering from", "recovered from", "treated for", "treatment for", "prescribed", "gets", "getting", "caught", "struggles with",
        "struggling with", "dealing with", "down with", "off work with", "diagnosed with", "sees", "seeing", "saw", "needs",
      ],
      // "(?:a|the) cold": "has a cold", never "got cold while waiting" (a preference for warm rooms).
      terms: [
        "depression", "anxiety", "strokes?", "seizures?", "migraines?", "headaches?", "covid(?:-19)?", "flu", "fever", "infections?", "injur(?:y|ies)",
        "operation", "therapist", "psychologist", "counsell?or", "(?:a|the) cold",
      ],
    },
  ],
  harmless: [
    "sick (?:of|and tired|to death|about)", "sick (?:beat|track|song|tune|trick|moves?|view|ride|deal|riff|drop)",
    "ill at ease", "ill will", "blind (?:to|spot|date|eye|faith|side|alley|corner|bend|tasting|test|trust|panic|luck|drunk|fury|rage)",
    "deaf (?:to|ears?)", "depressed (?:about|by|over|that|because)", "pregnant pause",
    "the great depression", "tropical depression", "depression in the (?:road|ground|floor|surface|wall)",
    "strokes? of (?:luck|genius|midnight|the pen|a pen|brilliance)", "(?:at|on) the stroke of", "brush ?strokes?", "swimming strokes?", "key ?strokes?",
    "(?:gave|give|giving|gives) (?:me|him|her|us|them) a heart attack", "(?:nearly|almost) had a heart attack",
    "headaches? of an? \\w+", "(?:is|was|been|be|being|'s) (?:a|an|such a|a real|a total|an absolute|a bit of a|a massive|a huge) headache",
    "(?:what|such|real|total|bit of) a headache",
    // No one is allergic to an activity or a weekday. Foods that end in -ing (pudding, herring …)
    // are real allergens and stay sensitive.
    "allergic to (?:(?!(?:pudding|dressing|stuffing|icing|filling|herring|ling|dumpling|whiting)\\b)\\w+ing|mondays?|mornings?|queues?|lines|delays?|paperwork|bureaucracy|red tape|small talk|hard work|work|effort|commitment|meetings|spam|nonsense|excuses|bad service|customer service|hold music|crowds)",
    "(?:coffee|caffeine|chocolate|shopping|sugar|tea|netflix|gym|fitness|adrenaline|adrenalin|travel|book|tv|sneaker|shoe|news)[- ](?:addicts?|addiction)",
    "cold (?:calls?|calling|brew|drinks?|water|room|weather|snap|storage|shoulder|feet|case|front)", "tree surgery",
  ],
};

const religion: CategoryLexicon = {
  category: "RELIGION",
  always: [
    "islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism", "catholicism", "protestantism", "atheism", "agnosticism", "paganism",
    "scientolog(?:y|ist)", "jehovah'?s witness(?:es)?", "mormon(?:s|ism)?", "latter[- ]day saints?", "born[- ]again", "religion",
    "religious (?:reasons|beliefs?|views|practices?|observance|grounds|faith|upbringing|community|dietary|law)",
    "orthodox (?:jew|jewish|christian|church)", "(?:greek|russian|coptic|eastern) orthodox",
    "prayer (?:rooms?|mats?|times?|beads|breaks?|space)", "(?:daily|friday|morning|evening) prayers",
    "prays (?:five times|daily|every day|regularly|at (?:the )?(?:mosque|church|synagogue|temple))",
    "(?:keeps|keeping|observes|observing|observant of|fasts? (?:for|during)|fasting (?:for|during)) (?:kosher|halal|ramadan|lent|shabbat|the sabbath|sabbath|passover|yom kippur)",
    // Meal choices that reveal a faith (the airline KSML/MOML/HNML meals) are religious data.
    "(?:kosher|halal|hindu) (?:meals?|food|diet|options?|menus?)", "only eats (?:kosher|halal)",
  ],
  saidOfPerson: [
    "muslim", "christian", "jewish", "jew", "hindu", "buddhist", "sikh", "catholic", "protestant", "evangelical", "baptist", "methodist",
    "anglican", "lutheran", "presbyterian", "quaker", "amish", "pagan", "wiccan", "atheist", "agnostic", "religious", "devout", "shia", "sunni",
    "bapti[sz]ed",
  ],
  afterCue: [
    {
      // what someone is, or whose their place of worship is
      cues: [...possessive, "practising", "practicing", "devout", "identifies as", "raised", "raised as", "brought up", "converted to", "converting to"],
      terms: [
        "muslim", "christian", "jewish", "hindu", "buddhist", "sikh", "catholic", "faith", "religion", "church", "mosque", "synagogue",
        "gurdwara", "parish", "congregation", "pastor", "priest", "vicar", "rabbi", "imam",
      ],
    },
    {
      // worship as a habit: "goes to church", "after mass" ("the Buddhist temple in Kyoto" is sightseeing)
      cues: ["goes to", "going to", "go to", "went to", "attends", "attending", "attended", "at", "after", "before", "from"],
      terms: ["church", "mosque", "synagogue", "temple", "gurdwara", "mass", "bible study", "sunday school", "shabbat services"],
    },
  ],
  harmless: [
    "christian (?:dior|louboutin|bale|names?)", "(?:in good|in bad|good|bad) faith", "leap of faith",
    "faith in (?:the|our|your|their|his|her|this|that|you|us|them|it|him)", "(?:church|temple|mosque|cathedral) of",
    "(?:church|temple) (?:street|st|road|lane|hall|square|bar|run|gate|car park)", "critical mass", "body mass", "mass (?:email|market|mailing|transit|produced)",
  ],
};

function skinColour(colour: string): string {
  return String.raw`${colour}(?=\s*(?:$|[.,;:!?)]|\s(?:and|but|or|who|woman|man|women|men|person|people|girl|boy|lady|guy|female|male|mother|father|customer)\b))`;
}

const ethnicity: CategoryLexicon = {
  // Nationality ("Is British") and language ("Speaks Spanish") are not ethnic origin: they stay.
  category: "ETHNICITY",
  always: [
    "ethnicity", "ethnic (?:origin|background|group|minority|identity|heritage)", "racial (?:origin|background|identity|group)", "mixed[- ]race",
    "biracial", "multiracial", "hispanic", "latin[oa]s?", "latinx", "caucasian", "african[- ]americans?", "afro[- ]caribbean",
    "black (?:british|african|caribbean|american)", "white (?:british|irish|european|american|other)", "(?:british|south|east|south-?east) asian",
    "native americans?", "first nations", "aboriginal", "torres strait islanders?", "pacific islanders?", "romani", "gypsy", "gypsies",
    "irish travell?ers?", "(?:of|by) (?:[a-z]+[- ]){1,3}(?:descent|ancestry)",
  ],
  // Colours are everyday words: they count only with a person as the subject ("She is Black",
  // not "The car is black") and only for the person ("is a Black woman", not "is a black belt").
  saidOfPerson: ["asian", "arab", skinColour("black"), skinColour("white"), "indigenous", "han chinese", "inuit", "maori"],
  afterCue: [{ cues: ["identifies as", "self-identifies as"], terms: ["asian", "arab", "black", "white", "indigenous", "mixed"] }],
  harmless: ["black (?:and|or) white", "white (?:and|or) black"],
};

const politics: CategoryLexicon = {
  category: "POLITICS",
  always: [
    "democrats?", "republicans?", "tory", "tories", "gop", "maga", "snp", "ukip", "lib ?dems?", "liberal democrats?", "plaid cymru",
    "(?:labour|conservative|green|democratic|republican|reform|libertarian|communist|socialist) party", "reform uk",
    "(?:labour|tory|conservative|democratic|republican|green) (?:voters?|supporters?|members?|activists?|donors?|candidates?|councillors?|mps?)",
    "(?:far|hard)[- ](?:left|right)", "(?:left|right)-wing(?:ers?)?", "(?:left|right)-leaning", "leans (?:left|right)",
    "political (?:views?|opinions?|beliefs?|leanings?|affiliations?|party|parties|activis[mt]|campaigns?|allegiance)",
    "politically (?:active|engaged|conservative|liberal|progressive|left|right)", "socialists?", "communists?", "anarchists?", "libertarians?",
    "marxists?", "brexiteers?", "remainers?", "voted (?:to )?(?:leave|remain)", "pro-(?:life|choice)", "vot(?:es?|ed|ing) (?:for (?:the )?)?green",
    "(?:trump|biden|harris|obama|clinton|sanders|corbyn|starmer|farage|sunak|macron) (?:supporters?|voters?|fans?)",
  ],
  // Ideology and party words are everyday words too ("a conservative estimate", "liberal
  // portions", "independent shops"), so they count only after a political verb.
  afterCue: [
    {
      cues: [
        "votes?", "voted", "voting", "supports", "supported", "backs", "backed", "member of", "joined", "campaigns? for", "campaigned for",
        "canvass(?:es|ed)? for", "donates? to", "donated to", "volunteers? for", "volunteered for", "registered", "identifies as",
      ],
      terms: [
        "labour", "conservatives?", "tory", "liberals?", "greens", "reform", "brexit", "(?:donald )?trump", "(?:joe )?biden", "(?:kamala )?harris",
        "(?:barack )?obama", "(?:bernie )?sanders", "(?:jeremy )?corbyn", "(?:keir )?starmer", "(?:nigel )?farage", "(?:rishi )?sunak",
      ],
    },
  ],
};

const sexualOrientation: CategoryLexicon = {
  // Gender identity is not named in Art. 9, but data protection authorities treat it as special
  // category data (sex life, health); this is its closest category.
  category: "SEXUAL_ORIENTATION",
  always: [
    "gay", "lesbians?", "bisexual(?:ity)?", "homosexual(?:ity)?", "heterosexual(?:ity)?", "pansexual", "asexual", "queer", "lgbt(?:q|qia)?\\+?",
    "same[- ]sex (?:partners?|couples?|marriage|relationship|wedding|spouse)",
    "sexual (?:orientation|preferences?|partners?|history|activity|health|identity)", "sex life", "sexually active",
    "(?:came|coming|come) out to (?:my|his|her|their) (?:parents|family|mum|mom|dad|friends)", "transgender",
    "trans (?:man|woman|men|women|person|people)", "non[- ]binary", "gender (?:transition|reassignment|identity)",
  ],
  saidOfPerson: ["bi"],
};

const tradeUnion: CategoryLexicon = {
  category: "TRADE_UNION",
  always: [
    "trade unions?", "labou?r unions?", "unions? (?:members?|membership|reps?|representatives?|dues|card|steward|officials?|organi[sz]ers?|meetings?)",
    "shop steward", "teamsters?", "afl-cio", "unison", "gmb", "uaw", "seiu", "ibew", "rmt", "nasuwt", "unite the union",
  ],
  afterCue: [
    {
      cues: [...possessive, "member of", "joined", "belongs to", "in", "part of", "active in", "reps? for", "representative for", "organi[sz]es for"],
      // "the nurses' union", "the union": any union, once the banks, places and states below are masked.
      terms: ["(?:[a-z]+s?'?\\s+)?unions?"],
    },
  ],
  harmless: [
    "credit unions?", "students?'? unions?", "(?:european|soviet|african|customs|monetary|postal|civil|rugby|western|american) unions?",
    "state of the union", "union (?:station|square|street|st|jack|flag|city|pacific|bank|hall|road|terrace|county|college|army|address|hotel)",
    "in unison",
  ],
};

const biometric: CategoryLexicon = {
  // Device unlock features (Face ID, Touch ID, "fingerprint login") name a product, not anyone's
  // biometric data — like "a fingerprint-free finish" — and stay.
  category: "BIOMETRIC",
  always: [
    "biometrics?", "fingerprinted", "fingerprint (?:scans?|scanning|data|records?|templates?|enrol(?:l)?ment|registration|verification|identification|check)",
    "fingerprints? (?:taken|scanned|enrol(?:l)?ed|registered|captured|collected|stored|on file)",
    "(?:face|facial) (?:scans?|scanning|templates?|geometry|prints?|recognition|biometrics?)", "voice ?prints?", "voice (?:biometrics?|signature)",
    "(?:iris|retina|retinal|palm|vein|hand) (?:scans?|prints?|recognition)",
  ],
  afterCue: [
    {
      cues: ["took", "takes", "taking", "take", "gave", "provided", "submitted", "scanned", "enrol(?:l)?ed", "registered", "captured", "collected", "stored", "recorded"],
      terms: ["fingerprints?"],
    },
    { cues: ["scanned", "enrol(?:l)?ed", "registered", "captured", "recorded"], terms: ["face", "voice", "iris(?:es)?", "retinas?"] },
  ],
  harmless: [
    "biometric (?:passports?|residence permits?)",
    "voice (?:messages?|mails?|notes?|memos?|calls?|assistant|over|actor|search|commands?|control)",
    "face (?:masks?|creams?|wash|value|time|paint|shields?)",
  ],
};

const genetic: CategoryLexicon = {
  category: "GENETIC",
  always: [
    "dna (?:tests?|testing|kits?|results?|samples?|profiles?|analysis|sequencing|match)",
    "genetic(?:ally)? (?:tests?|testing|conditions?|disorders?|diseases?|markers?|mutations?|predispositions?|predisposed|screening|results?|counsell?ing|data|risks?|makeup|profile|variants?)",
    "genomes?", "genomic", "23andme", "ancestry ?dna", "brca[12]?", "genes? (?:mutations?|variants?|tests?|carriers?)",
    "carri(?:es|er of) (?:the |a )?(?:[\\w-]+ ){0,2}(?:gene|mutation)", "(?:hereditary|inherited) (?:conditions?|diseases?|disorders?)",
    "sickle[- ]cell", "cystic fibrosis", "huntington'?s", "ha?emophilia", "down'?s? syndrome", "tay-sachs", "thalassa?emia",
  ],
};

const specialCategoryLexicons: CategoryLexicon[] = [health, religion, ethnicity, politics, sexualOrientation, tradeUnion, biometric, genetic];

// Who a "said of a person" adjective can be said of: the observation's own elided subject ("Is
// blind"), a pronoun, the customer, or someone close to them. "The beat is sick" and "Her account
// is disabled" have a thing for a subject and stay.
const personSubject =
  String.raw`(?:^[\s"'(•*-]*|[,;:(]\s*|\b(?:and|but|or|who|also|i|he|she|they|we|you|customer|caller|client|guest|passenger|patient|son|daughter|wife|husband|partner|spouse|mother|father|mum|mom|dad|parents?|child|children|kids?|baby|brother|sister|grandmother|grandfather|grandma|grandpa|grandparents?|friend|fianc[eé]e?)\s*)`;
const beVerb = String.raw`(?:(?:has|have|had|'s|'ve)\s+been|'m|'s|'re|am|is|are|was|were|been|being|be|became|becomes|become|got|gets|getting|feels?|felt|feeling|fell|remains?)`;
// Words allowed between a cue and its term ("is a practising Muslim", "has been feeling unwell",
// "is gay and Catholic").
const filler = String.raw`(?:a|an|the|and|some|very|really|quite|so|also|still|now|currently|recently|newly|just|been|being|feeling|getting|seriously|severely|chronically|terminally|mentally|physically|legally|partially|completely|totally|profoundly|clinically|mild|mildly|severe|chronic|slightly|bit|little|devout|devoutly|practising|practicing|observant|strict|strictly|lapsed|proud|proudly|openly|staunch|lifelong|registered|card-carrying|committed|active|paid-up|local|my|his|her|their|our|own|regular|weekly|every|for|gay|lesbian|queer|trans|black|white|asian|british|american|irish|young|old|older|retired|married|single)`;
const fillers = String.raw`(?:${filler}\s+){0,3}`;
// A term ends at a word's end, and a hyphenated compound is a different word ("fingerprint-free").
const termEnd = String.raw`(?![\w-])`;

type CompiledLexicon = { category: SpecialCategory; patterns: RegExp[]; harmless: RegExp | null };

function compileLexicon(lexicon: CategoryLexicon): CompiledLexicon {
  const patterns = [new RegExp(String.raw`\b(?:${lexicon.always.join("|")})\b`, "i")];
  if (lexicon.saidOfPerson) {
    patterns.push(new RegExp(String.raw`${personSubject}${beVerb}\s+${fillers}(?:${lexicon.saidOfPerson.join("|")})${termEnd}`, "i"));
    patterns.push(new RegExp(String.raw`\bas\s+an?\s+${fillers}(?:${lexicon.saidOfPerson.join("|")})${termEnd}`, "i"));
  }
  for (const rule of lexicon.afterCue ?? []) {
    patterns.push(new RegExp(String.raw`\b(?:${rule.cues.join("|")})\s+${fillers}(?:${rule.terms.join("|")})${termEnd}`, "i"));
  }
  const harmless = lexicon.harmless?.length ? new RegExp(String.raw`\b(?:${lexicon.harmless.join("|")})\b`, "gi") : null;
  return { category: lexicon.category, patterns, harmless };
}

const compiledLexicons = specialCategoryLexicons.map(compileLexicon);

function findSpecialCategories(sentence: string): SpecialCategory[] {
  // Curly apostrophes are how phones type "I’m": match them like straight ones.
  const normalized = sentence.replace(/[\u2018\u2019]/g, "'");
  const found: SpecialCategory[] = [];
  for (const { category, patterns, harmless } of compiledLexicons) {
    const screened = harmless ? normalized.replace(harmless, " ~ ") : normalized;
    if (patterns.some((pattern) => pattern.test(screened))) found.push(category);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Putting it together
// ---------------------------------------------------------------------------------------------

type Sentence = { start: number; end: number };

// A full stop before a space ends a sentence, except after a title or abbreviation ("Dr. Patel").
const sentenceEnd = /(?<!\b(?:dr|mr|mrs|ms|mx|st|prof|sr|jr|e\.g|i\.e|vs|approx))[.!?;]+["')\]]*(?:[ \t]*\n|(?=\s|$))|\n/gi;

/**
 * Sentences by offset, covering the whole text. The spaces before a sentence and the line break
 * after it belong to it, so removing one leaves the rest as written.
 */
function splitIntoSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const boundary of text.matchAll(sentenceEnd)) {
    const end = boundary.index + boundary[0].length;
    sentences.push({ start, end });
    start = end;
  }
  if (start < text.length) sentences.push({ start, end: text.length });
  return sentences;
}

const placeholderPattern = /\[(?:card number|card security code|card expiry|bank account) removed\]/g;
// Words that carry no fact of their own: what is left of "My card number is [card number removed]".
const emptyWords = new Set(
  (
    "the a an and or but to of for with on in at by from as is was are were be been has have had my his her their our your its this that " +
    "these those it he she they we you me him them us via using use uses used so also please thanks thank okay yes here there " +
    "card cards number numbers credit debit visa mastercard amex american express maestro cvv cvc security code expiry expires expiration exp " +
    "date iban bank account routing sort details new old given gave provided shared sent ending"
  ).split(" "),
);

/** Whether a text still says something once the sensitive parts are gone: at least two words of substance. */
function isWorthKeeping(text: string): boolean {
  const words = text.replace(placeholderPattern, " ").toLowerCase().match(/[a-z\u00c0-\u024f]{3,}/g) ?? [];
  return words.filter((word) => !emptyWords.has(word)).length >= 2;
}

function inCanonicalOrder(categories: Iterable<SensitiveCategory>): SensitiveCategory[] {
  const present = new Set(categories);
  return sensitiveCategories.filter((category) => present.has(category));
}

/**
 * Screens one observation or summary text before it is stored (SPEC §5). Card and bank numbers
 * are replaced by placeholders; a sentence about health, religion, ethnicity, politics, sexual
 * orientation, union membership, biometrics or genetics is removed; the text is dropped when what
 * is left says nothing. Pure. The verdict's categories never carry the sensitive text.
 */
export function screenSensitiveContent(text: string): GuardVerdict {
  const payment = redactPaymentData(text);
  const categories = new Set<SensitiveCategory>(payment.categories);

  let kept = "";
  let removedSentence = false;
  for (const sentence of splitIntoSentences(payment.text)) {
    const sentenceText = payment.text.slice(sentence.start, sentence.end);
    const found = findSpecialCategories(sentenceText);
    for (const category of found) categories.add(category);
    if (found.length === 0) kept += sentenceText;
    else removedSentence = true;
  }

  if (categories.size === 0) return { outcome: "keep", text, categories: [] };
  // Only a removed sentence changes the text around it; a replaced number leaves it exactly as written.
  const remaining = removedSentence ? kept.trim().replace(/[;,:]$/, ".") : payment.text;
  if (!isWorthKeeping(remaining)) return { outcome: "drop", text: null, categories: inCanonicalOrder(categories) };
  return { outcome: "redact", text: remaining, categories: inCanonicalOrder(categories) };
}
