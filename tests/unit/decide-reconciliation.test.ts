import { describe, expect, it } from "vitest";
import { decideReconciliation } from "@/lib/extraction/decide-reconciliation";
import type { ExistingObservation, ObservationKind } from "@/lib/extraction/extraction-types";

const day = (n: number) => new Date(Date.UTC(2025, 0, n, 12));

let sequence = 0;
function observation(content: string, overrides: Partial<ExistingObservation> = {}): ExistingObservation {
  sequence++;
  return { id: `mem_observation_${sequence}`, content, kind: "PREFERENCE", status: "APPROVED", occurredAt: day(10), ...overrides };
}

function candidate(content: string, kind: ObservationKind = "PREFERENCE", occurredAt = day(20)) {
  return { content, kind, occurredAt };
}

describe("decideReconciliation: duplicates", () => {
  it.each([
    ["Prefers an aisle seat", "Prefers an aisle seat"],
    ["Prefers an aisle seat.", "prefers a aisle seat"],
    ["Prefers an aisle seat", "PREFERS THE AISLE SEAT!!"],
    ["Prefers aisle seats", "Prefers an aisle seat"],
    ["Prefers to sit in the aisle", "Prefers an aisle seat"],
    ["Prefers to be contacted by e-mail", "Prefers being contacted by email"],
    ["Has a dog named Max", "Has a dog called Max"],
  ])("discards %j as a duplicate of %j", (existingText, candidateText) => {
    const existing = observation(existingText);
    expect(decideReconciliation(candidate(candidateText), [existing])).toEqual({
      action: "discard",
      observationId: existing.id,
      reason: `duplicate of ${existing.id}`,
    });
  });

  it("treats the same words as a duplicate whatever kind the extractor gave it", () => {
    const existing = observation("Has a dog named Max", { kind: "FACT" });
    const decision = decideReconciliation(candidate("has a dog named max", "OTHER"), [existing]);
    expect(decision).toMatchObject({ action: "discard", observationId: existing.id });
  });

  it("never re-adds a rejected observation, and never updates it", () => {
    const rejected = observation("Prefers an aisle seat", { status: "REJECTED" });
    expect(decideReconciliation(candidate("Prefers an aisle seat."), [rejected])).toEqual({
      action: "discard",
      observationId: rejected.id,
      reason: `duplicate of ${rejected.id}, rejected before`,
    });
  });

  it("does not call a negated statement a duplicate of the positive one, even across kinds", () => {
    const existing = observation("Has a dog", { kind: "FACT" });
    expect(decideReconciliation(candidate("No longer has a dog", "OTHER"), [existing]).action).toBe("add");
  });

  it("does not call the same sentence with another number a duplicate", () => {
    const existing = observation("Order 12345 arrived damaged", { kind: "ISSUE" });
    expect(decideReconciliation(candidate("Order 12346 arrived damaged", "ISSUE"), [existing]).action).toBe("add");
  });

  it("does not call a long, nearly identical sentence with another count a duplicate", () => {
    const text = (days: string) => `Parcel arrived ${days} days late with a torn box, a missing invoice and a scratched screen`;
    const existing = observation(text("two"), { kind: "ISSUE" });
    expect(decideReconciliation(candidate(text("three"), "ISSUE"), [existing]).action).toBe("add");
  });
});

describe("decideReconciliation: contradictions (the newer statement wins)", () => {
  it("replaces aisle with window, keeping the candidate's text", () => {
    const existing = observation("Prefers an aisle seat", { occurredAt: day(1) });
    expect(decideReconciliation(candidate("Now prefers a window seat"), [existing])).toEqual({
      action: "update",
      observationId: existing.id,
      content: "Now prefers a window seat",
      kind: "contradiction",
      reason: `contradicts ${existing.id}: window replaces aisle`,
    });
  });

  it.each([
    ["Prefers aisle seats on long flights", "Prefers the window", "PREFERENCE", "window replaces aisle"],
    ["Prefers morning appointments", "Prefers evening appointments", "PREFERENCE", "evening replaces morning"],
    ["Prefers phone contact", "Prefers to be contacted by email", "PREFERENCE", "email replaces phone"],
    ["Prefers email contact", "Switched to SMS", "PREFERENCE", "sms replaces email"],
    ["Is vegetarian", "Is vegan", "FACT", "vegan replaces vegetarian"],
    ["Is on the Silver plan", "Upgraded to the Gold plan", "FACT", "gold replaces silver"],
    ["Has the Premium plan", "Downgraded to Basic", "FACT", "basic replaces premium"],
    ["Prefers support in Spanish", "Now prefers support in English", "PREFERENCE", "english replaces spanish"],
    ["Speaks Spanish", "Speaks English", "FACT", "english replaces spanish"],
    ["Lives in Paris", "Moved to Berlin", "FACT", "Berlin replaces Paris"],
    ["Lives in Paris", "Has moved to Lyon", "FACT", "Lyon replaces Paris"],
    ["Flying on May 3", "Flying on May 5", "PLAN", "5 replaces 3"],
    ["Plans to fly to Paris on May 3rd", "Flying to Paris on 5 May", "PLAN", "5 replaces 3"],
    ["Flying to Rome on June 2", "Plans to fly to Rome on July 2", "PLAN", "july replaces june"],
    ["Has 2 kids", "Has three kids", "FACT", "3 replaces 2"],
    ["Prefers calls at 9am", "Prefers calls at 11 a.m.", "PREFERENCE", "11am replaces 9am"],
    ["Has a dog", "No longer has a dog", "FACT", "no longer true"],
    ["Has a dog named Max", "Does not have a dog anymore", "FACT", "no longer true"],
    ["Is vegetarian", "Is no longer vegetarian", "FACT", "no longer true"],
    ["Likes jazz", "Dislikes jazz", "PREFERENCE", "no longer true"],
    ["Has a gym membership", "Cancelled the gym membership", "FACT", "no longer true"],
    ["No longer has a car", "Has a car again", "FACT", "true again"],
  ] as const)("%j then %j (%s): %s", (existingText, candidateText, kind, change) => {
    const existing = observation(existingText, { kind, occurredAt: day(1) });
    const decision = decideReconciliation(candidate(candidateText, kind), [existing]);
    expect(decision).toEqual({
      action: "update",
      observationId: existing.id,
      content: candidateText,
      kind: "contradiction",
      reason: `contradicts ${existing.id}: ${change}`,
    });
  });

  it("lets a candidate from the same moment win (only an older one loses)", () => {
    const existing = observation("Prefers an aisle seat", { occurredAt: day(20) });
    expect(decideReconciliation(candidate("Prefers a window seat", "PREFERENCE", day(20)), [existing])).toMatchObject({
      action: "update",
      kind: "contradiction",
    });
  });

  it("discards an older candidate that contradicts a newer observation: the newer fact stands", () => {
    const existing = observation("Now prefers a window seat", { occurredAt: day(20) });
    expect(decideReconciliation(candidate("Prefers an aisle seat", "PREFERENCE", day(5)), [existing])).toEqual({
      action: "discard",
      observationId: existing.id,
      reason: `older than ${existing.id}, which it contradicts (aisle replaces window): the newer observation stands`,
    });
  });

  it("matches an observation whose kind is unknown", () => {
    const existing = observation("Prefers an aisle seat", { kind: null, occurredAt: day(1) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [existing])).toMatchObject({
      action: "update",
      observationId: existing.id,
      kind: "contradiction",
    });
  });

  it("does not update a rejected observation it contradicts, and says so", () => {
    const rejected = observation("Prefers an aisle seat", { status: "REJECTED", occurredAt: day(1) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [rejected])).toEqual({
      action: "add",
      reason: `new: related to ${rejected.id}, which was rejected and is never updated`,
    });
  });
});

describe("decideReconciliation: enrichment", () => {
  it("replaces a short observation with the candidate that adds detail", () => {
    const existing = observation("Has a dog", { kind: "FACT" });
    expect(decideReconciliation(candidate("Has a dog named Max, a beagle", "FACT"), [existing])).toEqual({
      action: "update",
      observationId: existing.id,
      content: "Has a dog named Max, a beagle",
      kind: "enrichment",
      reason: `adds detail to ${existing.id}`,
    });
  });

  it("enriches rather than contradicts when the candidate keeps the old values and adds more", () => {
    const existing = observation("Flying to Lisbon on May 3", { kind: "PLAN" });
    expect(decideReconciliation(candidate("Flying to Lisbon on May 3 at 9am with two children", "PLAN"), [existing])).toMatchObject({
      action: "update",
      kind: "enrichment",
    });
  });

  it("discards a candidate that says less than the observation already does", () => {
    const existing = observation("Has a dog named Max, a beagle", { kind: "FACT" });
    expect(decideReconciliation(candidate("Has a dog", "FACT"), [existing])).toEqual({
      action: "discard",
      observationId: existing.id,
      reason: `duplicate of ${existing.id}, which already says more`,
    });
  });

  it("does not enrich across kinds", () => {
    const existing = observation("Has a dog", { kind: "FACT" });
    expect(decideReconciliation(candidate("Has a dog that keeps barking at the courier", "ISSUE"), [existing]).action).toBe("add");
  });

  it("does not enrich a rejected observation", () => {
    const rejected = observation("Has a dog", { kind: "FACT", status: "REJECTED" });
    expect(decideReconciliation(candidate("Has a dog named Max", "FACT"), [rejected]).action).toBe("add");
  });
});

describe("decideReconciliation: unrelated observations are added", () => {
  it.each([
    ["Prefers an aisle seat", "Prefers email contact", "PREFERENCE"],
    ["Prefers email contact", "Prefers an aisle seat", "PREFERENCE"],
    ["Has a dog named Max", "Has a cat named Luna", "FACT"],
    ["Has a dog named Max", "Has a dog named Rex", "FACT"],
    ["Prefers morning appointments", "Prefers evening flights", "PREFERENCE"],
    ["Prefers Italian food", "Prefers Spanish food", "PREFERENCE"],
    ["Flying to Paris on May 3", "Flying to Rome on May 3", "PLAN"],
    ["Is a teacher", "Is vegan", "FACT"],
    ["Lives in Paris", "Lives with a partner", "FACT"],
    ["Prefers an aisle seat", "Does not want a window seat", "PREFERENCE"],
    ["Order 12345 arrived late", "Order 67890 arrived late", "ISSUE"],
    ["Was frustrated by the delivery on Monday", "Was frustrated by the delivery on Friday", "MOOD"],
    ["Likes jazz", "Likes classical music", "PREFERENCE"],
    ["Likes jazz concerts in small venues", "Does not like jazz on the radio", "PREFERENCE"],
    ["Flying to Lisbon on May 3", "Not flying to Lisbon on May 5", "PLAN"],
    ["Plans to return order 12345 on Monday", "Plans to return order 67890 on Friday", "PLAN"],
    ["Has a dog", "Does not have one", "FACT"],
  ] as const)("%j and then %j (%s)", (existingText, candidateText, kind) => {
    const existing = observation(existingText, { kind, occurredAt: day(1) });
    expect(decideReconciliation(candidate(candidateText, kind), [existing])).toMatchObject({ action: "add" });
  });

  it("does not match observations of another kind, even about the same slot", () => {
    const existing = observation("Prefers an aisle seat", { kind: "PREFERENCE", occurredAt: day(1) });
    expect(decideReconciliation(candidate("Booked a window seat", "PLAN"), [existing]).action).toBe("add");
  });

  it("adds when the profile has no observations", () => {
    expect(decideReconciliation(candidate("Prefers an aisle seat"), [])).toEqual({ action: "add", reason: "new: no similar observation" });
  });

  it("names the closest observation when there was one worth naming", () => {
    const existing = observation("Prefers morning appointments");
    const decision = decideReconciliation(candidate("Prefers morning flights"), [existing]);
    expect(decision.action).toBe("add");
    expect(decision.reason).toMatch(new RegExp(`^new: closest is ${existing.id} \\(similarity 0\\.\\d\\d\\)$`));
  });
});

describe("decideReconciliation: several matching observations", () => {
  it("picks the most similar one", () => {
    const general = observation("Prefers an aisle seat", { occurredAt: day(1) });
    const specific = observation("Prefers an aisle seat on long flights with extra legroom", { occurredAt: day(2) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [specific, general])).toMatchObject({
      action: "update",
      observationId: general.id,
      kind: "contradiction",
    });
  });

  it("prefers a duplicate over a contradiction with an older observation", () => {
    const aisle = observation("Prefers an aisle seat", { occurredAt: day(1) });
    const window = observation("Prefers a window seat", { occurredAt: day(5) });
    expect(decideReconciliation(candidate("Now prefers a window seat"), [aisle, window])).toEqual({
      action: "discard",
      observationId: window.id,
      reason: `duplicate of ${window.id}`,
    });
  });

  it("breaks a tie in similarity in favour of the newest observation", () => {
    const older = observation("Prefers an aisle seat", { occurredAt: day(1) });
    const newer = observation("Prefers aisle seats", { occurredAt: day(8) });
    const oldest = observation("prefers the aisle seat", { occurredAt: day(0) });
    expect(decideReconciliation(candidate("Prefers an aisle seat"), [older, newer, oldest])).toMatchObject({
      action: "discard",
      observationId: newer.id,
    });
  });

  it("keeps blocking a rejected duplicate even when an approved observation could be updated", () => {
    const approved = observation("Prefers an aisle seat", { occurredAt: day(1) });
    const rejected = observation("Prefers a window seat", { status: "REJECTED", occurredAt: day(2) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [approved, rejected])).toEqual({
      action: "discard",
      observationId: rejected.id,
      reason: `duplicate of ${rejected.id}, rejected before`,
    });
  });

  it("updates the approved observation when the rejected one is only related", () => {
    const rejected = observation("Prefers a middle seat", { status: "REJECTED", occurredAt: day(3) });
    const approved = observation("Prefers an aisle seat", { occurredAt: day(1) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [rejected, approved])).toMatchObject({
      action: "update",
      observationId: approved.id,
      kind: "contradiction",
      reason: `contradicts ${approved.id}: window replaces aisle`,
    });
  });

  it("ignores unrelated observations around the one that matches", () => {
    const email = observation("Prefers email contact", { occurredAt: day(9) });
    const dog = observation("Has a dog named Max", { kind: "FACT", occurredAt: day(9) });
    const aisle = observation("Prefers an aisle seat", { occurredAt: day(1) });
    expect(decideReconciliation(candidate("Prefers a window seat"), [email, dog, aisle])).toMatchObject({
      action: "update",
      observationId: aisle.id,
    });
  });
});
