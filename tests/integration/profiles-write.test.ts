import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { bulkUpsertProfiles } from "@/lib/profiles/bulk-upsert-profiles";
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
