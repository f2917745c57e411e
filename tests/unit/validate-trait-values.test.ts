import { describe, expect, it } from "vitest";
import { validateTraitValues, type TraitGroupDefinitions, type ValidateTraitValuesResult } from "@/lib/traits/validate-trait-values";
import { defaultTraitGroups } from "@/lib/traits/default-trait-groups";

const groups: TraitGroupDefinitions[] = [
  ...defaultTraitGroups,
  {
    displayName: "Loyalty",
    traits: {
      tier: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "^(bronze|silver|gold)$" } },
      nickname: { dataType: "STRING", validationRule: { ruleType: "STRING", minLength: 2, maxLength: 5 } },
      note: { dataType: "STRING" },
      points: { dataType: "NUMBER", validationRule: { ruleType: "NUMBER", min: 0, max: 1000 } },
      balance: { dataType: "NUMBER" },
      optedIn: { dataType: "BOOLEAN", validationRule: { ruleType: "BOOLEAN" } },
      tags: { dataType: "ARRAY", validationRule: { ruleType: "ARRAY", minItems: 1, maxItems: 3 } },
      history: { dataType: "ARRAY" },
      cardNumber: { dataType: "NUMBER", idTypePromotion: "user_id" },
      emails: { dataType: "ARRAY", idTypePromotion: "email" },
      vip: { dataType: "BOOLEAN", idTypePromotion: "user_id" },
    },
  },
  { displayName: "Empty" },
];

function issuesOf(result: ValidateTraitValuesResult) {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result)}`);
  return result.issues;
}

function pathsOf(result: ValidateTraitValuesResult) {
  return issuesOf(result).map((issue) => issue.path);
}

function valid(result: ValidateTraitValuesResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result;
}

describe("validateTraitValues", () => {
  it("accepts values of every type and lists them in input order", () => {
    const result = valid(
      validateTraitValues(groups, {
        Contact: { firstName: "Ada", lastName: "Byron" },
        Loyalty: { tier: "gold", points: 12.5, optedIn: false, tags: ["a", "b"], history: [1, 2, 3] },
      }),
    );
    expect(result.values).toEqual([
      { groupName: "Contact", traitName: "firstName", value: "Ada" },
      { groupName: "Contact", traitName: "lastName", value: "Byron" },
      { groupName: "Loyalty", traitName: "tier", value: "gold" },
      { groupName: "Loyalty", traitName: "points", value: 12.5 },
      { groupName: "Loyalty", traitName: "optedIn", value: false },
      { groupName: "Loyalty", traitName: "tags", value: ["a", "b"] },
      { groupName: "Loyalty", traitName: "history", value: [1, 2, 3] },
    ]);
    expect(result.promotions).toEqual([]);
  });

  it("accepts an empty input and empty groups", () => {
    expect(validateTraitValues(groups, {})).toEqual({ ok: true, values: [], promotions: [] });
    expect(validateTraitValues(groups, { Contact: {} })).toEqual({ ok: true, values: [], promotions: [] });
  });

  it("treats null as removal, even for promoted traits and ruled traits, and promotes nothing for it", () => {
    const result = valid(validateTraitValues(groups, { Contact: { email: null }, Loyalty: { tier: null, tags: null } }));
    expect(result.values).toEqual([
      { groupName: "Contact", traitName: "email", value: null },
      { groupName: "Loyalty", traitName: "tier", value: null },
      { groupName: "Loyalty", traitName: "tags", value: null },
    ]);
    expect(result.promotions).toEqual([]);
  });

  describe("unknown names", () => {
    it("rejects an unknown group", () => {
      expect(issuesOf(validateTraitValues(groups, { Billing: { iban: "x" } }))).toEqual([{ path: "traits.Billing", message: 'unknown trait group "Billing"' }]);
    });

    it("rejects an unknown trait, also for removal", () => {
      expect(pathsOf(validateTraitValues(groups, { Contact: { middleName: "A", nickname: null } }))).toEqual(["traits.Contact.middleName", "traits.Contact.nickname"]);
    });

    it("matches group and trait names exactly (case matters)", () => {
      expect(pathsOf(validateTraitValues(groups, { contact: { firstName: "A" }, Contact: { FirstName: "A" } }))).toEqual(["traits.contact", "traits.Contact.FirstName"]);
    });

    it("does not take inherited object properties for traits", () => {
      expect(pathsOf(validateTraitValues(groups, { Contact: { toString: "x", constructor: "y" } }))).toEqual(["traits.Contact.toString", "traits.Contact.constructor"]);
      expect(pathsOf(validateTraitValues(groups, { Empty: { anything: 1 } }))).toEqual(["traits.Empty.anything"]);
    });

    it("rejects a group that is not an object", () => {
      for (const bad of ["x", 1, null, ["a"]]) {
        expect(issuesOf(validateTraitValues(groups, { Contact: bad }))).toEqual([{ path: "traits.Contact", message: "must be an object of trait names to values" }]);
      }
    });

    it("uses the given base path", () => {
      expect(pathsOf(validateTraitValues(groups, { Nope: {} }, "profiles.3.traits"))).toEqual(["profiles.3.traits.Nope"]);
    });
  });

  describe("data types", () => {
    it.each([
      ["STRING", "note", [1, true, [], {}], "must be a string"],
      ["NUMBER", "balance", ["1", true, [1], {}], "must be a number"],
      ["BOOLEAN", "optedIn", ["true", 0, [], {}], "must be a boolean"],
      ["ARRAY", "history", ["a", 1, true, {}], "must be an array"],
    ])("%s rejects values of other types", (_type, trait, badValues, message) => {
      for (const value of badValues) {
        const [issue] = issuesOf(validateTraitValues(groups, { Loyalty: { [trait]: value } }));
        expect(issue.path).toBe(`traits.Loyalty.${trait}`);
        expect(issue.message).toContain(message);
      }
    });

    it("names the type it got", () => {
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { note: 5 } }))[0].message).toBe("must be a string, not a number");
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { note: [] } }))[0].message).toBe("must be a string, not an array");
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { note: {} } }))[0].message).toBe("must be a string, not an object");
    });

    it("rejects non-finite numbers", () => {
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { balance: Number.NaN } }))).toEqual(["traits.Loyalty.balance"]);
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { balance: Number.POSITIVE_INFINITY } }))).toEqual(["traits.Loyalty.balance"]);
    });

    it("accepts zero, negatives and empty strings where no rule forbids them", () => {
      expect(valid(validateTraitValues(groups, { Loyalty: { balance: -3.25, note: "" } })).values.map((value) => value.value)).toEqual([-3.25, ""]);
    });
  });

  describe("strings", () => {
    it("allows 1,024 characters and rejects 1,025", () => {
      valid(validateTraitValues(groups, { Loyalty: { note: "x".repeat(1024) } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { note: "x".repeat(1025) } }))).toEqual([
        { path: "traits.Loyalty.note", message: "is 1025 characters long; a trait value is at most 1024" },
      ]);
    });

    it("counts characters, not UTF-16 units", () => {
      valid(validateTraitValues(groups, { Loyalty: { note: "😀".repeat(1024), nickname: "😀😀" } }));
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { nickname: "😀" } }))).toEqual(["traits.Loyalty.nickname"]);
    });

    it("applies minLength and maxLength inclusively", () => {
      valid(validateTraitValues(groups, { Loyalty: { nickname: "ab" } }));
      valid(validateTraitValues(groups, { Loyalty: { nickname: "abcde" } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { nickname: "a" } }))[0].message).toBe("must be at least 2 characters long");
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { nickname: "abcdef" } }))[0].message).toBe("must be at most 5 characters long");
    });

    it("applies the default Contact limits", () => {
      expect(pathsOf(validateTraitValues(groups, { Contact: { firstName: "x".repeat(101) } }))).toEqual(["traits.Contact.firstName"]);
    });

    it("applies the pattern", () => {
      valid(validateTraitValues(groups, { Loyalty: { tier: "silver" } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { tier: "platinum" } }))).toEqual([
        { path: "traits.Loyalty.tier", message: "does not match the pattern ^(bronze|silver|gold)$" },
      ]);
    });

    it("treats an unanchored pattern as 'contains', as JavaScript and most validators do", () => {
      const loose: TraitGroupDefinitions[] = [{ displayName: "G", traits: { code: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "[0-9]" } } } }];
      valid(validateTraitValues(loose, { G: { code: "ab1" } }));
      expect(pathsOf(validateTraitValues(loose, { G: { code: "abc" } }))).toEqual(["traits.G.code"]);
    });

    it("rejects every value when a stored pattern no longer compiles", () => {
      const broken: TraitGroupDefinitions[] = [{ displayName: "G", traits: { code: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "(" } } } }];
      expect(pathsOf(validateTraitValues(broken, { G: { code: "(" } }))).toEqual(["traits.G.code"]);
    });

    it("reports every broken rule of one value", () => {
      const strict: TraitGroupDefinitions[] = [{ displayName: "G", traits: { code: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "^[a-z]+$", maxLength: 2 } } } }];
      expect(issuesOf(validateTraitValues(strict, { G: { code: "ABC" } })).map((issue) => issue.message)).toEqual([
        "must be at most 2 characters long",
        "does not match the pattern ^[a-z]+$",
      ]);
    });
  });

  describe("numbers", () => {
    it("applies min and max inclusively", () => {
      valid(validateTraitValues(groups, { Loyalty: { points: 0 } }));
      valid(validateTraitValues(groups, { Loyalty: { points: 1000 } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { points: -0.5 } }))).toEqual([{ path: "traits.Loyalty.points", message: "must be at least 0" }]);
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { points: 1000.01 } }))).toEqual([{ path: "traits.Loyalty.points", message: "must be at most 1000" }]);
    });
  });

  describe("arrays", () => {
    it("accepts arrays of strings, of numbers and of booleans, and the empty array without a rule", () => {
      for (const value of [["a"], [1.5, 2], [true, false], []]) {
        expect(valid(validateTraitValues(groups, { Loyalty: { history: value } })).values[0].value).toEqual(value);
      }
    });

    it("allows 100 items and rejects 101", () => {
      valid(validateTraitValues(groups, { Loyalty: { history: Array.from({ length: 100 }, (_, i) => i) } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { history: Array.from({ length: 101 }, (_, i) => i) } }))).toEqual([
        { path: "traits.Loyalty.history", message: "has 101 items; an array trait holds at most 100" },
      ]);
    });

    it("applies minItems and maxItems inclusively", () => {
      valid(validateTraitValues(groups, { Loyalty: { tags: ["a"] } }));
      valid(validateTraitValues(groups, { Loyalty: { tags: ["a", "b", "c"] } }));
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { tags: [] } }))[0].message).toBe("must have at least 1 items");
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { tags: ["a", "b", "c", "d"] } }))[0].message).toBe("must have at most 3 items");
    });

    it("rejects nested arrays, objects and nulls, item by item", () => {
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { history: ["a", ["b"], { c: 1 }, null] } }))).toEqual([
        "traits.Loyalty.history.1",
        "traits.Loyalty.history.2",
        "traits.Loyalty.history.3",
      ]);
    });

    it("rejects mixed item types", () => {
      expect(issuesOf(validateTraitValues(groups, { Loyalty: { history: ["a", 1, true] } }))).toEqual([
        { path: "traits.Loyalty.history.1", message: "must be a string like the first item: an array holds one type" },
        { path: "traits.Loyalty.history.2", message: "must be a string like the first item: an array holds one type" },
      ]);
    });

    it("limits each string item to 1,024 characters and numbers to finite ones", () => {
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { history: ["ok", "x".repeat(1025)] } }))).toEqual(["traits.Loyalty.history.1"]);
      expect(pathsOf(validateTraitValues(groups, { Loyalty: { history: [1, Number.NaN] } }))).toEqual(["traits.Loyalty.history.1"]);
    });
  });

  describe("promotions", () => {
    it("promotes the default Contact identifiers as sent (normalising is identity resolution's job)", () => {
      const result = valid(validateTraitValues(groups, { Contact: { firstName: "Ada", email: " Ada@Example.com ", phone: "(415) 555-0123", whatsapp: "+44 7700 900123" } }));
      expect(result.promotions).toEqual([
        { idType: "email", value: " Ada@Example.com ", groupName: "Contact", traitName: "email" },
        { idType: "phone", value: "(415) 555-0123", groupName: "Contact", traitName: "phone" },
        { idType: "whatsapp", value: "+44 7700 900123", groupName: "Contact", traitName: "whatsapp" },
      ]);
    });

    it("promotes numbers in decimal, each array item, never booleans, and each value once", () => {
      const result = valid(
        validateTraitValues(groups, { Contact: { email: "a@example.com" }, Loyalty: { cardNumber: 12345, emails: ["b@example.com", "a@example.com", "b@example.com"], vip: true } }),
      );
      expect(result.promotions.map(({ idType, value }) => ({ idType, value }))).toEqual([
        { idType: "email", value: "a@example.com" },
        { idType: "user_id", value: "12345" },
        { idType: "email", value: "b@example.com" },
      ]);
    });

    it("promotes nothing when any value is invalid", () => {
      const result = validateTraitValues(groups, { Contact: { email: "a@example.com" }, Loyalty: { points: -1 } });
      expect(result).toEqual({ ok: false, issues: [{ path: "traits.Loyalty.points", message: "must be at least 0" }] });
    });
  });

  it("collects every issue across groups", () => {
    expect(pathsOf(validateTraitValues(groups, { Nope: {}, Contact: { firstName: 1, unknown: "x" }, Loyalty: { tier: "x", points: "1", tags: [] } }))).toEqual([
      "traits.Nope",
      "traits.Contact.firstName",
      "traits.Contact.unknown",
      "traits.Loyalty.tier",
      "traits.Loyalty.points",
      "traits.Loyalty.tags",
    ]);
  });
});
