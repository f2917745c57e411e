import { describe, expect, it } from "vitest";
import { draftFromSettings, draftToSettingsBody, errorAt, fieldErrorsOf, moveItem } from "@/components/identity-rules/identity-rules-draft";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { describeIdentitySettingsChanges } from "@/lib/identity/describe-identity-settings-changes";
import { identityResolutionSettingsSchema } from "@/lib/identity/identity-settings-schemas";

const parse = (body: unknown) => identityResolutionSettingsSchema.parse(body);

describe("describeIdentitySettingsChanges: the confirmation before a save", () => {
  it("says nothing when nothing changes", () => {
    expect(describeIdentitySettingsChanges(defaultIdentitySettings, parse(defaultIdentitySettings))).toEqual([]);
  });

  it("names each changed field, added and removed types, rule order and merge mode", () => {
    const edited = parse({
      ...defaultIdentitySettings,
      identifierConfigs: [
        ...defaultIdentitySettings.identifierConfigs
          .filter((config) => config.idType !== "chat")
          .map((config) => (config.idType === "email" ? { ...config, limit: 5, limitPolicy: "lifo", enforceUnique: false, blockedValues: ["Info@Shop.test"] } : config)),
        { idType: "loyalty", normalization: "none", limit: 2 },
      ],
      matchingRules: ["email", "user_id", "phone"],
      mergeMode: "review",
    });
    expect(describeIdentitySettingsChanges(defaultIdentitySettings, edited)).toEqual([
      "email: limit 100 → 5",
      "email: limit policy fifo → lifo",
      "email: values may belong to several profiles (no longer unique)",
      "email: blocks info@shop.test",
      "Adds identifier type loyalty (none, limit 2, fifo, unique)",
      "Removes identifier type chat",
      "Matching rules: user_id > email > whatsapp > phone > chat → email > user_id > phone",
      "Merge mode: auto → review",
    ]);
  });

  it("lists unblocked values and shortens long lists", () => {
    const many = parse({ ...defaultIdentitySettings, identifierConfigs: defaultIdentitySettings.identifierConfigs.map((config) => (config.idType === "chat" ? { ...config, blockedValues: ["a", "b", "c", "d", "e", "f", "g"] } : config)) });
    expect(describeIdentitySettingsChanges(defaultIdentitySettings, many)).toEqual(["chat: blocks a, b, c, d, e and 2 more"]);
    expect(describeIdentitySettingsChanges(many, defaultIdentitySettings)).toEqual(["chat: unblocks a, b, c, d, e and 2 more"]);
  });
});

describe("the editor's draft", () => {
  it("round-trips saved settings into the body the schema accepts", () => {
    const draft = draftFromSettings(defaultIdentitySettings);
    expect(draft.configs.every((config) => !config.isNew)).toBe(true);
    expect(parse(draftToSettingsBody(draft))).toEqual(parse(defaultIdentitySettings));
  });

  it("reads blocked values one per line and a limit as a whole number only", () => {
    const draft = draftFromSettings(defaultIdentitySettings);
    draft.configs[1] = { ...draft.configs[1], blockedValues: " a@x.test \n\n b@x.test", limit: "7" };
    draft.configs[2] = { ...draft.configs[2], limit: "2.5" };
    const body = draftToSettingsBody(draft);
    expect(body.identifierConfigs[1]).toMatchObject({ blockedValues: ["a@x.test", "b@x.test"], limit: 7 });
    expect(body.identifierConfigs[2].limit).toBeNaN();
  });

  it("turns the schema's issues into field errors by path: bad limits", () => {
    const draft = draftFromSettings(defaultIdentitySettings);
    draft.configs[3] = { ...draft.configs[3], limit: "" };
    draft.configs[4] = { ...draft.configs[4], limit: "500" };
    const result = identityResolutionSettingsSchema.safeParse(draftToSettingsBody(draft));
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(errors["identifierConfigs.3.limit"]).toBe("Enter a whole number from 1 to 100");
    expect(errors["identifierConfigs.4.limit"]).toMatch(/100/);
  });

  it("turns the schema's cross-field issues into field errors: blocked values and matching rules", () => {
    const draft = draftFromSettings(defaultIdentitySettings);
    draft.configs[3] = { ...draft.configs[3], blockedValues: "+14155550100\nnot a phone" };
    draft.matchingRules = [...draft.matchingRules, "nope"];
    const result = identityResolutionSettingsSchema.safeParse(draftToSettingsBody(draft));
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(errors["identifierConfigs.3.blockedValues.1"]).toBe("is not a phone number");
    expect(errorAt(errors, "identifierConfigs.3.blockedValues")).toBe("is not a phone number");
    expect(errorAt(errors, "identifierConfigs.2.blockedValues")).toBeUndefined();
    expect(errors["matchingRules.5"]).toBe('"nope" has no identifier config');
  });

  it("moves one item, clamped to the list", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, 9)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 1, 1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });
});
