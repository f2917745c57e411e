import { describe, expect, it } from "vitest";
import type { SensitiveCategory } from "@/lib/extraction/extraction-types";
import { screenSensitiveContent } from "@/lib/extraction/screen-sensitive-content";

function expectDropped(text: string, category: SensitiveCategory) {
  expect(screenSensitiveContent(text)).toEqual({ outcome: "drop", text: null, categories: expect.arrayContaining([category]) });
}

function expectKept(text: string) {
  expect(screenSensitiveContent(text)).toEqual({ outcome: "keep", text, categories: [] });
}

function expectRedacted(text: string, expected: string, categories: SensitiveCategory[]) {
  expect(screenSensitiveContent(text)).toEqual({ outcome: "redact", text: expected, categories });
}

describe("the extraction guard: special-category data is dropped", () => {
  it.each([
    "Was diagnosed with type 2 diabetes",
    "I have epilepsy",
    "Has asthma and carries an inhaler",
    "Is pregnant with her second child",
    "I'm pregnant",
    "I’m pregnant, so needs an aisle seat",
    "Takes insulin every morning",
    "Is on antidepressants",
    "Suffers from migraines",
    "I suffer from depression",
    "Uses a wheelchair",
    "Needs wheelchair assistance at the airport",
    "I'm deaf",
    "He's blind",
    "Is blind in one eye",
    "Is allergic to peanuts",
    "Has a severe peanut allergy",
    "Is lactose intolerant",
    "Had knee surgery last month",
    "Was in hospital last week",
    "Was hospitalised in June",
    "My son is autistic",
    "Her daughter has cerebral palsy",
    "Has been feeling unwell since Tuesday",
    "She’s been unwell",
    "Was sick last week and missed the delivery",
    "Her husband is ill",
    "Has a cold",
    "Is undergoing chemotherapy",
    "Has ADHD",
    "Mentioned being treated for anxiety",
    "I'm HIV positive",
    "Sees a therapist every week",
    "Had a stroke in 2021",
    "Went into labour early",
    "Is a recovering alcoholic",
    "Has been sober for five years",
    "Lives with chronic pain",
    "Is visually impaired and needs large print",
    "Has a doctor's appointment on Friday so wants delivery Thursday",
    "Gets seasick, prefers a midship cabin",
    "Is claustrophobic and avoids lifts",
    "is pregnant",
    "IS PREGNANT",
  ])("HEALTH: %j", (text) => expectDropped(text, "HEALTH"));

  it.each([
    "Is a practising Muslim",
    "I'm Jewish",
    "They're Jewish",
    "Is Catholic",
    "Is a devout Catholic",
    "Is gay and Catholic",
    "I am a devout Christian",
    "Is a Sikh",
    "Is an atheist",
    "Is a Jehovah's Witness",
    "Converted to Islam last year",
    "Keeps kosher",
    "Prefers kosher meals on flights",
    "Requests halal meals",
    "Prays five times a day",
    "As a Hindu, does not eat beef",
    "Observes Ramadan",
    "Goes to church every Sunday",
    "Goes to mosque on Fridays",
    "Attends synagogue on Saturdays",
    "Her faith is important to her",
    "Avoids pork for religious reasons",
    "Needs a prayer room at the venue",
  ])("RELIGION: %j", (text) => expectDropped(text, "RELIGION"));

  it.each([
    "Is Hispanic",
    "Is Latina",
    "I'm of Pakistani descent",
    "Is of Irish ancestry",
    "Is mixed race",
    "Identifies as Black British",
    "She is Black",
    "Identifies as Asian",
    "Is Asian",
    "Her husband is Arab",
    "Is a Black woman",
    "Her ethnicity is Han Chinese",
    "Is Caucasian",
    "Ethnic background: Afro-Caribbean",
  ])("ETHNICITY: %j", (text) => expectDropped(text, "ETHNICITY"));

  it.each([
    "Votes Labour",
    "Voted Conservative at the last election",
    "Is a member of the Labour Party",
    "I'm a Republican",
    "Is a lifelong Democrat",
    "Supports the Greens",
    "Is a Tory voter",
    "Has strong political views",
    "Is politically active",
    "Is a socialist",
    "Voted to leave in the Brexit referendum",
    "Campaigned for Bernie Sanders",
    "Donated to the Conservatives",
    "Is pro-life",
  ])("POLITICS: %j", (text) => expectDropped(text, "POLITICS"));

  it.each([
    "Is gay",
    "I'm bisexual",
    "Is a lesbian",
    "Is bi",
    "Is queer",
    "Has a same-sex partner",
    "Came out to her parents last year",
    "Mentioned his sex life",
    "Is transgender",
    "Is a trans woman",
    "I'm non-binary",
    "Is part of the LGBTQ+ community",
  ])("SEXUAL_ORIENTATION: %j", (text) => expectDropped(text, "SEXUAL_ORIENTATION"));

  it.each([
    "Is a member of the Teamsters union",
    "I'm in the union",
    "Joined the teachers' union",
    "Is a member of a trade union",
    "Is a union rep at the factory",
    "Is a shop steward",
    "Pays union dues",
    "Belongs to UNISON",
    "Her union is organising a strike",
  ])("TRADE_UNION: %j", (text) => expectDropped(text, "TRADE_UNION"));

  it.each([
    "Had her fingerprints taken for the visa",
    "Took his fingerprints at the office",
    "Was fingerprinted at immigration",
    "Enrolled his voiceprint for phone banking",
    "Has a voiceprint on file with the bank",
    "Provided a retina scan",
    "Face scan used for identification at the bank",
    "Scanned her face at the gate",
    "Biometric data collected at the border",
  ])("BIOMETRIC: %j", (text) => expectDropped(text, "BIOMETRIC"));

  it.each([
    "Took a 23andMe DNA test",
    "Did an AncestryDNA test",
    "Carries the BRCA1 gene mutation",
    "Tested positive for the BRCA2 mutation",
    "Has a genetic condition",
    "Is a carrier of the cystic fibrosis gene",
    "Had genetic testing done",
    "Has a genetic predisposition to heart disease",
    "Has sickle cell anaemia",
  ])("GENETIC: %j", (text) => expectDropped(text, "GENETIC"));

  it("names every category it finds, in the contract's order, and nothing of the text", () => {
    const verdict = screenSensitiveContent("Is a gay Catholic who votes Labour and has diabetes");
    expect(verdict).toEqual({ outcome: "drop", text: null, categories: ["HEALTH", "RELIGION", "POLITICS", "SEXUAL_ORIENTATION"] });
    expect(JSON.stringify(verdict)).not.toMatch(/diabetes|catholic|labour|gay/i);
  });
});

describe("the extraction guard: everyday language is kept", () => {
  it.each([
    // figurative health words
    "I'm sick of waiting",
    "Is sick and tired of the hold music",
    "this is a pain",
    "I'm dying to try the new menu",
    "Played a sick beat",
    "The new design is sick",
    "Was mad about the delay",
    "It gave me a headache of a process",
    "Is allergic to waiting",
    "Turned a blind eye to the scratch",
    "Loves The Great Depression era decor",
    "Arrived at the stroke of midnight",
    "Is a coffee addict",
    "Got cold while waiting and wants a warmer room",
    "Her account is disabled",
    "Flight cancelled due to covid restrictions",
    // body and food words that are not about anyone's health
    "Stayed at the heart of the city hotel",
    "Ordered blood orange juice",
    "Prefers gluten-free options",
    "Wants a vegetarian meal",
    // celebrations, calendars and places
    "Planning the party on Saturday",
    "Booked a table for a birthday party",
    "Wants a Christmas delivery",
    "Booked an Easter holiday trip",
    "Will travel during Ramadan and wants flexible dates",
    "Visited the Buddhist temple in Kyoto",
    "Asked about the Church Street branch",
    "Meet at Union Station",
    "Has a meeting in Union Square on Friday",
    "Travelling to the Democratic Republic of Congo",
    "Asked about the Labour Day sale",
    // ordinary adjectives that are also political or ethnic words
    "A conservative estimate of two weeks",
    "Prefers liberal portions of sauce",
    "Supports independent bookshops",
    "Voted the pasta the best dish",
    "Wants the right wing seat",
    "Prefers black coffee",
    "Her car is white",
    "Is a black belt in karate",
    "She is a white wine lover",
    "Called about a Black Friday deal",
    "Loves Asian fusion food",
    "Is British",
    "Speaks Spanish and Portuguese",
    "Has a Christian Dior bag",
    "Agreed in good faith",
    "Is bilingual",
    "Came out to fix the boiler",
    // unions that are not trade unions
    "Banks with a credit union",
    "Is a member of the local credit union",
    "Sang in unison",
    "Sent money by Western Union",
    // biometric and genetic words in product and figurative use
    "Wants a face to face meeting",
    "Prefers a fingerprint-free matte finish",
    "Left a voice message",
    "Uses Face ID to log in",
    "Has a biometric passport",
    "Customer service is in their DNA",
  ])("%j", (text) => expectKept(text));
});

describe("the extraction guard: card numbers", () => {
  it.each([
    ["Paid with card 4111 1111 1111 1111 for the Lisbon flight", "Paid with card [card number removed] for the Lisbon flight"],
    ["Paid with 4111-1111-1111-1111 for the Lisbon flight", "Paid with [card number removed] for the Lisbon flight"],
    ["Paid with 4111111111111111 for the Lisbon flight", "Paid with [card number removed] for the Lisbon flight"],
    ["Mastercard 5555 5555 5555 4444 booked the Lisbon hotel", "Mastercard [card number removed] booked the Lisbon hotel"],
    ["Booked the spa using 5105-1051-0510-5100 yesterday", "Booked the spa using [card number removed] yesterday"],
    ["Newer Mastercard 2223 0031 2200 3222 saved for renewals", "Newer Mastercard [card number removed] saved for renewals"],
    ["Amex 3782 822463 10005 used for the Paris booking", "Amex [card number removed] used for the Paris booking"],
    ["Amex 371449635398431 used for the Paris booking", "Amex [card number removed] used for the Paris booking"],
    ["Discover 6011 1111 1111 1117 charged twice for the tour", "Discover [card number removed] charged twice for the tour"],
    ["Old 13-digit Visa 4222222222222 was rejected at checkout", "Old 13-digit Visa [card number removed] was rejected at checkout"],
    ["Diners 3056 930902 5904 still listed on the profile", "Diners [card number removed] still listed on the profile"],
  ])("replaces only the number in %j", (text, expected) => expectRedacted(text, expected, ["PAYMENT_CARD"]));

  it("finds the card in a run that continues with another number", () => {
    expectRedacted("Card 4111 1111 1111 1111 2026 renewal for the Oslo gym", "Card [card number removed] 2026 renewal for the Oslo gym", ["PAYMENT_CARD"]);
  });

  it("redacts the CVV and an expiry next to a card", () => {
    expectRedacted(
      "Card 4111-1111-1111-1111, CVV 123, for the hotel deposit",
      "Card [card number removed], CVV [card security code removed], for the hotel deposit",
      ["PAYMENT_CARD"],
    );
    expectRedacted(
      "Booked the Rome hotel with card 5555 5555 5555 4444 exp 08/27",
      "Booked the Rome hotel with card [card number removed] exp [card expiry removed]",
      ["PAYMENT_CARD"],
    );
    expectRedacted(
      "Gave 4111 1111 1111 1111 12/26 123 for the Lisbon flight",
      "Gave [card number removed] [card expiry removed] [card security code removed] for the Lisbon flight",
      ["PAYMENT_CARD"],
    );
  });

  it("redacts a labelled card number even when a typo breaks its Luhn check", () => {
    expectRedacted("Card number 4111 1111 1111 1112 for the Lisbon flight", "Card number [card number removed] for the Lisbon flight", ["PAYMENT_CARD"]);
  });

  it.each([
    "my order number is 123456789",
    "Quoted 1234 5678 9012 3456 on the call about the Lisbon flight",
    "Order 4111 1111 1111 1112 arrived late",
    "Tracking number 1Z999AA10123456784",
    "Tracking 9400 1000 0000 0000 0000 00 for the parcel",
    "IMEI 490154203237518 for the replacement phone",
    "Call me on +44 7700 900123",
    "Call +1 (415) 555-2671 after six",
    "Prefers to be called on 020 7946 0958",
    "Card ending in 4242 was declined",
    "Delivery on 2024-03-15 at 14:30",
    "Passport expires 12/26",
    "Upgraded to the premium plan for $19.99/month",
  ])("keeps numbers that are not cards: %j", (text) => expectKept(text));

  it("drops a text that was nothing but the card", () => {
    for (const text of ["4111 1111 1111 1111", "Card number: 4111111111111111", "CVV is 123", "Visa 4111 1111 1111 1111 exp 12/26 cvv 737"]) {
      expect(screenSensitiveContent(text), text).toEqual({ outcome: "drop", text: null, categories: ["PAYMENT_CARD"] });
    }
  });
});

describe("the extraction guard: bank accounts", () => {
  it.each([
    ["Wants refunds to go to IBAN GB82 WEST 1234 5698 7654 32 for the rent", "Wants refunds to go to IBAN [bank account removed] for the rent"],
    ["Refunds go to GB82WEST12345698765432 from now on", "Refunds go to [bank account removed] from now on"],
    ["Refunds go to DE89 3704 0044 0532 0130 00 after cancellations", "Refunds go to [bank account removed] after cancellations"],
    ["Salary account FR14 2004 1010 0505 0001 3M02 606 for the deposit refund", "Salary account [bank account removed] for the deposit refund"],
    ["Refunds go to nl91abna0417164300 after the cancellation", "Refunds go to [bank account removed] after the cancellation"],
    ["Refund to IBAN GB83 WEST 1234 5698 7654 32 for the cancelled trip", "Refund to IBAN [bank account removed] for the cancelled trip"],
    ["Refund to account number 12345678, sort code 20-00-00, at Barclays", "Refund to account number [bank account removed], sort code [bank account removed], at Barclays"],
    ["Direct debit from bank account 12345678 for the gym membership", "Direct debit from bank account [bank account removed] for the gym membership"],
    ["Set up direct deposit with routing number 021000021 for the refund", "Set up direct deposit with routing number [bank account removed] for the refund"],
    ["Wire to 021000021 at Chase bank for the deposit", "Wire to [bank account removed] at Chase bank for the deposit"],
  ])("replaces only the account in %j", (text, expected) => expectRedacted(text, expected, ["BANK_ACCOUNT"]));

  it.each([
    // an IBAN-shaped reference whose check digits are wrong, with nothing saying it is an IBAN
    "Reference GB83WEST12345698765432 on the invoice",
    "Loyalty account number 55123456 for the lounge",
    // nine digits passing the ABA checksum, with no bank in sight
    "Parcel 021000021 arrived at the depot",
    "Order number 021000021 is delayed at the bank holiday depot",
  ])("keeps %j", (text) => expectKept(text));

  it("drops a text that was nothing but the account", () => {
    expect(screenSensitiveContent("My IBAN is GB82 WEST 1234 5698 7654 32")).toEqual({ outcome: "drop", text: null, categories: ["BANK_ACCOUNT"] });
    expect(screenSensitiveContent("Account number: 12345678")).toEqual({ outcome: "drop", text: null, categories: ["BANK_ACCOUNT"] });
  });
});

describe("the extraction guard: mixed texts", () => {
  it("removes the sensitive sentence and keeps the others exactly", () => {
    expectRedacted("Prefers aisle seats. Has type 2 diabetes. Travels monthly.", "Prefers aisle seats. Travels monthly.", ["HEALTH"]);
    expectRedacted("Is a practising Muslim. Prefers aisle seats on long flights.", "Prefers aisle seats on long flights.", ["RELIGION"]);
  });

  it("drops a sentence that mixes a fact and a special-category clause", () => {
    expect(screenSensitiveContent("Prefers aisle seats and has diabetes")).toEqual({ outcome: "drop", text: null, categories: ["HEALTH"] });
  });

  it("drops the text when what is left says nothing", () => {
    expect(screenSensitiveContent("Has type 2 diabetes. Thanks.")).toEqual({ outcome: "drop", text: null, categories: ["HEALTH"] });
  });

  it("keeps a summary's lines around a removed sentence", () => {
    const summary = "Customer called about a late parcel.\n\nShe mentioned she is pregnant.\nAgent rebooked delivery for Friday.";
    expectRedacted(summary, "Customer called about a late parcel.\n\nAgent rebooked delivery for Friday.", ["HEALTH"]);
  });

  it("does not split a sentence after a title", () => {
    expectRedacted("Spoke with Dr. Patel about her asthma. Wants delivery on Friday.", "Wants delivery on Friday.", ["HEALTH"]);
  });

  it("redacts payment data and removes a special-category sentence in one text", () => {
    expectRedacted(
      "Has diabetes. Paid with card 4111 1111 1111 1111 for the Lisbon flight.",
      "Paid with card [card number removed] for the Lisbon flight.",
      ["HEALTH", "PAYMENT_CARD"],
    );
  });

  it("keeps an empty text and a text with nothing sensitive as they are", () => {
    expectKept("");
    expectKept("  Prefers an aisle seat on flights longer than three hours.  ");
  });
});
