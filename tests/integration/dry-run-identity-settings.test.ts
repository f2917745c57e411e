import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getPrisma } from "@/lib/db/client";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { dryRunIdentitySettings } from "@/lib/identity/dry-run-identity-settings";
import { getIdentityResolutionSettings } from "@/lib/identity/get-identity-resolution-settings";
import type { IdentityResolutionSettingsInput } from "@/lib/identity/identity-settings-schemas";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// The dry run's loader against a real database: resolution records written by real traffic
// (profile creates and a conversation through the HTTP API) are replayed under edited settings.

const withEmail = (change: Partial<IdentityResolutionSettingsInput["identifierConfigs"][number]>): IdentityResolutionSettingsInput => ({
  ...defaultIdentitySettings,
  identifierConfigs: defaultIdentitySettings.identifierConfigs.map((config) => (config.idType === "email" ? { ...config, ...change } : config)),
});

async function countWrites(storeId: string) {
  const prisma = await getPrisma();
  const [records, audit, profiles, identifiers, merges] = await Promise.all([
    prisma.resolutionRecord.count({ where: { storeId } }),
    prisma.auditEvent.count({ where: { storeId } }),
    prisma.profile.count({ where: { storeId } }),
    prisma.identifier.count({ where: { storeId } }),
    prisma.merge.count({ where: { storeId } }),
  ]);
  return { records, audit, profiles, identifiers, merges };
}

describe("dryRunIdentitySettings: replaying a store's recorded traffic", () => {
  let storeId: string;
  let otherStoreId: string;
  let key: string;
  const createProfile = (store: string, contact: Record<string, string>) => callApi("POST", `/v1/Stores/${store}/Profiles`, { auth: key, json: { traits: { Contact: contact } } });

  beforeAll(async () => {
    key = await createTestKey("ADMIN");
    storeId = (await createTestStore("dry-run")).id;
    otherStoreId = (await createTestStore("dry-run-other")).id;
    // Two people who share a family email: one profile under the default (unique email) rules.
    const mum = await createProfile(storeId, { firstName: "Mum", email: "family@dry-run.test", phone: "+14155550181" });
    const dad = await createProfile(storeId, { firstName: "Dad", email: "Family@Dry-Run.test", phone: "+14155550182" });
    expect(dad.body.id).toBe(mum.body.id);
    await createProfile(storeId, { firstName: "Solo", email: "solo@dry-run.test" });
    // An UNKNOWN participant is looked up only (recorded as NOT_FOUND).
    const conversation = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, {
      auth: key,
      json: { channel: "EMAIL", participants: [{ type: "UNKNOWN", addresses: [{ channel: "EMAIL", address: "stranger@dry-run.test" }] }] },
    });
    expect(conversation.status).toBe(201);
    // Traffic in another store never enters this store's replay.
    await createProfile(otherStoreId, { email: "family@dry-run.test", phone: "+14155550183" });
  });

  it("reports the split that a non-unique email would cause, without writing anything", async () => {
    const before = await countWrites(storeId);
    const version = (await getIdentityResolutionSettings({ storeId })).version;
    const report = await dryRunIdentitySettings({ storeId, settings: withEmail({ enforceUnique: false }), actor: systemActor });
    expect(report.recordCount).toBe(4);
    expect(report.unreadableRecordCount).toBe(0);
    expect(report.currentVersion).toBe(version);
    expect(report.before.profileCount).toBe(2);
    expect(report.after.profileCount).toBe(3);
    expect(report.splitCount).toBe(1);
    expect(report.splits[0].groups.map((group) => group.records[0].incoming.find((identifier) => identifier.idType === "phone")?.value)).toEqual(["+14155550181", "+14155550182"]);
    expect(report.changedRecordCount).toBe(2);
    expect(report.mergeCount).toBe(0);
    // The lookup stayed a lookup in both replays.
    const lookup = report.changedRecords.find((entry) => entry.source === "CONVERSATION");
    expect(lookup).toBeUndefined();
    expect(await countWrites(storeId)).toEqual(before);
    expect((await getIdentityResolutionSettings({ storeId })).version).toBe(version);
  });

  it("reports a newly blocked value as a rejection", async () => {
    const report = await dryRunIdentitySettings({ storeId, settings: withEmail({ blockedValues: ["family@dry-run.test"] }), actor: systemActor });
    expect(report.newlyRejectedCount).toBe(2);
    expect(report.newlyRejected.flatMap((entry) => entry.issues.map((issue) => `${issue.kind}:${issue.value}`))).toEqual(["blocked:family@dry-run.test", "blocked:family@dry-run.test"]);
    // The blocked email was all that joined the two: they split too.
    expect(report.splitCount).toBe(1);
  });

  it("with the same settings, nothing differs", async () => {
    const report = await dryRunIdentitySettings({ storeId, settings: defaultIdentitySettings, actor: systemActor });
    expect(report).toMatchObject({ changedRecordCount: 0, mergeCount: 0, splitCount: 0, newlyRejectedCount: 0, noLongerRejectedCount: 0 });
  });

  it("replays only the latest N records, oldest first", async () => {
    const report = await dryRunIdentitySettings({ storeId, settings: withEmail({ enforceUnique: false }), recordCount: 2, actor: systemActor });
    expect(report.recordCount).toBe(2);
    // The window holds "Solo" and the lookup: the family records are outside it, so nothing splits.
    expect(report.splitCount).toBe(0);
    expect(report.before.profileCount).toBe(1);
  });

  it("refuses a window outside 1–2,000 records and a caller below ADMIN", async () => {
    await expect(dryRunIdentitySettings({ storeId, settings: defaultIdentitySettings, recordCount: 2001, actor: systemActor })).rejects.toBeInstanceOf(ZodError);
    await expect(dryRunIdentitySettings({ storeId, settings: defaultIdentitySettings, recordCount: 0, actor: systemActor })).rejects.toBeInstanceOf(ZodError);
    const supervisor: Actor = { type: "USER", id: "user_supervisor", label: "supervisor@dry-run.test", role: "SUPERVISOR", storeId: null };
    await expect(dryRunIdentitySettings({ storeId, settings: defaultIdentitySettings, actor: supervisor })).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("answers not found for a store without settings", async () => {
    await expect(dryRunIdentitySettings({ storeId: "mem_store_00000000000000000000000000", settings: defaultIdentitySettings, actor: systemActor })).rejects.toBeInstanceOf(AppError);
  });
});
