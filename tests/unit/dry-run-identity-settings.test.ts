import { describe, expect, it } from "vitest";
import { compareIdentitySettingsReplays, replayRecords, replayedProfileName, type ReplayRecord } from "@/lib/identity/dry-run-identity-settings-core";
import type { IncomingIdentifier } from "@/lib/identity/resolution-types";
import { buildResolutionSettings as settingsWith, day } from "../helpers/identity-resolution-builders";

const defaults = settingsWith();

let sequence = 0;
/** A recorded resolution; records get increasing times a second apart unless told. */
function record(incoming: [string, string][] | IncomingIdentifier[], options: Partial<ReplayRecord> = {}): ReplayRecord {
  sequence++;
  const identifiers = incoming.map((entry) => (Array.isArray(entry) ? { idType: entry[0], value: entry[1] } : entry));
  return { id: `res_${String(sequence).padStart(4, "0")}`, incoming: identifiers, createIfMissing: true, createdAt: new Date(day(1).getTime() + sequence * 1000), source: "API", sourceRef: null, ...options };
}

describe("replayRecords: one replay from an empty store", () => {
  it("creates, attaches and merges like the resolver, naming profiles after the record that created them", () => {
    const records = [
      record([["email", "Ada@Example.com"]]),
      record([["phone", "(415) 555-0101"]]),
      record([["email", "ada@example.com"], ["phone", "+1 415 555 0101"]]),
      record([["chat", "web-9"]]),
    ];
    const replay = replayRecords(records, defaults);
    expect(replay.records.map((entry) => entry.outcome)).toEqual(["create", "create", "merge", "create"]);
    // Record 2's profile was merged into record 1's (the earliest created survives).
    expect(replay.records.map((entry) => entry.profileId)).toEqual(["P0001", "P0001", "P0001", "P0004"]);
    expect(replay.summary).toEqual({ profileCount: 2, mergeCount: 1, proposedMergeCount: 0, recordsWithIssues: 0 });
  });

  it("in review mode attaches to the highest-priority match and counts the proposal instead of merging", () => {
    const records = [record([["email", "a@x.test"]]), record([["phone", "+14155550101"]]), record([["email", "a@x.test"], ["phone", "+14155550101"]])];
    const replay = replayRecords(records, settingsWith({ mergeMode: "review" }));
    expect(replay.records.map((entry) => entry.outcome)).toEqual(["create", "create", "propose"]);
    expect(replay.records[2].profileId).toBe("P0001");
    expect(replay.summary).toMatchObject({ profileCount: 2, mergeCount: 0, proposedMergeCount: 1 });
  });

  it("a lookup that finds nothing creates nothing", () => {
    const records = [record([["chat", "visitor"]], { createIfMissing: false }), record([["chat", "visitor"]])];
    const replay = replayRecords(records, defaults);
    expect(replay.records[0]).toMatchObject({ outcome: "not_found", profileId: null });
    expect(replay.records[1]).toMatchObject({ outcome: "create", profileId: "P0002" });
    expect(replay.summary.profileCount).toBe(1);
  });

  it("applies fifo eviction: an evicted value no longer matches later records", () => {
    const settings = settingsWith({ configs: { chat: { limit: 1, limitPolicy: "fifo" } } });
    const records = [record([["chat", "one"]]), record([["chat", "one"], ["email", "c@x.test"]]), record([["email", "c@x.test"], ["chat", "two"]]), record([["chat", "one"]])];
    const replay = replayRecords(records, settings);
    // "two" evicted "one" from P0001, so the last record starts a new profile.
    expect(replay.records.map((entry) => entry.profileId)).toEqual(["P0001", "P0001", "P0001", "P0004"]);
  });

  it("records the issues a record met: invalid, blocked, and merges kept apart by a block limit", () => {
    const settings = settingsWith({ configs: { phone: { blockedValues: ["+14155550000"] } } });
    const records = [
      record([["user_id", "u1"], ["email", "one@x.test"]]),
      record([["user_id", "u2"], ["phone", "+14155550123"]]),
      record([["email", "one@x.test"], ["phone", "+14155550123"], ["phone", "+1 415 555 0000"], ["phone", "not a phone"]]),
    ];
    const replay = replayRecords(records, settings);
    expect(replay.records[0].issues).toEqual([]);
    const kinds = replay.records[2].issues.map((issue) => issue.kind);
    expect(kinds).toContain("invalid");
    expect(kinds).toContain("blocked");
    expect(kinds).toContain("merge_blocked");
    expect(replay.records[2].issues.find((issue) => issue.kind === "blocked")).toMatchObject({ idType: "phone", value: "+14155550000" });
    // u1 and u2 cannot be one person: the two profiles stay apart.
    expect(replay.summary).toMatchObject({ profileCount: 2, mergeCount: 0, recordsWithIssues: 1 });
  });

  it("follows a chain of merges to where each record ends", () => {
    const records = [record([["email", "a@x.test"]]), record([["phone", "+14155550101"]]), record([["chat", "c"]]), record([["phone", "+14155550101"], ["chat", "c"]]), record([["email", "a@x.test"], ["phone", "+14155550101"]])];
    const replay = replayRecords(records, defaults);
    expect(replay.records.map((entry) => entry.profileId)).toEqual(["P0001", "P0001", "P0001", "P0001", "P0001"]);
    expect(replay.summary).toMatchObject({ profileCount: 1, mergeCount: 2 });
  });

  it("does not change the records or the settings it is given", () => {
    const records = [record([["email", "A@x.test"]]), record([["email", "a@x.test"], ["phone", "+14155550101"]])];
    const copy = structuredClone(records);
    const settings = settingsWith();
    const settingsCopy = structuredClone(settings);
    replayRecords(records, settings);
    expect(records).toEqual(copy);
    expect(settings).toEqual(settingsCopy);
  });
});

describe("compareIdentitySettingsReplays: what the edited settings would change", () => {
  it("reports nothing when the settings are the same", () => {
    const records = [record([["email", "a@x.test"]]), record([["email", "a@x.test"], ["phone", "+14155550101"]]), record([["chat", "z"]])];
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: settingsWith() });
    expect(report).toMatchObject({ recordCount: 3, changedRecordCount: 0, mergeCount: 0, splitCount: 0, newlyRejectedCount: 0, noLongerRejectedCount: 0 });
    expect(report.before).toEqual(report.after);
  });

  it("removing a matching rule splits the records it joined", () => {
    const records = [record([["email", "a@x.test"], ["chat", "c1"]]), record([["email", "A@X.test"], ["chat", "c2"]]), record([["chat", "c3"]])];
    const edited = settingsWith({ matchingRules: ["user_id", "whatsapp", "phone", "chat"] });
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: edited });
    expect(report.before.profileCount).toBe(2);
    expect(report.after.profileCount).toBe(3);
    expect(report.splitCount).toBe(1);
    expect(report.splitPairCount).toBe(1);
    expect(report.mergeCount).toBe(0);
    const [split] = report.splits;
    expect(split.sharedProfileId).toBe("P0001");
    expect(split.groups.map((group) => group.records.map((entry) => entry.recordId))).toEqual([[records[0].id], [records[1].id]]);
    expect(split.groups.map((group) => group.profileId)).toEqual(["P0001", "P0002"]);
    expect(report.changedRecordCount).toBe(2);
    expect(report.changedRecords.map((entry) => [entry.position, entry.before.sharedWith, entry.after.sharedWith])).toEqual([
      [1, 1, 0],
      [2, 1, 0],
    ]);
    // With email no longer a matching rule, record 2's email is refused as someone else's unique value.
    expect(report.newlyRejected.map((entry) => entry.position)).toEqual([2]);
    expect(report.newlyRejected[0].issues[0]).toMatchObject({ kind: "owned_by_other_profile", idType: "email", value: "a@x.test" });
  });

  it("making email non-unique splits too, and the edited replay attaches the shared value to both", () => {
    const records = [record([["email", "family@x.test"], ["chat", "mum"]]), record([["email", "family@x.test"], ["chat", "dad"]])];
    const edited = settingsWith({ configs: { email: { enforceUnique: false } } });
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: edited });
    expect(report).toMatchObject({ splitCount: 1, mergeCount: 0, changedRecordCount: 2, newlyRejectedCount: 0 });
    expect(report.before.profileCount).toBe(1);
    expect(report.after.profileCount).toBe(2);
  });

  it("adding a matching rule merges groups the current rules keep apart, counting every pair", () => {
    const records = [
      record([["loyalty", "L-1"], ["chat", "a"]]),
      record([["chat", "a"]]),
      record([["loyalty", "L-1"], ["chat", "b"]]),
      record([["chat", "solo"]]),
    ];
    const current = settingsWith({ configs: { loyalty: {} }, matchingRules: ["user_id", "email", "whatsapp", "phone", "chat"] });
    const edited = settingsWith({ configs: { loyalty: {} }, matchingRules: ["loyalty", "user_id", "email", "whatsapp", "phone", "chat"] });
    const report = compareIdentitySettingsReplays({ records, currentSettings: current, editedSettings: edited });
    expect(report.mergeCount).toBe(1);
    // {1, 2} and {3} become one: 2 × 1 pairs.
    expect(report.mergedPairCount).toBe(2);
    expect(report.merges[0].groups.map((group) => group.recordCount)).toEqual([2, 1]);
    expect(report.splitCount).toBe(0);
    expect(report.before.profileCount).toBe(3);
    expect(report.after.profileCount).toBe(2);
    expect(report.after.mergeCount).toBe(0);
    // Record 3 carried a loyalty value someone else owns: refused under the current rules, fine under the edited ones.
    expect(report.noLongerRejected.map((entry) => entry.position)).toEqual([3]);
    expect(report.changedRecords.map((entry) => entry.position)).toEqual([1, 2, 3]);
  });

  it("a lower block limit keeps apart what the current rules merge, and says so", () => {
    const records = [record([["account", "A1"], ["email", "x@x.test"]]), record([["account", "A2"], ["phone", "+14155550101"]]), record([["email", "x@x.test"], ["phone", "+14155550101"]])];
    const current = settingsWith({ configs: { account: { limit: 5, limitPolicy: "block" } } });
    const edited = settingsWith({ configs: { account: { limit: 1, limitPolicy: "block" } } });
    const report = compareIdentitySettingsReplays({ records, currentSettings: current, editedSettings: edited });
    expect(report.before.mergeCount).toBe(1);
    expect(report.after.mergeCount).toBe(0);
    expect(report.splitCount).toBe(1);
    expect(report.newlyRejectedCount).toBe(1);
    expect(report.newlyRejected[0].position).toBe(3);
    expect(report.newlyRejected[0].issues.map((issue) => issue.kind)).toContain("merge_blocked");
  });

  it("a new blocked value and a stricter normalisation are reported as newly rejected", () => {
    const records = [record([["phone", "+1 303 555 0100"], ["chat", "shop-a"]]), record([["phone", "+13035550100"], ["chat", "shop-b"]]), record([["chat", "  spaced  "]])];
    const edited = settingsWith({ configs: { phone: { blockedValues: ["+13035550100"] }, chat: { normalization: "none" } } });
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: edited });
    expect(report.newlyRejected.map((entry) => [entry.position, entry.issues.map((issue) => issue.kind)])).toEqual([
      [1, ["blocked"]],
      [2, ["blocked"]],
    ]);
    // The shop's number joined two customers; blocked, it no longer does.
    expect(report.splitCount).toBe(1);
    expect(report.after.profileCount).toBe(3);
  });

  it("caps the examples but keeps the counts complete", () => {
    const records = Array.from({ length: 30 }, (_, index) => [record([["email", `p${index}@x.test`], ["chat", `a${index}`]]), record([["email", `p${index}@x.test`], ["chat", `b${index}`]])]).flat();
    const edited = settingsWith({ matchingRules: ["user_id", "chat"] });
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: edited, exampleLimit: 10 });
    expect(report.splitCount).toBe(30);
    expect(report.splits).toHaveLength(10);
    expect(report.changedRecordCount).toBe(60);
    expect(report.changedRecords).toHaveLength(10);
    expect(report.newlyRejectedCount).toBe(30);
    expect(report.newlyRejected).toHaveLength(10);
    expect(report.exampleLimit).toBe(10);
  });

  it("a record that found nothing under one rule set and a profile under the other is a changed record", () => {
    const records = [record([["email", "a@x.test"], ["chat", "c"]]), record([["chat", "c"]], { createIfMissing: false })];
    const edited = settingsWith({ matchingRules: ["user_id", "email"] });
    const report = compareIdentitySettingsReplays({ records, currentSettings: defaults, editedSettings: edited });
    expect(report.changedRecords.map((entry) => [entry.position, entry.before.profileId, entry.after.profileId, entry.after.outcome])).toEqual([
      [1, "P0001", "P0001", "create"],
      [2, "P0001", null, "not_found"],
    ]);
  });

  it("names replayed profiles so they sort in creation order", () => {
    expect(replayedProfileName(12)).toBe("P0012");
    expect([replayedProfileName(100), replayedProfileName(9), replayedProfileName(2000)].sort()).toEqual(["P0009", "P0100", "P2000"]);
  });
});
