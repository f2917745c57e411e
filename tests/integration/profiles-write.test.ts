import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { bulkUpsertProfiles } from "@/lib/profiles/bulk-upsert-profiles";
import { updateProfileTraits } from "@/lib/profiles/update-profile-traits";
import { addProfileIdentifier } from "@/lib/profiles/add-profile-identifier";
import { replaceProfileIdentifier } from "@/lib/profiles/replace-profile-identifier";
import { removeProfileIdentifiers } from "@/lib/profiles/remove-profile-identifiers";
import { ProfileMovedError } from "@/lib/errors";
import { createTestStore } from "../helpers/test-actors";

describe("creating and resolving profiles from traits", () => {
  let storeId: string;
  beforeAll(async () => {
    storeId = (await createTestStore("profiles")).id;
  });

  it("creates a profile from promoted traits, then resolves the same person to it and updates traits", async () => {
    const prisma = await getPrisma();
    const first = await createOrResolveProfile({ storeId, traits: { Contact: { firstName: "Ada", lastName: "Lovelace", email: "Ada@Example.com" } }, actor: systemActor });
    expect(first).toMatchObject({ created: true, outcome: "create" });
    const profile = await prisma.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: first.profileId } } });
    expect(profile.displayName).toBe("Ada Lovelace");
    expect(await prisma.identifier.findMany({ where: { storeId, profileId: first.profileId }, select: { idType: true, value: true } })).toEqual([{ idType: "email", value: "ada@example.com" }]);

    const again = await createOrResolveProfile({ storeId, traits: { Contact: { email: "ada@example.com", phone: "415-555-0199", lastName: "King" } }, actor: systemActor });
    expect(again).toMatchObject({ profileId: first.profileId, created: false, outcome: "attach" });
    const traits = await prisma.traitValue.findMany({ where: { storeId, profileId: first.profileId }, orderBy: { traitName: "asc" } });
    expect(traits.map((trait) => `${trait.traitName}=${trait.value}`)).toEqual(["email=ada@example.com", "firstName=Ada", "lastName=King", "phone=415-555-0199"]);
    expect((await prisma.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: first.profileId } } })).displayName).toBe("Ada King");
    expect((await prisma.identifier.findMany({ where: { storeId, profileId: first.profileId } })).map((row) => row.value).sort()).toEqual(["+14155550199", "ada@example.com"]);
  });

  it("refuses traits that break the schema or promote nothing, storing nothing", async () => {
    const prisma = await getPrisma();
    const before = await prisma.profile.count({ where: { storeId } });
    await expect(createOrResolveProfile({ storeId, traits: { Contact: { firstName: "No identifier" } }, actor: systemActor })).rejects.toMatchObject({ status: 400 });
    await expect(createOrResolveProfile({ storeId, traits: { Contact: { email: 42 } }, actor: systemActor })).rejects.toMatchObject({
      status: 400,
      details: [expect.objectContaining({ path: "traits.Contact.email" })],
    });
    await expect(createOrResolveProfile({ storeId, traits: { Contact: { phone: "not a phone" } }, actor: systemActor })).rejects.toMatchObject({
      status: 400,
      details: [expect.objectContaining({ path: "traits.Contact.phone" })],
    });
    await expect(createOrResolveProfile({ storeId, traits: { Nope: { a: "b" } }, actor: systemActor })).rejects.toMatchObject({ status: 400 });
    expect(await prisma.profile.count({ where: { storeId } })).toBe(before);
  });

  it("ends 20 concurrent creates of one person in one profile", async () => {
    const { id } = await createTestStore("profiles-race");
    const prisma = await getPrisma();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => createOrResolveProfile({ storeId: id, traits: { Contact: { email: "same@example.com", firstName: `Name ${index}` } }, actor: systemActor })),
    );
    expect(new Set(results.map((result) => result.profileId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await prisma.profile.count({ where: { storeId: id } })).toBe(1);
  });

  it("bulk-upserts rows in order with a per-row outcome; a bad row fails alone", async () => {
    const { id } = await createTestStore("bulk");
    const results = await bulkUpsertProfiles({
      storeId: id,
      actor: systemActor,
      profiles: [
        { traits: { Contact: { email: "one@example.com" } } },
        { traits: { Contact: { email: "one@example.com", phone: "+442079460958" } } },
        { traits: { Contact: { email: "broken" } } },
        { traits: { Contact: { phone: "+44 20 7946 0958" } } },
      ],
    });
    expect(results.map((result) => result.status)).toEqual(["created", "attached", "invalid", "attached"]);
    const [first, second, broken, fourth] = results;
    expect("profileId" in second && "profileId" in first && second.profileId === first.profileId).toBe(true);
    expect("profileId" in fourth && "profileId" in first && fourth.profileId === first.profileId).toBe(true);
    expect(broken).toMatchObject({ status: "invalid", errors: [expect.objectContaining({ path: "profiles.2.traits.Contact.email" })] });
  });
});

describe("changing a profile's traits and identifiers", () => {
  let storeId: string;
  beforeAll(async () => {
    storeId = (await createTestStore("profile-changes")).id;
  });

  async function identifierValues(profileId: string) {
    const prisma = await getPrisma();
    return (await prisma.identifier.findMany({ where: { storeId, profileId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((row) => `${row.idType}:${row.value}`);
  }

  it("patches traits (null removes) and resolves a newly promoted value, merging with its owner", async () => {
    const prisma = await getPrisma();
    const older = await createOrResolveProfile({ storeId, traits: { Contact: { email: "old@example.com", firstName: "Old" } }, actor: systemActor });
    const newer = await createOrResolveProfile({ storeId, traits: { Contact: { phone: "+14155550111", firstName: "New", address: "1 Main St" } }, actor: systemActor });
    const removed = await updateProfileTraits({ storeId, profileId: newer.profileId, traits: { Contact: { address: null } }, actor: systemActor });
    expect(removed).toMatchObject({ profileId: newer.profileId, outcome: "unchanged" });
    expect(await prisma.traitValue.count({ where: { storeId, profileId: newer.profileId, traitName: "address" } })).toBe(0);

    const merged = await updateProfileTraits({ storeId, profileId: newer.profileId, traits: { Contact: { email: "OLD@example.com" } }, actor: systemActor });
    expect(merged).toMatchObject({ profileId: older.profileId, outcome: "merge" });
    expect(await identifierValues(older.profileId)).toEqual(["email:old@example.com", "phone:+14155550111"]);
    await expect(updateProfileTraits({ storeId, profileId: newer.profileId, traits: { Contact: { firstName: "x" } }, actor: systemActor })).rejects.toBeInstanceOf(ProfileMovedError);
  });

  it("adds an identifier (merging with its owner), refuses one a user_id rule forbids, and replaces and removes values", async () => {
    const a = await createOrResolveProfile({ storeId, traits: { Contact: { email: "a@example.com" } }, actor: systemActor });
    const added = await addProfileIdentifier({ storeId, profileId: a.profileId, idType: "chat", value: " a-chat ", actor: systemActor });
    expect(added).toMatchObject({ profileId: a.profileId, normalizedValue: "a-chat", attached: true, outcome: "attach" });

    const withUser = await createOrResolveProfile({ storeId, traits: { Contact: { email: "b@example.com" } }, actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: withUser.profileId, idType: "user_id", value: "user-b", actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: a.profileId, idType: "user_id", value: "user-a", actor: systemActor });
    const refused = await addProfileIdentifier({ storeId, profileId: a.profileId, idType: "email", value: "b@example.com", actor: systemActor });
    expect(refused.attached).toBe(false);
    expect(refused.conflicts.join(" ")).toContain("user_id");

    await expect(addProfileIdentifier({ storeId, profileId: a.profileId, idType: "phone", value: "nope", actor: systemActor })).rejects.toMatchObject({ status: 400 });
    await expect(addProfileIdentifier({ storeId, profileId: a.profileId, idType: "passport", value: "X1", actor: systemActor })).rejects.toMatchObject({ status: 400 });

    const replaced = await replaceProfileIdentifier({ storeId, profileId: a.profileId, idType: "chat", oldValue: "a-chat", newValue: "a-chat-2", actor: systemActor });
    expect(replaced.attached).toBe(true);
    await expect(replaceProfileIdentifier({ storeId, profileId: a.profileId, idType: "chat", oldValue: "a-chat-2", newValue: "", actor: systemActor })).rejects.toMatchObject({ status: 400 });
    expect(await identifierValues(a.profileId)).toContain("chat:a-chat-2");
    await expect(replaceProfileIdentifier({ storeId, profileId: a.profileId, idType: "chat", oldValue: "missing", newValue: "x", actor: systemActor })).rejects.toMatchObject({ status: 404 });

    await addProfileIdentifier({ storeId, profileId: a.profileId, idType: "chat", value: "a-chat-3", actor: systemActor });
    expect(await removeProfileIdentifiers({ storeId, profileId: a.profileId, idType: "chat", actor: systemActor })).toEqual(["a-chat-2"]); // fifo: oldest
    expect(await removeProfileIdentifiers({ storeId, profileId: a.profileId, idType: "chat", removeAll: true, actor: systemActor })).toEqual(["a-chat-3"]);
    await expect(removeProfileIdentifiers({ storeId, profileId: a.profileId, idType: "chat", actor: systemActor })).rejects.toMatchObject({ status: 404 });
  });
});
