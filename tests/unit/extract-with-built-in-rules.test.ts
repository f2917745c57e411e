import { describe, expect, it } from "vitest";
import { builtInExtractor, extractWithBuiltInRules } from "@/lib/extraction/extract-with-built-in-rules";
import { MAX_MEMORY_CONTENT_CHARS, type ExtractionInput, type ObservationCandidate, type TurnSpeaker } from "@/lib/extraction/extraction-types";
import { cleanSpokenText } from "@/lib/extraction/clean-spoken-text";
import { splitIntoSentences } from "@/lib/extraction/split-into-sentences";
import { stripDiscourseMarkers } from "@/lib/extraction/strip-discourse-markers";
import { toThirdPerson } from "@/lib/extraction/to-third-person";

const C: TurnSpeaker = "CUSTOMER";
const A: TurnSpeaker = "AGENT";
const O: TurnSpeaker = "OTHER";

/** One conversation; turn n is `<id>-<n>`, two minutes apart from 2026-03-03 09:00 UTC. */
function conversation(id: string, channel: string, lines: [TurnSpeaker, string][]): ExtractionInput {
  return {
    conversationId: id,
    channel,
    customerName: null,
    turns: lines.map(([speaker, text], index) => ({
      communicationId: `${id}-${index + 1}`,
      speaker,
      speakerName: speaker === C ? "Dana" : "Priya",
      text,
      occurredAt: new Date(Date.UTC(2026, 2, 3, 9, index * 2)),
    })),
  };
}

function contents(observations: ObservationCandidate[]): string[] {
  return observations.map((observation) => observation.content);
}

function find(observations: ObservationCandidate[], content: string): ObservationCandidate {
  const found = observations.find((observation) => observation.content === content);
  if (!found) throw new Error(`no observation "${content}" in ${JSON.stringify(contents(observations), null, 2)}`);
  return found;
}

const travel = conversation("travel", "VOICE", [
  [A, "Thanks for calling Skyline Travel, this is Priya. Who am I speaking with?"],
  [C, "Hi, it's Dana Whitfield. I'm calling about my flight to Lisbon on Friday, booking ref QX7L2P."],
  [A, "Thanks Dana. I see the 09:40 departure. How can I help?"],
  [C, "The 09:40 got cancelled and nobody told me. I only found out from the app. This is the second time this has happened."],
  [A, "I'm so sorry. I can move you to the 14:05 flight the same day. Would you like a window or an aisle seat?"],
  [C, "Aisle please. I'm six foot four and I get up a lot on long flights."],
  [A, "Done. I've moved you to the 14:05 flight, seat 21C. I always book window seats myself, and I have a dog named Rex who hates flying."],
  [C, "My wife is travelling with me, can she sit next to me? Also I always fly with a guitar, I'd rather not check it."],
  [A, "I've put her in 21D. You can bring the guitar on board as long as it fits in the overhead bin."],
  [C, "Great. You can reach me at (415) 555-0199 if anything changes. My wife's number is 415 555 0142 but please call me first."],
  [A, "Noted. Have a good trip!"],
]);

const delivery = conversation("delivery", "SMS", [
  [C, "My parcel was supposed to arrive on Monday and it still hasn't arrived. Order 88231-B."],
  [A, "Sorry about that! I can see it's stuck at the depot. I'll chase it with the courier."],
  [C, "I want a refund if it isn't here by Thursday. I bought it as a gift for my son's birthday on Saturday."],
  [A, "Understood. I've escalated it to our delivery team and added a note to refund you if it misses Thursday."],
  [C, "Please leave it with my neighbour at number 14 from now on, I work nights and sleep during the day."],
  [A, "Updated your delivery instructions: leave with neighbour at number 14."],
]);

const subscription = conversation("subscription", "CHAT", [
  [C, "Hello, I'm on the premium plan and I want to switch to the basic plan. I don't use the 4K streaming anymore."],
  [A, "I can do that for you. The change takes effect at your next renewal on April 1. Shall I go ahead?"],
  [C, "Yes please. My email is Dana.W@example.com if you need to send a confirmation."],
  [A, "Done! You're now on the basic plan from April 1, and the confirmation is on its way."],
  [C, "Thanks. I'm planning to cancel altogether when my contract ends in June, I'm moving to Canada."],
  [A, "Sorry to hear that! We'll be here if you ever come back."],
]);

const bank = conversation("bank", "CHAT", [
  [C, "Hi, my card was declined at the supermarket this morning. I'm not sure why."],
  [A, "Sorry for the trouble. I can see a fraud block was placed after an unusual purchase abroad. Did you make a purchase in Lisbon yesterday?"],
  [C, "No, I've never been to Lisbon. I don't have a second card either."],
  [A, "Then I've cancelled the card and ordered a replacement, which will arrive in 3-5 working days."],
  [C, "OK. Do I have to do anything else? If I had known I would have called sooner."],
  [A, "Nothing else needed. We'll text you when the new card ships."],
]);

const casual = conversation("casual", "WHATSAPP", [
  [C, "Hey! How was your weekend?"],
  [O, "Good! We went hiking and I bought a new tent. How about you?"],
  [C, "Pretty chill. I finally adopted a cat! Her name is Pepper and she's a little menace lol."],
  [O, "No way, congrats! Do you have any other pets?"],
  [C, "Just Oscar, my guinea pig. I love the two of them though. I'm thinking about getting a bigger flat next year."],
  [O, "Makes sense. Are you still working at the library?"],
  [C, "Yep, still at the library, three days a week. I hate the commute but the people are great."],
  [C, "Anyway I have to run, talk soon!"],
]);

describe("extractWithBuiltInRules: a travel rebooking call", () => {
  const result = extractWithBuiltInRules(travel);

  it("turns the answer to the agent's either-or question into a preference, with both turns as provenance", () => {
    const aisle = find(result.observations, "Prefers an aisle seat");
    expect(aisle.kind).toBe("PREFERENCE");
    expect(aisle.communicationIds).toEqual(["travel-5", "travel-6"]);
    expect(aisle.occurredAt).toEqual(travel.turns[5].occurredAt);
  });

  it("finds the customer's plans, issues, facts and preferences in the third person", () => {
    expect(find(result.observations, "Has an upcoming flight to Lisbon on Friday")).toMatchObject({ kind: "PLAN", communicationIds: ["travel-2"] });
    expect(find(result.observations, "Reported that the 09:40 got cancelled and nobody told them")).toMatchObject({ kind: "ISSUE", communicationIds: ["travel-4"] });
    expect(find(result.observations, "Is six foot four")).toMatchObject({ kind: "FACT", communicationIds: ["travel-6"] });
    expect(find(result.observations, "Their wife is travelling with them")).toMatchObject({ kind: "FACT", communicationIds: ["travel-8"] });
    // "it" in the second clause is the guitar: the two clauses stay one observation.
    expect(find(result.observations, "Always flies with a guitar and would rather not check it")).toMatchObject({ kind: "PREFERENCE", communicationIds: ["travel-8"] });
  });

  it("never restates the agent's lines as facts about the customer", () => {
    const text = contents(result.observations).join("\n");
    expect(text).not.toMatch(/window|Rex|dog|14:05|21C|21D/);
    const customerTurns = new Set(travel.turns.filter((turn) => turn.speaker === C).map((turn) => turn.communicationId));
    for (const observation of result.observations) expect(observation.communicationIds.some((id) => customerTurns.has(id))).toBe(true);
  });

  it("proposes the name and phone the customer gives as their own, not their wife's number", () => {
    expect(result.traitCandidates.map(({ traitName, value, communicationIds }) => ({ traitName, value, communicationIds }))).toEqual([
      { traitName: "firstName", value: "Dana", communicationIds: ["travel-2"] },
      { traitName: "lastName", value: "Whitfield", communicationIds: ["travel-2"] },
      { traitName: "phone", value: "(415) 555-0199", communicationIds: ["travel-10"] },
    ]);
    for (const trait of result.traitCandidates) expect(trait.groupName).toBe("Contact");
  });

  it("summarises channel, date, topics, booking reference and outcome", () => {
    expect(result.summary).toEqual({
      content: "Voice conversation on 2026-03-03: flight booking, cancellation (QX7L2P). Outcome: rebooked; details updated.",
      communicationIds: travel.turns.map((turn) => turn.communicationId),
    });
  });
});

describe("extractWithBuiltInRules: a delivery complaint", () => {
  const result = extractWithBuiltInRules(delivery);

  it("reports the issue, the conditional refund demand and the standing delivery instruction", () => {
    expect(find(result.observations, "Reported that their parcel was supposed to arrive on Monday and it still has not arrived")).toMatchObject({
      kind: "ISSUE",
      communicationIds: ["delivery-1"],
    });
    expect(find(result.observations, "Wants a refund if it is not here by Thursday")).toMatchObject({ kind: "ISSUE", communicationIds: ["delivery-3"] });
    expect(find(result.observations, "Bought it as a gift for their son's birthday on Saturday")).toMatchObject({ kind: "FACT" });
    expect(find(result.observations, "Asked to leave it with their neighbour at number 14 from now on")).toMatchObject({ kind: "PREFERENCE", communicationIds: ["delivery-5"] });
    expect(find(result.observations, "Works nights and sleeps during the day")).toMatchObject({ kind: "FACT", communicationIds: ["delivery-5"] });
  });

  it("notes the frustration, with the turns it came from", () => {
    const mood = result.observations.filter((observation) => observation.kind === "MOOD");
    expect(mood).toHaveLength(1);
    expect(mood[0].content).toBe("Was frustrated about the late delivery");
    expect(mood[0].communicationIds).toContain("delivery-1");
    expect(mood[0].confidence).toBeGreaterThan(0.5);
  });

  it("summarises the topics, the order number and the agent's escalation", () => {
    expect(result.summary?.content).toBe(
      "SMS conversation on 2026-03-03: late delivery, refund, gift order, delivery instructions (88231-B). Outcome: escalated; details updated.",
    );
    expect(result.traitCandidates).toEqual([]);
  });
});

describe("extractWithBuiltInRules: a subscription change", () => {
  const result = extractWithBuiltInRules(subscription);

  it("finds the account facts and plans", () => {
    expect(contents(result.observations)).toEqual([
      "Is on the premium plan",
      "Wants to switch to the basic plan",
      "Does not use the 4K streaming anymore",
      "Is planning to cancel altogether when their contract ends in June",
      "Is moving to Canada",
    ]);
    expect(find(result.observations, "Is on the premium plan").kind).toBe("FACT");
    expect(find(result.observations, "Is moving to Canada")).toMatchObject({ kind: "PLAN", communicationIds: ["subscription-5"], occurredAt: subscription.turns[4].occurredAt });
  });

  it("proposes the e-mail the customer says is theirs, lower-cased", () => {
    expect(result.traitCandidates).toEqual([{ groupName: "Contact", traitName: "email", value: "dana.w@example.com", confidence: 0.85, communicationIds: ["subscription-3"] }]);
  });

  it("reads the outcome from the agent's confirmation of an accepted offer", () => {
    expect(result.summary?.content).toBe("Chat conversation on 2026-03-03: subscription change. Outcome: plan changed.");
  });
});

describe("extractWithBuiltInRules: a bank card question", () => {
  const result = extractWithBuiltInRules(bank);

  it("keeps the issue and drops negations, questions and hypotheticals", () => {
    expect(contents(result.observations)).toEqual(["Reported that their card was declined at the supermarket this morning"]);
    expect(result.observations[0]).toMatchObject({ kind: "ISSUE", communicationIds: ["bank-1"] });
  });

  it("summarises the card problem and what the agent did", () => {
    expect(result.summary?.content).toBe("Chat conversation on 2026-03-03: card problem. Outcome: replacement sent; cancelled.");
  });
});

describe("extractWithBuiltInRules: a casual chat with a friend", () => {
  const result = extractWithBuiltInRules(casual);

  it("finds pets named across sentences and in appositions, plans and dislikes", () => {
    expect(contents(result.observations)).toEqual([
      "Finally adopted a cat",
      "Has a cat named Pepper",
      "Has a guinea pig named Oscar",
      "Is thinking about getting a bigger flat next year",
      "Hates the commute",
    ]);
    expect(find(result.observations, "Has a cat named Pepper").communicationIds).toEqual(["casual-3"]);
    expect(find(result.observations, "Hates the commute").kind).toBe("PREFERENCE");
  });

  it("takes nothing from the other person's turns", () => {
    expect(contents(result.observations).join("\n")).not.toMatch(/hiking|tent/i);
  });

  it("has no outcome when no agent took part", () => {
    expect(result.summary?.content).toBe("WhatsApp conversation on 2026-03-03: weekend, cat, guinea pig.");
  });
});

describe("extractWithBuiltInRules: what must give nothing", () => {
  const said = (text: string) => extractWithBuiltInRules(conversation("one", "SMS", [[C, text]])).observations;

  it.each([
    "I don't have a dog.",
    "I have no kids.",
    "I'm not on the premium plan.",
    "I'm not vegetarian.",
    "I've never been to Paris.",
    "If I had a dog I'd call him Max.",
    "I might move to Denver next year.",
    "What if I prefer the aisle?",
    "Do you allow dogs in the cabin?",
    "Can you tell me if I'm on the premium plan?",
    "You said I'm moving to the gold tier.",
    "My wife says I prefer the aisle.",
    "Thanks so much, have a great day!",
    "Hi there!",
    "I love it.",
    "I think so.",
    "Maybe next year, I'll move to Denver.",
    "He says I'm on the gold tier.",
    "I'm off to go do some research.",
    "Yeah it's, uh, KX4R9T.",
    "I've attached photos.",
  ])("%s", (text) => {
    expect(said(text)).toEqual([]);
  });

  it("an agent's statement is not the customer's, even when the customer only says yes", () => {
    const result = extractWithBuiltInRules(
      conversation("agentonly", "CHAT", [
        [A, "I prefer window seats and I live in Denver. I have two kids."],
        [C, "Yes."],
        [A, "You're on the premium plan, right?"],
        [C, "Right."],
      ]),
    );
    expect(result.observations).toEqual([]);
  });

  it("a customer pasting the agent's sentence back is not telling us about themselves", () => {
    const result = extractWithBuiltInRules(
      conversation("echo", "CHAT", [
        [A, "I have moved you to the 14:05 flight to Lisbon."],
        [C, "I have moved you to the 14:05 flight to Lisbon. What does that mean?"],
      ]),
    );
    expect(result.observations).toEqual([]);
  });
});

describe("extractWithBuiltInRules: statements", () => {
  const said = (...texts: string[]) => extractWithBuiltInRules(conversation("s", "SMS", texts.map((text): [TurnSpeaker, string] => [C, text]))).observations;

  it.each([
    ["I prefer an aisle seat on long flights.", "Prefers an aisle seat on long flights", "PREFERENCE"],
    ["I have a guinea pig named Oscar.", "Has a guinea pig named Oscar", "FACT"],
    ["I'm moving to Austin next month.", "Is moving to Austin next month", "PLAN"],
    ["Next month I'll be in Lisbon.", "Will be in Lisbon next month", "PLAN"],
    ["I live in Denver and I work at a hospital.", "Lives in Denver", "FACT"],
    ["I'm a nurse.", "Is a nurse", "FACT"],
    ["I can't stand automated phone menus.", "Cannot stand automated phone menus", "PREFERENCE"],
    ["For restock alerts, email works better for me than texts.", "Prefers email over texts for restock alerts", "PREFERENCE"],
    ["Please don't ring the doorbell, the baby naps in the afternoons.", "Asked not to ring the doorbell, the baby naps in the afternoons", "PREFERENCE"],
    ["My daughter Mia is 7 and starting swim lessons this summer.", "Has a daughter named Mia, who is 7 and starting swim lessons this summer", "FACT"],
    ["My husband and I are flying to Rome next month.", "Is flying to Rome next month with their husband", "PLAN"],
    ["I ordered the hoodie in navy and got olive instead.", "Ordered the hoodie in navy and got olive instead", "ISSUE"],
    ["This is the third time I've called about my bill.", "Reported that this is the third time they have called about their bill", "ISSUE"],
    ["I've been on hold for 40 minutes.", "Has been on hold for 40 minutes", "ISSUE"],
    ["I climb at the gym twice a week.", "Climbs at the gym twice a week", "FACT"],
    ["I'm vegetarian, if the trip includes meals.", "Is vegetarian", "FACT"],
  ] as const)("%s → %s", (text, content, kind) => {
    expect(said(text)).toContainEqual(expect.objectContaining({ content, kind }));
  });

  it("a family member's preference is kept as a fact about the customer's family", () => {
    expect(said("My wife prefers window seats.")).toEqual([expect.objectContaining({ content: "Their wife prefers window seats", kind: "FACT", confidence: 0.7 })]);
  });

  it("the same statement twice gives one observation with both turns as provenance", () => {
    const observations = said("I prefer aisle seats.", "Like I said, I prefer aisle seats!");
    expect(observations).toEqual([expect.objectContaining({ content: "Prefers aisle seats", communicationIds: ["s-1", "s-2"], occurredAt: new Date(Date.UTC(2026, 2, 3, 9, 2)) })]);
  });

  it("a detailed observation absorbs the shorter one it repeats", () => {
    const observations = said("My daughter Mia loves bright colours.", "Is my daughter Mia old enough for the class?");
    expect(contents(observations)).toEqual(["Has a daughter named Mia, who loves bright colours"]);
    expect(observations[0].communicationIds).toEqual(["s-1", "s-2"]);
  });

  it("explicit statements are more confident than inferred ones", () => {
    const [prefers] = said("I prefer aisle seats.");
    const [sleeps] = said("I sleep cold.");
    expect(prefers.confidence).toBeGreaterThan(sleeps.confidence);
    for (const observation of [prefers, sleeps]) {
      expect(observation.confidence).toBeGreaterThan(0);
      expect(observation.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("keeps at most 20 observations a conversation, the most confident ones", () => {
    const lines = Array.from({ length: 30 }, (_, index) => `I sleep with ${index + 2} pillows in room ${index}.`);
    lines.push("I prefer aisle seats.", "I have a guinea pig named Oscar.");
    const observations = said(...lines);
    expect(observations).toHaveLength(20);
    expect(contents(observations)).toEqual(expect.arrayContaining(["Prefers aisle seats", "Has a guinea pig named Oscar"]));
  });
});

describe("extractWithBuiltInRules: realistic phrasing", () => {
  const said = (...texts: string[]) => extractWithBuiltInRules(conversation("r", "SMS", texts.map((text): [TurnSpeaker, string] => [C, text]))).observations;

  it.each([
    ["These days I prefer a window seat.", "Prefers a window seat"],
    ["Nowadays I cook a lot more than I used to.", "Cooks a lot more than they used to"],
    ["Lately we mostly watch stuff on the laptop.", "Mostly watches stuff on the laptop"],
    ["Honestly, I can't stand automated phone menus.", "Cannot stand automated phone menus"],
    ["Oh and by the way, I've moved house recently.", "Has moved house recently"],
    ["To be honest I don't like leaving tips through the app.", "Does not like leaving tips through the app"],
    ["Usually I fly with my daughter.", "Usually flies with their daughter"],
    ["Since the 4.2 update, the app crashes every time I export.", "Reported that the app crashes every time they export (since the 4.2 update)"],
    ["Hi, um, yeah so my internet's been dropping out every evening for like a week now.", "Reported that their internet's been dropping out every evening for a week now"],
    ["pls stop sending me promo texts", "Does not want promo texts"],
    ["order 5521 came w/o the fries", "Reported that order 5521 came without the fries"],
    ["I'm travelling with my daughter Mia, she's 7, so we need to sit together.", "Is travelling with their daughter Mia, who is 7"],
    ["I wish you'd just texted me instead, I'd much rather get a text.", "Would much rather get a text"],
    ["It's my dad's 60th birthday", "Their dad's 60th birthday is coming up"],
    ["Two of us are vegetarian, me and my sister.", "Is vegetarian, as is their sister"],
    ["I'm going hiking in Scotland on the 15th, any chance it'll arrive before then?", "Is going hiking in Scotland on the 15th"],
    ["Can you send bills by email from now on, not post", "Asked to send bills by email from now on, not post"],
    ["My husband and I are celebrating our 10th wedding anniversary and I was hoping you could arrange a room with a sea view.", "Asked for a room with a sea view"],
    ["I sent five hundred pounds to my landlord on Monday and, er, he says he hasn't got it.", "Sent five hundred pounds to their landlord on Monday"],
  ] as const)("%s → %s", (text, content) => {
    expect(contents(said(text))).toContain(content);
  });

  it("resolves he and she to the relative the customer just mentioned", () => {
    expect(contents(said("I'm looking for a laptop for my son.", "Around £800.", "He mostly does coding and a bit of gaming."))).toContain("Their son mostly does coding and a bit of gaming");
  });

  it("keeps what came before someone else's words, and nothing after them", () => {
    expect(contents(said("I sent £500 to my landlord on Monday and he says he hasn't got it."))).toEqual(["Sent £500 to their landlord on Monday"]);
  });

  it("reads the company addressed as 'you' as the company when an agent took part, and leaves a friend's 'your' alone", () => {
    const support = extractWithBuiltInRules(conversation("you", "CHAT", [[A, "How can I help?"], [C, "I've been with you for eight years and I usually take a small in your brand."]]));
    expect(contents(support.observations)).toEqual(["Has been with the company for eight years", "Usually takes a small in the brand"]);
    const friends = extractWithBuiltInRules(conversation("friend", "WHATSAPP", [[O, "How are the turtles?"], [C, "I love your turtles so much."]]));
    expect(contents(friends.observations).join("\n")).not.toMatch(/company/);
  });
});

describe("extractWithBuiltInRules: near-duplicates within a conversation", () => {
  it("an answer to the agent's question and the statement that repeats it give one preference, citing both turns", () => {
    const result = extractWithBuiltInRules(conversation("seat", "CHAT", [[A, "Would you like a window or an aisle seat?"], [C, "Aisle please, I always prefer an aisle seat."]]));
    expect(result.observations).toEqual([expect.objectContaining({ content: "Always prefers an aisle seat", kind: "PREFERENCE", confidence: 0.9, communicationIds: ["seat-2", "seat-1"] })]);
  });

  it("a relative named in passing is absorbed by the statement that names them", () => {
    const observations = extractWithBuiltInRules(conversation("mia", "CHAT", [[C, "I'm travelling with my daughter Mia, she's 7."]])).observations;
    expect(contents(observations)).toEqual(["Is travelling with their daughter Mia, who is 7"]);
  });

  it("a trip mentioned in a request or a complaint is one observation", () => {
    expect(contents(extractWithBuiltInRules(conversation("lisbon", "CHAT", [[C, "Hi, I need to change my flight to Lisbon on May 3."]])).observations)).toEqual([
      "Needs to change their flight to Lisbon on May 3",
    ]);
    expect(contents(extractWithBuiltInRules(conversation("lisbon2", "CHAT", [[C, "My flight to Lisbon on May 3 got cancelled."]])).observations)).toEqual([
      "Reported that their flight to Lisbon on May 3 got cancelled",
    ]);
  });

  it("keeps a contradiction and a relative's fact apart from the customer's own", () => {
    const observations = extractWithBuiltInRules(conversation("apart", "CHAT", [[C, "I'm a nurse."], [C, "My wife is a nurse too."], [C, "I want an aisle seat."], [C, "I don't want an aisle seat on short flights."]])).observations;
    expect(contents(observations)).toEqual(expect.arrayContaining(["Is a nurse", "Their wife is a nurse", "Wants an aisle seat"]));
  });
});

describe("extractWithBuiltInRules: mood", () => {
  it("a loss described without complaint is not frustration", () => {
    const result = extractWithBuiltInRules(
      conversation("claim", "EMAIL", [
        [C, "Last night a pipe burst in our upstairs bathroom and water came through the kitchen ceiling. The ceiling plaster is damaged and our fridge stopped working."],
        [A, "I've opened claim CL-90312."],
      ]),
    );
    expect(result.observations.filter((observation) => observation.kind === "MOOD")).toEqual([]);
  });

  it("a feeling the customer states is kept instead of the lexicon's guess", () => {
    const result = extractWithBuiltInRules(conversation("worried", "CHAT", [[C, "My parcel still hasn't arrived and it's the third time. I'm really worried it won't make it."]]));
    expect(result.observations.filter((observation) => observation.kind === "MOOD").map((observation) => observation.content)).toEqual(["Is really worried it will not make it"]);
  });
});

describe("extractWithBuiltInRules: traits", () => {
  const traitsOf = (...lines: [TurnSpeaker, string][]) =>
    extractWithBuiltInRules(conversation("t", "CHAT", lines)).traitCandidates.map(({ traitName, value }) => `${traitName}=${value}`);

  it("takes a stated name, e-mail and phone", () => {
    expect(traitsOf([C, "My name is Dana Whitfield and my email is dana@example.com. Call me on +44 7700 900123."])).toEqual([
      "firstName=Dana",
      "lastName=Whitfield",
      "email=dana@example.com",
      "phone=+44 7700 900123",
    ]);
  });

  it("takes a bare answer when the agent asked for it", () => {
    expect(traitsOf([A, "Can I take your full name, please?"], [C, "Dana Whitfield."], [A, "And the best email to reach you?"], [C, "dana@example.com"])).toEqual([
      "firstName=Dana",
      "lastName=Whitfield",
      "email=dana@example.com",
    ]);
  });

  it("ignores someone else's details, unclaimed numbers and names mid-conversation", () => {
    expect(
      traitsOf(
        [C, "Hello, I have a question about my order."],
        [A, "Sure, what's the order number?"],
        [C, "It's 4155550199123. My wife's email is jo@example.com and her number is 415 555 0142."],
        [C, "It's Shia LaBeouf! This is Ridiculous."],
        [C, "Send it to sam@example.com please."],
      ),
    ).toEqual([]);
  });
});

describe("extractWithBuiltInRules: summary", () => {
  it("is null when the customer wrote nothing", () => {
    expect(extractWithBuiltInRules(conversation("empty", "SMS", [[A, "Hi, are you still there?"], [C, "   "]])).summary).toBeNull();
    expect(extractWithBuiltInRules(conversation("none", "SMS", [])).summary).toBeNull();
    expect(extractWithBuiltInRules(conversation("none", "SMS", [])).observations).toEqual([]);
  });

  it("has the documented shape and stays within the content limit on a huge conversation", () => {
    const long = "My package arrived damaged and the tracking number TR-12345 never updated, this is unacceptable. ".repeat(60);
    const input = conversation("huge", "EMAIL", Array.from({ length: 80 }, (_, index): [TurnSpeaker, string] => [index % 2 === 0 ? C : A, long]));
    const { summary, observations } = extractWithBuiltInRules(input);
    expect(summary?.content).toMatch(/^Email conversation on 2026-03-03: [^.]+\. Outcome: [^.]+\.$/);
    expect(summary!.content.length).toBeLessThanOrEqual(MAX_MEMORY_CONTENT_CHARS);
    for (const observation of observations) expect(observation.content.length).toBeLessThanOrEqual(MAX_MEMORY_CONTENT_CHARS);
  });

  it("says when the customer's last question went unanswered", () => {
    const { summary } = extractWithBuiltInRules(conversation("open", "SMS", [[C, "Where is my order TH-48213?"], [A, "Let me check."], [C, "Any news?"]]));
    expect(summary?.content).toBe("SMS conversation on 2026-03-03: order status (TH-48213). Outcome: open, the customer's last question is unanswered.");
  });
});

describe("extractWithBuiltInRules: determinism and speed", () => {
  it("gives the same output for the same input, and the extractor wraps it", async () => {
    for (const input of [travel, delivery, subscription, bank, casual]) {
      const first = extractWithBuiltInRules(input);
      expect(extractWithBuiltInRules(structuredClone(input))).toEqual(first);
      expect(await builtInExtractor.extract(input)).toEqual(first);
      expect(first.usage).toBeNull();
    }
    expect(builtInExtractor.name).toBe("builtin");
  });

  it("handles pathological text in linear time", () => {
    const nasty = `${"and I and my and we, ".repeat(2_000)}${"a".repeat(5_000)} ${"I really really ".repeat(1_000)}!`;
    const started = performance.now();
    extractWithBuiltInRules(conversation("nasty", "CHAT", [[C, nasty], [A, nasty], [C, nasty]]));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("helpers", () => {
  it("splitIntoSentences keeps abbreviations, decimals and e-mail addresses whole", () => {
    expect(splitIntoSentences("Dr. Patel said 2.5 kg. Email me at dana@example.com! Is it OK?\nThanks")).toEqual([
      "Dr. Patel said 2.5 kg.",
      "Email me at dana@example.com!",
      "Is it OK?",
      "Thanks",
    ]);
  });

  it("cleanSpokenText drops hesitations, filler 'like' and false starts, not the verb 'like'", () => {
    expect(cleanSpokenText("It's, uh, it's really annoying")).toBe("It's really annoying");
    expect(cleanSpokenText("my bill went up by like fifteen pounds")).toBe("my bill went up by fifteen pounds");
    expect(cleanSpokenText("Yeah, yeah, I've restarted it")).toBe("Yeah, I've restarted it");
    expect(cleanSpokenText("I like the blue one")).toBe("I like the blue one");
  });

  it.each([
    ["These days I prefer a window seat", "I prefer a window seat"],
    ["Oh and by the way, honestly, I moved", "I moved"],
    ["Next month I will be in Lisbon", "I will be in Lisbon next month"],
    ["Since the update, the app crashes", "the app crashes (since the update)"],
    ["Last time we stayed with you the room was noisy", "the room was noisy last time we stayed with you"],
    ["Usually I fly with my daughter", "I usually fly with my daughter"],
    ["Apparently my order shipped", "Apparently my order shipped"],
  ])("stripDiscourseMarkers(%s) → %s", (clause, expected) => {
    expect(stripDiscourseMarkers(clause)).toBe(expected);
  });

  it.each([
    ["I prefer aisle seats", "Prefers aisle seats"],
    ["I usually fly with my daughter", "Usually flies with their daughter"],
    ["I am moving to Denver", "Is moving to Denver"],
    ["I have a dog", "Has a dog"],
    ["I do not like olives", "Does not like olives"],
    ["I returned it and still have not been refunded", "Returned it and still has not been refunded"],
    ["my order is late", "Their order is late"],
    ["we go to the US every summer", "Goes to the US every summer"],
  ])("toThirdPerson(%s) → %s", (clause, expected) => {
    expect(toThirdPerson(clause)).toBe(expected);
  });
});
