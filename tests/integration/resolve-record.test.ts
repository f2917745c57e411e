import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { resolveRecord, withResolutionRetry, type ResolveRecordOptions } from "@/lib/identity/resolve-record";
import { putIdentityResolutionSettings } from "@/lib/identity/put-identity-resolution-settings";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { createTestStore } from "../helpers/test-actors";

type Incoming = ResolveRecordOptions["incoming"];

async function resolve(storeId: string, incoming: Incoming, createIfMissing = true) {
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, (tx) => resolveRecord(tx, { storeId, incoming, source: "API", createIfMissing, actor: systemActor }));
}

async function identifiersOf(storeId: string, profileId: string) {
  const prisma = await getPrisma();
  const rows = await prisma.identifier.findMany({ where: { storeId, profileId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => `${row.idType}:${row.value}`);
}

describe("resolving records into profiles (transactional)", () => {
  let storeId: string;
  beforeAll(async () => {
    storeId = (await createTestStore("resolve")).id;
  });

  it("creates a profile with normalised identifiers, then attaches a record that shares one", async () => {
    const first = await resolve(storeId, [{ idType: "email", value: " Ada@Example.COM " }, { idType: "phone", value: "(415) 555-0101" }]);
    expect(first.created).toBe(true);
    expect(await identifiersOf(storeId, first.profileId!)).toEqual(["email:ada@example.com", "phone:+14155550101"]);
    const second = await resolve(storeId, [{ idType: "phone", value: "+1 415 555 0101" }, { idType: "chat", value: "ada-chat" }]);
    expect(second).toMatchObject({ profileId: first.profileId, created: false });
    expect(second.decision.outcome).toBe("attach");
    expect(await identifiersOf(storeId, first.profileId!)).toEqual(["email:ada@example.com", "phone:+14155550101", "chat:ada-chat"]);
    const prisma = await getPrisma();
    const records = await prisma.resolutionRecord.findMany({ where: { storeId, profileId: first.profileId }, orderBy: { id: "asc" } });
    expect(records.map((record) => record.outcome)).toEqual(["CREATED", "ATTACHED"]);
    expect(JSON.stringify(records[1].reasons)).toContain("matched");
  });

  it("merges two profiles a record links, the earliest surviving with everything; the other id becomes an alias", async () => {
    const prisma = await getPrisma();
    const older = await resolve(storeId, [{ idType: "email", value: "grace@example.com" }]);
    const newer = await resolve(storeId, [{ idType: "phone", value: "+14155550102" }]);
    await prisma.traitValue.create({ data: { storeId, profileId: newer.profileId!, groupName: "Contact", traitName: "firstName", value: "Grace", source: "API" } });
    await prisma.observation.create({ data: { storeId, id: "mem_observation_01h455vb4pex5vsknk084sn02q", profileId: newer.profileId!, content: "Prefers email", source: "API", occurredAt: new Date() } });

    const linking = await resolve(storeId, [{ idType: "email", value: "grace@example.com" }, { idType: "phone", value: "+14155550102" }]);
    expect(linking.decision.outcome).toBe("merge");
    expect(linking.profileId).toBe(older.profileId);
    expect(await identifiersOf(storeId, older.profileId!)).toEqual(["email:grace@example.com", "phone:+14155550102"]);
    expect(await prisma.profile.findUnique({ where: { storeId_id: { storeId, id: newer.profileId! } } })).toBeNull();
    expect(await prisma.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: newer.profileId! } } })).toMatchObject({ profileId: older.profileId });
    expect(await prisma.traitValue.findMany({ where: { storeId, profileId: older.profileId! } })).toHaveLength(1);
    expect(await prisma.observation.count({ where: { storeId, profileId: older.profileId! } })).toBe(1);
    const merge = await prisma.merge.findFirstOrThrow({ where: { storeId, sourceProfileId: newer.profileId! } });
    expect(merge).toMatchObject({ status: "APPLIED", survivorProfileId: older.profileId, proposedBy: "RESOLVER" });
    expect(JSON.stringify(merge.undoData)).toContain("+14155550102");
  });

  it("in review mode attaches to the highest-priority match and files a PENDING merge", async () => {
    const { id } = await createTestStore("review");
    await putIdentityResolutionSettings({ storeId: id, settings: { ...defaultIdentitySettings, mergeMode: "review" }, actor: systemActor });
    const byPhone = await resolve(id, [{ idType: "phone", value: "+14155550103" }]);
    const byEmail = await resolve(id, [{ idType: "email", value: "linus@example.com" }]);
    const both = await resolve(id, [{ idType: "phone", value: "+14155550103" }, { idType: "email", value: "linus@example.com" }]);
    expect(both.decision.outcome).toBe("propose");
    expect(both.profileId).toBe(byEmail.profileId); // email outranks phone
    const prisma = await getPrisma();
    const pending = await prisma.merge.findMany({ where: { storeId: id, status: "PENDING" } });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ survivorProfileId: byPhone.profileId, sourceProfileId: byEmail.profileId });
    expect(await prisma.profile.count({ where: { storeId: id } })).toBe(2);
  });

  it("keeps a profile with another user_id apart and records the conflict", async () => {
    const prisma = await getPrisma();
    const owner = await resolve(storeId, [{ idType: "user_id", value: "u-1" }, { idType: "phone", value: "+14155550104" }]);
    const other = await resolve(storeId, [{ idType: "user_id", value: "u-2" }, { idType: "phone", value: "+14155550104" }]);
    expect(other.created).toBe(true);
    expect(other.profileId).not.toBe(owner.profileId);
    expect(await identifiersOf(storeId, other.profileId!)).toEqual(["user_id:u-2"]);
    expect(other.decision.conflicts.map((conflict) => conflict.kind)).toContain("merge_blocked");
    const record = await prisma.resolutionRecord.findUniqueOrThrow({ where: { storeId_id: { storeId, id: other.resolutionId } } });
    expect(JSON.stringify(record.reasons)).toContain("u-1");
  });

  it("only looks up when told not to create (UNKNOWN participants), and records invalid values", async () => {
    const prisma = await getPrisma();
    const before = await prisma.profile.count({ where: { storeId } });
    const missing = await resolve(storeId, [{ idType: "email", value: "nobody@example.com" }], false);
    expect(missing.profileId).toBeNull();
    expect(await prisma.profile.count({ where: { storeId } })).toBe(before);
    const known = await resolve(storeId, [{ idType: "email", value: "ADA@example.com" }], false);
    expect(known.profileId).not.toBeNull();
    const invalid = await resolve(storeId, [{ idType: "phone", value: "not a number" }, { idType: "email", value: "ada@example.com" }]);
    expect(invalid.decision.invalid).toHaveLength(1);
    const record = await prisma.resolutionRecord.findUniqueOrThrow({ where: { storeId_id: { storeId, id: invalid.resolutionId } } });
    expect(JSON.stringify(record.reasons)).toContain("not a number");
  });

  it("ends 20 concurrent records sharing an email in one profile", async () => {
    const { id } = await createTestStore("race");
    const prisma = await getPrisma();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => resolve(id, [{ idType: "email", value: "shared@example.com" }, { idType: "chat", value: `session-${index}` }])),
    );
    expect(new Set(results.map((result) => result.profileId)).size).toBe(1);
    expect(await prisma.profile.count({ where: { storeId: id } })).toBe(1);
    expect(await prisma.identifier.count({ where: { storeId: id, idType: "email" } })).toBe(1);
    expect(await prisma.identifier.count({ where: { storeId: id, idType: "chat" } })).toBe(20);
  });

  it("ends concurrent chains of shared identifiers (a–b, b–c, c–d …) in one profile", async () => {
    const { id } = await createTestStore("chain");
    const prisma = await getPrisma();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        resolve(id, [
          { idType: "chat", value: `link-${index}` },
          { idType: "chat", value: `link-${index + 1}` },
        ]),
      ),
    );
    const profiles = await prisma.profile.findMany({ where: { storeId: id } });
    expect(profiles).toHaveLength(1);
    expect(await prisma.identifier.count({ where: { storeId: id, profileId: profiles[0].id } })).toBe(21);
    const aliases = await prisma.profileAlias.findMany({ where: { storeId: id } });
    expect(aliases.every((alias) => alias.profileId === profiles[0].id)).toBe(true);
  });
});
