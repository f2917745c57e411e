import { describe, expect, it } from "vitest";
import { prepareIncomingIdentifiers, resolveIdentity } from "@/lib/identity/resolve-identity";
import type { IncomingIdentifier, MatchedProfile, ResolutionSettings } from "@/lib/identity/resolution-types";
import { buildMatchedProfile as profile, buildResolutionSettings as settingsWith, day } from "../helpers/identity-resolution-builders";

const defaults = settingsWith();

function resolve(incoming: IncomingIdentifier[], matches: MatchedProfile[] = [], settings: ResolutionSettings = defaults) {
  return resolveIdentity({ incoming, settings, matches });
}

const ada = "mem_profile_0ada";
const bob = "mem_profile_0bob";
const cat = "mem_profile_0cat";

describe("resolveIdentity: create and attach", () => {
  it("creates a profile from E's normalised identifiers when nothing matches", () => {
    const decision = resolve([
      { idType: "email", value: " Ada@Example.com " },
      { idType: "phone", value: "(415) 555-0123" },
      { idType: "chat", value: " web-1 " },
    ]);
    expect(decision.outcome).toBe("create");
    expect(decision.profileId).toBeNull();
    expect(decision.merge).toBeNull();
    expect(decision.identifiersToAdd).toEqual([
      { idType: "email", value: "ada@example.com" },
      { idType: "phone", value: "+14155550123" },
      { idType: "chat", value: "web-1" },
    ]);
    expect(decision.identifiersToEvict).toEqual([]);
    expect(decision.conflicts).toEqual([]);
    expect(decision.reasons).toContain("created a new profile: no existing profile could take E");
  });

  it("creates an identifier-less profile when E has no identifiers at all, and says why", () => {
    const decision = resolve([]);
    expect(decision.outcome).toBe("create");
    expect(decision.identifiersToAdd).toEqual([]);
    expect(decision.reasons).toEqual(["created a new profile: E has no usable identifiers, so nothing could match"]);
  });

  it.each([
    ["user_id", "u-42", "u-42"],
    ["email", "ADA@example.com", "ada@example.com"],
    ["whatsapp", "whatsapp:+44 7700 900555", "+447700900555"],
    ["phone", "415.555.0123", "+14155550123"],
    ["chat", "  web-7f3a  ", "web-7f3a"],
  ])("attaches to the one profile matched by %s", (idType, raw, stored) => {
    const existing = profile(ada, day(1), [[idType, stored]]);
    const decision = resolve([{ idType, value: raw }, { idType: "email", value: "second@example.com" }], [existing]);
    expect(decision.outcome).toBe("attach");
    expect(decision.profileId).toBe(ada);
    expect(decision.matches).toEqual([{ idType, value: stored, profileId: ada }]);
    expect(decision.reasons[0]).toBe(`matched ${ada} by ${idType} ${stored}`);
    // The matching value is already there; only the new one is added.
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "second@example.com" }]);
  });

  it("counts a profile matched through several identifiers once", () => {
    const existing = profile(ada, day(1), [["email", "ada@example.com"], ["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "phone", value: "+1 415 555 0123" }, { idType: "email", value: "ada@example.com" }], [existing]);
    expect(decision.outcome).toBe("attach");
    expect(decision.matches).toEqual([
      { idType: "email", value: "ada@example.com", profileId: ada },
      { idType: "phone", value: "+14155550123", profileId: ada },
    ]);
    expect(decision.reasons.filter((reason) => reason.startsWith("matched"))).toEqual([`matched ${ada} by email ada@example.com`]);
    expect(decision.identifiersToAdd).toEqual([]);
    expect(decision.merge).toBeNull();
  });

  it("accepts the same profile listed twice by the caller", () => {
    const existing = profile(ada, day(1), [["email", "ada@example.com"]]);
    const decision = resolve([{ idType: "email", value: "ada@example.com" }, { idType: "phone", value: "4155550123" }], [existing, existing]);
    expect(decision.outcome).toBe("attach");
    expect(decision.identifiersToAdd).toEqual([{ idType: "phone", value: "+14155550123" }]);
  });

  it("ignores loaded profiles that own none of E's matching values", () => {
    const unrelated = profile(bob, day(1), [["email", "bob@example.com"]]);
    const decision = resolve([{ idType: "email", value: "ada@example.com" }], [unrelated]);
    expect(decision.outcome).toBe("create");
    expect(decision.conflicts).toEqual([]);
  });
});

describe("resolveIdentity: merges", () => {
  const older = profile(ada, day(1), [["email", "ada@example.com"], ["chat", "web-ada"]]);
  const newer = profile(bob, day(5), [["phone", "+14155550123"], ["whatsapp", "+447700900555"]]);

  it("merges two profiles matched by email and phone; the earlier-created survives and gains E's new values", () => {
    const decision = resolve(
      [
        { idType: "phone", value: "415-555-0123" },
        { idType: "email", value: "ada@example.com" },
        { idType: "user_id", value: "u-1" },
      ],
      [newer, older],
    );
    expect(decision.outcome).toBe("merge");
    expect(decision.profileId).toBe(ada);
    expect(decision.merge).toEqual({ survivorProfileId: ada, mergedProfileIds: [bob] });
    // Everything the merged profile held arrives with the merge; only genuinely new values are added.
    expect(decision.identifiersToAdd).toEqual([{ idType: "user_id", value: "u-1" }]);
    expect(decision.reasons).toContain(`merged ${bob} into ${ada} (the earliest created)`);
    expect(decision.conflicts).toEqual([]);
  });

  it("lets the earliest-created profile survive even when it matched last", () => {
    const decision = resolve([{ idType: "user_id", value: "u-9" }, { idType: "chat", value: "web-ada" }], [older, profile(bob, day(5), [["user_id", "u-9"]])]);
    expect(decision.matches.map((match) => match.profileId)).toEqual([bob, ada]);
    expect(decision.merge).toEqual({ survivorProfileId: ada, mergedProfileIds: [bob] });
  });

  it("breaks a creation-time tie by profile id", () => {
    const first = profile("mem_profile_0aaa", day(3), [["email", "x@example.com"]]);
    const second = profile("mem_profile_0bbb", day(3), [["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "phone", value: "+14155550123" }, { idType: "email", value: "x@example.com" }], [second, first]);
    expect(decision.merge).toEqual({ survivorProfileId: "mem_profile_0aaa", mergedProfileIds: ["mem_profile_0bbb"] });
  });

  it("merges three profiles into the oldest, listing the others oldest first", () => {
    const decision = resolve(
      [
        { idType: "chat", value: "web-c" },
        { idType: "phone", value: "+14155550123" },
        { idType: "email", value: "a@example.com" },
      ],
      [profile(cat, day(9), [["chat", "web-c"]]), profile(bob, day(2), [["phone", "+14155550123"]]), profile(ada, day(4), [["email", "a@example.com"]])],
    );
    expect(decision.outcome).toBe("merge");
    expect(decision.merge).toEqual({ survivorProfileId: bob, mergedProfileIds: [ada, cat] });
    expect(decision.identifiersToAdd).toEqual([]);
  });

  it("merges profiles without user_ids with one that has one (one value stays within the limit)", () => {
    const decision = resolve(
      [{ idType: "email", value: "ada@example.com" }, { idType: "phone", value: "+14155550123" }],
      [profile(ada, day(1), [["email", "ada@example.com"], ["user_id", "u-1"]]), profile(bob, day(2), [["phone", "+14155550123"]])],
    );
    expect(decision.outcome).toBe("merge");
  });

  it("merges what it can and keeps apart what it must", () => {
    const decision = resolve(
      [
        { idType: "user_id", value: "u-1" },
        { idType: "email", value: "ada@example.com" },
        { idType: "phone", value: "+14155550123" },
      ],
      [
        profile(ada, day(3), [["user_id", "u-1"]]),
        profile(bob, day(1), [["email", "ada@example.com"]]),
        profile(cat, day(2), [["phone", "+14155550123"], ["user_id", "u-2"]]),
      ],
    );
    expect(decision.outcome).toBe("merge");
    expect(decision.merge).toEqual({ survivorProfileId: bob, mergedProfileIds: [ada] });
    expect(decision.skippedProfileIds).toEqual([cat]);
    expect(decision.identifiersToAdd).toEqual([]);
    expect(decision.conflicts.map((conflict) => conflict.kind)).toEqual(["merge_blocked", "owned_by_skipped_profile"]);
  });
});

describe("resolveIdentity: review mode", () => {
  const review = settingsWith({ mergeMode: "review" });
  const byEmail = profile(bob, day(5), [["email", "ada@example.com"]]);
  const byPhone = profile(ada, day(1), [["phone", "+14155550123"]]);

  it("attaches to the highest-priority match and proposes the merge into the earliest created", () => {
    const decision = resolve([{ idType: "phone", value: "+14155550123" }, { idType: "email", value: "ada@example.com" }, { idType: "chat", value: "web-1" }], [byPhone, byEmail], review);
    expect(decision.outcome).toBe("propose");
    // email outranks phone, so the email match is the target even though it is the newer profile.
    expect(decision.profileId).toBe(bob);
    expect(decision.merge).toBeNull();
    expect(decision.proposedMerges).toEqual([{ survivorProfileId: ada, sourceProfileId: bob, matchedBy: [{ idType: "email", value: "ada@example.com" }] }]);
    expect(decision.identifiersToAdd).toEqual([{ idType: "chat", value: "web-1" }]);
  });

  it("leaves a value owned by the other match where it is until the merge is decided", () => {
    const decision = resolve([{ idType: "phone", value: "+14155550123" }, { idType: "email", value: "ada@example.com" }], [byPhone, byEmail], review);
    expect(decision.identifiersToAdd).not.toContainEqual({ idType: "phone", value: "+14155550123" });
    expect(decision.reasons).toContain(`phone +14155550123 stays on ${ada} until the proposed merge is decided`);
    expect(decision.conflicts).toEqual([]);
  });

  it("lets matching-rule priority decide the target", () => {
    const phoneFirst = settingsWith({ mergeMode: "review", matchingRules: ["user_id", "phone", "email", "whatsapp", "chat"] });
    const decision = resolve([{ idType: "email", value: "ada@example.com" }, { idType: "phone", value: "+14155550123" }], [byPhone, byEmail], phoneFirst);
    expect(decision.profileId).toBe(ada);
    expect(decision.proposedMerges).toEqual([{ survivorProfileId: ada, sourceProfileId: bob, matchedBy: [{ idType: "email", value: "ada@example.com" }] }]);
  });

  it("proposes one merge per extra profile", () => {
    const decision = resolve(
      [{ idType: "email", value: "ada@example.com" }, { idType: "phone", value: "+14155550123" }, { idType: "chat", value: "web-c" }],
      [byPhone, byEmail, profile(cat, day(0), [["chat", "web-c"]])],
      review,
    );
    expect(decision.profileId).toBe(bob);
    expect(decision.proposedMerges.map((merge) => [merge.survivorProfileId, merge.sourceProfileId])).toEqual([
      [cat, ada],
      [cat, bob],
    ]);
  });

  it("simply attaches when only one profile matches", () => {
    const decision = resolve([{ idType: "email", value: "ada@example.com" }], [byEmail], review);
    expect(decision.outcome).toBe("attach");
    expect(decision.proposedMerges).toEqual([]);
  });
});

describe("resolveIdentity: block limits (merge protection)", () => {
  it("keeps a profile with another user_id apart, records why, and does not give its phone to the new profile", () => {
    const household = profile(bob, day(1), [["user_id", "B"], ["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "phone", value: "415 555 0123" }, { idType: "email", value: "a@example.com" }], [household]);
    expect(decision.outcome).toBe("create");
    expect(decision.skippedProfileIds).toEqual([bob]);
    expect(decision.identifiersToAdd).toEqual([
      { idType: "user_id", value: "A" },
      { idType: "email", value: "a@example.com" },
    ]);
    expect(decision.conflicts).toEqual([
      {
        kind: "merge_blocked",
        profileId: bob,
        matchedBy: { idType: "phone", value: "+14155550123" },
        limitedIdType: "user_id",
        limit: 1,
        existingValues: ["A"],
        conflictingValues: ["B"],
        message: `E said user_id=A, but ${bob} (matched by phone +14155550123) has user_id=B; user_id allows 1 value per profile (block), so ${bob} was kept apart`,
      },
      {
        kind: "owned_by_skipped_profile",
        profileId: bob,
        identifier: { idType: "phone", value: "+14155550123" },
        message: `did not attach phone +14155550123: it belongs to ${bob}, which was kept apart`,
      },
    ]);
  });

  it("blocks a later match that conflicts only with an earlier target (transitive case)", () => {
    const first = profile(ada, day(2), [["email", "ada@example.com"], ["user_id", "A"]]);
    const second = profile(bob, day(1), [["phone", "+14155550123"], ["user_id", "B"]]);
    const decision = resolve([{ idType: "phone", value: "+14155550123" }, { idType: "email", value: "ada@example.com" }], [first, second]);
    // email outranks phone: Ada is taken first, so Bob (older, but with another user_id) is kept apart.
    expect(decision.outcome).toBe("attach");
    expect(decision.profileId).toBe(ada);
    expect(decision.skippedProfileIds).toEqual([bob]);
    expect(decision.identifiersToAdd).toEqual([]);
    const [blocked] = decision.conflicts;
    expect(blocked.message).toBe(`${ada} has user_id=A, but ${bob} (matched by phone +14155550123) has user_id=B; user_id allows 1 value per profile (block), so ${bob} was kept apart`);
  });

  it("records one conflict for a kept-apart profile matched through two identifiers", () => {
    const other = profile(bob, day(1), [["user_id", "B"], ["email", "b@example.com"], ["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "b@example.com" }, { idType: "phone", value: "+14155550123" }], [other]);
    expect(decision.conflicts.filter((conflict) => conflict.kind === "merge_blocked")).toHaveLength(1);
    expect(decision.matches).toHaveLength(2);
    expect(decision.conflicts.filter((conflict) => conflict.kind === "owned_by_skipped_profile")).toHaveLength(2);
  });

  it("attaches when the user_id agrees", () => {
    const existing = profile(ada, day(1), [["user_id", "A"], ["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "phone", value: "+14155550123" }, { idType: "email", value: "a@example.com" }], [existing]);
    expect(decision.outcome).toBe("attach");
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "a@example.com" }]);
  });

  it("refuses E's own values beyond a block limit before matching", () => {
    const existing = profile(bob, day(1), [["user_id", "B"]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "user_id", value: "B" }], [existing]);
    expect(decision.outcome).toBe("create");
    expect(decision.identifiersToAdd).toEqual([{ idType: "user_id", value: "A" }]);
    expect(decision.conflicts[0]).toMatchObject({ kind: "block_limit_refused", identifier: { idType: "user_id", value: "B" }, limit: 1 });
    expect(decision.conflicts[0].message).toBe("E carries more user_id values than its limit of 1 (block): kept A, refused B");
    // B was refused before matching, so Bob was never matched and there is nothing to keep apart.
    expect(decision.matches).toEqual([]);
  });

  it("allows a merge up to a block limit above one and blocks the value past it", () => {
    const accounts = settingsWith({ configs: { user_id: { limit: 2 } } });
    const two = resolve(
      [{ idType: "email", value: "a@example.com" }, { idType: "phone", value: "+14155550123" }],
      [profile(ada, day(1), [["email", "a@example.com"], ["user_id", "A"]]), profile(bob, day(2), [["phone", "+14155550123"], ["user_id", "B"]])],
      accounts,
    );
    expect(two.outcome).toBe("merge");
    const three = resolve(
      [{ idType: "user_id", value: "C" }, { idType: "email", value: "a@example.com" }, { idType: "phone", value: "+14155550123" }],
      [profile(ada, day(1), [["email", "a@example.com"], ["user_id", "A"]]), profile(bob, day(2), [["phone", "+14155550123"], ["user_id", "B"]])],
      accounts,
    );
    expect(three.outcome).toBe("attach");
    expect(three.profileId).toBe(ada);
    expect(three.conflicts[0]).toMatchObject({ kind: "merge_blocked", profileId: bob, existingValues: ["C", "A"], conflictingValues: ["B"], limit: 2 });
  });

  it("applies a block limit on a custom type too", () => {
    const withAccount = settingsWith({ configs: { account: { limit: 1, limitPolicy: "block" } }, matchingRules: ["account", "email", "phone"] });
    const decision = resolve([{ idType: "account", value: "ACC-1" }, { idType: "email", value: "a@example.com" }], [profile(bob, day(1), [["email", "a@example.com"], ["account", "ACC-2"]])], withAccount);
    expect(decision.outcome).toBe("create");
    expect(decision.conflicts[0]).toMatchObject({ kind: "merge_blocked", limitedIdType: "account" });
  });

  it("still matches a profile that was already over a limit lowered later, but does not let it grow", () => {
    const legacy = profile(ada, day(1), [["user_id", "A"], ["user_id", "B"], ["email", "a@example.com"]]);
    const same = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "a@example.com" }], [legacy]);
    expect(same.outcome).toBe("attach");
    const different = resolve([{ idType: "user_id", value: "C" }, { idType: "email", value: "a@example.com" }], [legacy]);
    expect(different.outcome).toBe("create");
    expect(different.identifiersToAdd).toEqual([{ idType: "user_id", value: "C" }]);
  });
});

describe("resolveIdentity: blocked, invalid and repeated values", () => {
  const shopLine = settingsWith({ configs: { phone: { blockedValues: ["+1 303 555 0100"] }, whatsapp: { blockedValues: ["whatsapp:+13035550100"] }, email: { blockedValues: ["NoReply@Example.com"] } } });

  it("drops blocked values in normalised form, never matches them, never attaches them", () => {
    const shop = profile(bob, day(1), [["phone", "+13035550100"]]);
    const decision = resolve(
      [
        { idType: "phone", value: "(303) 555-0100" },
        { idType: "whatsapp", value: "whatsapp:+1 303 555 0100" },
        { idType: "email", value: "noreply@example.com" },
        { idType: "chat", value: "web-1" },
      ],
      [shop],
      shopLine,
    );
    expect(decision.outcome).toBe("create");
    expect(decision.matches).toEqual([]);
    expect(decision.identifiersToAdd).toEqual([{ idType: "chat", value: "web-1" }]);
    expect(decision.dropped).toEqual([
      { idType: "phone", value: "(303) 555-0100", normalizedValue: "+13035550100", reason: "blocked" },
      { idType: "whatsapp", value: "whatsapp:+1 303 555 0100", normalizedValue: "+13035550100", reason: "blocked" },
      { idType: "email", value: "noreply@example.com", normalizedValue: "noreply@example.com", reason: "blocked" },
    ]);
    expect(decision.reasons[0]).toBe("dropped phone +13035550100: it is a blocked value, never used for matching");
  });

  it("reports invalid values with reasons and resolves with the rest", () => {
    const existing = profile(ada, day(1), [["email", "ada@example.com"]]);
    const decision = resolve(
      [
        { idType: "phone", value: "555-0123" },
        { idType: "email", value: "foo@" },
        { idType: "email", value: "ada@example.com" },
        { idType: "chat", value: "   " },
      ],
      [existing],
    );
    expect(decision.outcome).toBe("attach");
    expect(decision.invalid.map(({ idType, value }) => [idType, value])).toEqual([
      ["phone", "555-0123"],
      ["email", "foo@"],
      ["chat", "   "],
    ]);
    expect(decision.invalid[0].reason).toContain("not a complete phone number");
    expect(decision.invalid[1].reason).toContain("not an email address");
    expect(decision.invalid[2].reason).toBe('chat "   " is empty');
    expect(decision.identifiersToAdd).toEqual([]);
  });

  it("treats an identifier type with no config as invalid (so the API can answer 400)", () => {
    const decision = resolve([{ idType: "loyalty_card", value: "LC-1" }]);
    expect(decision.invalid).toEqual([{ idType: "loyalty_card", value: "LC-1", reason: 'no identifier type "loyalty_card" is configured for this store' }]);
    expect(decision.identifiersToAdd).toEqual([]);
    expect(decision.outcome).toBe("create");
  });

  it("keeps one of each repeated value, however it was written", () => {
    const decision = resolve([
      { idType: "phone", value: "(415) 555-0123" },
      { idType: "phone", value: "+1 415 555 0123" },
      { idType: "email", value: "A@b.com" },
      { idType: "email", value: "a@B.com " },
      { idType: "whatsapp", value: "+14155550123" },
    ]);
    expect(decision.identifiersToAdd).toEqual([
      { idType: "phone", value: "+14155550123" },
      { idType: "email", value: "a@b.com" },
      // The same number under another type is another identifier.
      { idType: "whatsapp", value: "+14155550123" },
    ]);
    expect(decision.dropped.map((dropped) => [dropped.value, dropped.reason])).toEqual([
      ["+1 415 555 0123", "duplicate"],
      ["a@B.com ", "duplicate"],
    ]);
  });

  it("prepareIncomingIdentifiers gives the caller the values to look owners up by", () => {
    const prepared = prepareIncomingIdentifiers(
      [
        { idType: "whatsapp", value: "whatsapp:+44 7700 900555" },
        { idType: "phone", value: "303.555.0100" },
        { idType: "phone", value: "nope" },
      ],
      shopLine,
    );
    expect(prepared.identifiers).toEqual([{ idType: "whatsapp", value: "+447700900555" }]);
    expect(prepared.dropped).toHaveLength(1);
    expect(prepared.invalid).toHaveLength(1);
  });
});

describe("resolveIdentity: limits and eviction", () => {
  const twoEmails = (limitPolicy: "fifo" | "lifo") => settingsWith({ configs: { email: { limit: 2, limitPolicy } } });
  const full = profile(ada, day(1), [
    ["user_id", "A"],
    ["email", "old@example.com", day(2)],
    ["email", "newer@example.com", day(3)],
  ]);

  it("fifo evicts the oldest value to make room", () => {
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "latest@example.com" }], [full], twoEmails("fifo"));
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "latest@example.com" }]);
    expect(decision.identifiersToEvict).toEqual([{ idType: "email", value: "old@example.com", profileId: ada, policy: "fifo" }]);
    expect(decision.reasons).toContain("evicted email old@example.com (fifo: oldest of 2 allowed)");
  });

  it("lifo evicts the newest existing value to make room", () => {
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "latest@example.com" }], [full], twoEmails("lifo"));
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "latest@example.com" }]);
    expect(decision.identifiersToEvict).toEqual([{ idType: "email", value: "newer@example.com", profileId: ada, policy: "lifo" }]);
  });

  it("orders by arrival time, not by the order the caller listed them", () => {
    const shuffled = profile(ada, day(1), [
      ["user_id", "A"],
      ["email", "newer@example.com", day(3)],
      ["email", "old@example.com", day(2)],
    ]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "latest@example.com" }], [shuffled], twoEmails("fifo"));
    expect(decision.identifiersToEvict.map((evicted) => evicted.value)).toEqual(["old@example.com"]);
  });

  it("does not evict below the limit", () => {
    const roomy = profile(ada, day(1), [["user_id", "A"], ["email", "old@example.com"]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "email", value: "latest@example.com" }], [roomy], twoEmails("fifo"));
    expect(decision.identifiersToEvict).toEqual([]);
  });

  it("fifo: E's own values beyond the limit keep the last ones it sent", () => {
    const decision = resolve(
      [
        { idType: "email", value: "one@example.com" },
        { idType: "email", value: "two@example.com" },
        { idType: "email", value: "three@example.com" },
      ],
      [],
      twoEmails("fifo"),
    );
    expect(decision.identifiersToAdd).toEqual([
      { idType: "email", value: "two@example.com" },
      { idType: "email", value: "three@example.com" },
    ]);
    expect(decision.reasons).toContain("did not keep email one@example.com: a later value of E took its place (fifo, limit 2)");
  });

  it("lifo: a full profile's last slot goes to E's last value; the established ones stay", () => {
    const decision = resolve(
      [
        { idType: "user_id", value: "A" },
        { idType: "email", value: "x@example.com" },
        { idType: "email", value: "y@example.com" },
      ],
      [full],
      twoEmails("lifo"),
    );
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "y@example.com" }]);
    expect(decision.identifiersToEvict.map((evicted) => evicted.value)).toEqual(["newer@example.com"]);
  });

  it("trims a merge that brings more values than the limit, evicting from whichever profile holds them", () => {
    const first = profile(ada, day(1), [["email", "a1@example.com", day(1)], ["email", "a2@example.com", day(4)]]);
    const second = profile(bob, day(2), [["email", "b1@example.com", day(2)], ["phone", "+14155550123"]]);
    const decision = resolve([{ idType: "email", value: "a2@example.com" }, { idType: "phone", value: "+14155550123" }], [first, second], twoEmails("fifo"));
    expect(decision.outcome).toBe("merge");
    expect(decision.identifiersToEvict).toEqual([{ idType: "email", value: "a1@example.com", profileId: ada, policy: "fifo" }]);
  });

  it("evicts only on the attach target in review mode", () => {
    const reviewTwo = settingsWith({ mergeMode: "review", configs: { email: { limit: 2, limitPolicy: "fifo" } } });
    const first = profile(ada, day(1), [["user_id", "A"], ["email", "a1@example.com", day(1)], ["email", "a2@example.com", day(2)]]);
    const second = profile(bob, day(2), [["phone", "+14155550123"], ["email", "b1@example.com", day(0)]]);
    const decision = resolve([{ idType: "user_id", value: "A" }, { idType: "phone", value: "+14155550123" }, { idType: "email", value: "new@example.com" }], [first, second], reviewTwo);
    expect(decision.outcome).toBe("propose");
    expect(decision.profileId).toBe(ada);
    expect(decision.identifiersToEvict).toEqual([{ idType: "email", value: "a1@example.com", profileId: ada, policy: "fifo" }]);
  });

  it("a limit of 1 with fifo replaces the value", () => {
    const single = settingsWith({ configs: { chat: { limit: 1 } } });
    const decision = resolve([{ idType: "email", value: "a@example.com" }, { idType: "chat", value: "web-new" }], [profile(ada, day(1), [["email", "a@example.com"], ["chat", "web-old"]])], single);
    expect(decision.identifiersToAdd).toEqual([{ idType: "chat", value: "web-new" }]);
    expect(decision.identifiersToEvict).toEqual([{ idType: "chat", value: "web-old", profileId: ada, policy: "fifo" }]);
  });
});

describe("resolveIdentity: types not used for matching", () => {
  it("attaches a value of a type that is not a matching rule, without matching on it", () => {
    const notMatched = settingsWith({ configs: { crm_id: {} } });
    const existing = profile(ada, day(1), [["email", "a@example.com"]]);
    const decision = resolve([{ idType: "crm_id", value: "CRM-1" }, { idType: "email", value: "a@example.com" }], [existing], notMatched);
    expect(decision.outcome).toBe("attach");
    expect(decision.identifiersToAdd).toEqual([{ idType: "crm_id", value: "CRM-1" }]);
  });

  it("never matches on a non-rule type, and does not steal a unique value another profile holds", () => {
    const notMatched = settingsWith({ configs: { crm_id: {} } });
    const holder = profile(bob, day(1), [["crm_id", "CRM-1"]]);
    const decision = resolve([{ idType: "crm_id", value: "CRM-1" }, { idType: "email", value: "a@example.com" }], [holder], notMatched);
    expect(decision.outcome).toBe("create");
    expect(decision.identifiersToAdd).toEqual([{ idType: "email", value: "a@example.com" }]);
    expect(decision.conflicts).toEqual([
      {
        kind: "owned_by_other_profile",
        profileId: bob,
        identifier: { idType: "crm_id", value: "CRM-1" },
        message: `did not attach crm_id CRM-1: it already belongs to ${bob} and crm_id is not a matching rule, so the two were not matched`,
      },
    ]);
  });

  it("does not match on enforceUnique: false values (a shared landline) but attaches them to each person", () => {
    const shared = settingsWith({ configs: { landline: { normalization: "phone", enforceUnique: false } }, matchingRules: ["user_id", "email", "landline", "phone", "chat"] });
    const partner = profile(bob, day(1), [["landline", "+14155550123"], ["email", "bob@example.com"]]);
    const decision = resolve([{ idType: "landline", value: "415-555-0123" }, { idType: "email", value: "ada@example.com" }], [partner], shared);
    expect(decision.outcome).toBe("create");
    expect(decision.matches).toEqual([]);
    expect(decision.identifiersToAdd).toEqual([
      { idType: "landline", value: "+14155550123" },
      { idType: "email", value: "ada@example.com" },
    ]);
    expect(decision.reasons).toContain("landline values may belong to several profiles (enforceUnique: false), so they are attached but never used to match");
  });
});

describe("resolveIdentity: determinism and explanations", () => {
  it("gives the same decision whatever order the caller loads profiles in", () => {
    const incoming = [
      { idType: "chat", value: "web-c" },
      { idType: "email", value: "a@example.com" },
      { idType: "phone", value: "+14155550123" },
    ];
    const profiles = [
      profile(ada, day(3), [["email", "a@example.com"], ["user_id", "A"]]),
      profile(bob, day(1), [["phone", "+14155550123"], ["user_id", "B"]]),
      profile(cat, day(2), [["chat", "web-c"]]),
    ];
    const forwards = resolve(incoming, profiles);
    const backwards = resolve(incoming, [...profiles].reverse());
    expect(backwards).toEqual(forwards);
    expect(forwards.merge).toEqual({ survivorProfileId: cat, mergedProfileIds: [ada] });
    expect(forwards.skippedProfileIds).toEqual([bob]);
  });

  it("explains a merge step by step", () => {
    const decision = resolve(
      [{ idType: "email", value: "ada@example.com" }, { idType: "phone", value: "+14155550123" }, { idType: "chat", value: "web-1" }],
      [profile(ada, day(1), [["email", "ada@example.com"]]), profile(bob, day(2), [["phone", "+14155550123"]])],
    );
    expect(decision.reasons).toEqual([
      `matched ${ada} by email ada@example.com`,
      `matched ${bob} by phone +14155550123`,
      `merged ${bob} into ${ada} (the earliest created)`,
      "added chat web-1",
    ]);
  });

  it("does not change its inputs", () => {
    const incoming = [{ idType: "email", value: "A@example.com" }];
    const existing = profile(ada, day(1), [["email", "a@example.com"]]);
    const snapshot = structuredClone({ incoming, existing, defaults });
    resolve(incoming, [existing]);
    expect({ incoming, existing, defaults }).toEqual(snapshot);
  });
});
