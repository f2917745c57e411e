import { describe, expect, it } from "vitest";
import { measureTextSimilarity } from "@/lib/extraction/measure-text-similarity";

describe("measureTextSimilarity", () => {
  it.each([
    ["Prefers an aisle seat", "Prefers an aisle seat"],
    ["Prefers an aisle seat.", "prefers a aisle seat"],
    ["Prefers an aisle seat", "  PREFERS   THE AISLE-SEAT!! "],
    ["Prefers aisle seats", "Prefers an aisle seat"],
    ["Prefers e-mail contact", "prefers email contact"],
    ["Café in Zürich", "cafe in zurich"],
    ["Flying on May 3rd", "flying on may 3"],
  ])("scores %j and %j as the same (1)", (a, b) => {
    expect(measureTextSimilarity(a, b)).toBe(1);
  });

  it.each([
    ["Prefers an aisle seat", "Has a dog named Max"],
    ["Lives in Paris", "Moved to Berlin"],
    ["Prefers an aisle seat", "Prefers email contact"],
  ])("scores %j and %j as unrelated (< 0.3)", (a, b) => {
    expect(measureTextSimilarity(a, b)).toBeLessThan(0.3);
  });

  it("is symmetric and stays within 0–1", () => {
    const texts = ["Prefers an aisle seat", "Now prefers a window seat", "Has a dog named Max, a beagle", "Has a dog", "", "!!"];
    for (const a of texts) {
      for (const b of texts) {
        const score = measureTextSimilarity(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBe(measureTextSimilarity(b, a));
      }
    }
  });

  it("ranks a partial overlap between unrelated and identical", () => {
    const partial = measureTextSimilarity("Has a dog", "Has a dog named Max, a beagle");
    expect(partial).toBeGreaterThan(0.4);
    expect(partial).toBeLessThan(0.9);
    expect(measureTextSimilarity("Has a dog named Max", "Has a dog named Max, a beagle")).toBeGreaterThan(partial);
  });

  it("counts a shared everyday verb for less than another shared word", () => {
    const sharedVerb = measureTextSimilarity("Prefers tea", "Prefers jazz");
    const sharedObject = measureTextSimilarity("Drinks tea", "Brews tea");
    expect(sharedObject).toBeGreaterThan(sharedVerb);
  });

  it("keeps numbers: another date is another statement", () => {
    expect(measureTextSimilarity("Flying on May 3", "Flying on May 5")).toBeLessThan(0.9);
  });

  it("lets character trigrams lift a misspelt word above what word overlap alone gives", () => {
    // the words share one of two stems (word overlap 0.5); the trigrams of "recieve"/"receive" mostly agree
    expect(measureTextSimilarity("Recieves the newsletter", "Receives the newsletter")).toBeGreaterThan(0.55);
  });

  it("leaves negation to contradiction detection", () => {
    expect(measureTextSimilarity("Has a dog", "No longer has a dog")).toBe(1);
  });

  it("compares texts without words by their characters only", () => {
    expect(measureTextSimilarity("", "")).toBe(1);
    expect(measureTextSimilarity("the", "a")).toBe(0);
    expect(measureTextSimilarity("", "Prefers an aisle seat")).toBe(0);
  });
});
