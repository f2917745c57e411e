import { describe, expect, it } from "vitest";
import { normalizeForComparison } from "@/lib/merges/propose-duplicate-merges";

describe("comparing evidence traits for duplicate suggestions", () => {
  it.each([
    ["12 Elm St.", "12 elm st"],
    ["  12   ELM   St ", "12 elm st"],
    ["Café Zoë", "cafe zoe"],
    [1987, "1987"],
    ["1987-04-01", "1987 04 01"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeForComparison(input)).toBe(expected);
  });

  it("has nothing to compare for empty, punctuation-only or non-text values", () => {
    for (const value of ["", "  ", "--", null, undefined, true, ["a"], { a: 1 }]) expect(normalizeForComparison(value)).toBeNull();
  });
});
