import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { updateProfileTraits } from "@/lib/profiles/update-profile-traits";
import { createTestStore } from "../helpers/test-actors";

async function sourcesOf(storeId: string, profileId: string) {
  const prisma = await getPrisma();
  const rows = await prisma.traitValue.findMany({ where: { storeId, profileId }, orderBy: [{ groupName: "asc" }, { traitName: "asc" }] });
  return Object.fromEntries(rows.map((row) => [`${row.groupName}.${row.traitName}`, row.source]));
}

describe("where a trait value says it came from", () => {
  it("is API for a PATCH and CONSOLE for the console's editor, per value written", async () => {
    const { id: storeId } = await createTestStore();
    const created = await createOrResolveProfile({ storeId, traits: { Contact: { firstName: "Grace", email: "grace@example.com" } }, actor: systemActor });
    const profileId = created.profileId!;

    await updateProfileTraits({ storeId, profileId, traits: { Contact: { lastName: "Hopper" } }, actor: systemActor });
    await updateProfileTraits({ storeId, profileId, traits: { Contact: { firstName: "Grace B." } }, actor: systemActor, source: "CONSOLE" });

    expect(await sourcesOf(storeId, profileId)).toEqual({
      "Contact.email": "API",
      "Contact.firstName": "CONSOLE",
      "Contact.lastName": "API",
    });
  });
});
