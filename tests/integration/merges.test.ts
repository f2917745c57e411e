import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { updateProfileTraits } from "@/lib/profiles/update-profile-traits";
import { addProfileIdentifier } from "@/lib/profiles/add-profile-identifier";
import { putIdentityResolutionSettings } from "@/lib/identity/put-identity-resolution-settings";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { approveMerge } from "@/lib/merges/approve-merge";
import { rejectMerge } from "@/lib/merges/reject-merge";
import { undoMerge } from "@/lib/merges/undo-merge";
import { listMerges } from "@/lib/merges/list-merges";
import { mergeProfilesManually } from "@/lib/merges/merge-profiles-manually";
import { buildConversation } from "@/prisma/builders";
import { createTestStore } from "../helpers/test-actors";

const page = { pageSize: 50, orderBy: "DESC" as const };

async function snapshotOf(storeId: string, profileId: string) {
  const prisma = await getPrisma();
  const [profile, identifiers, traits, observations, participants] = await Promise.all([
    prisma.profile.findUnique({ where: { storeId_id: { storeId, id: profileId } } }),
    prisma.identifier.findMany({ where: { storeId, profileId }, orderBy: { id: "asc" } }),
    prisma.traitValue.findMany({ where: { storeId, profileId }, orderBy: [{ groupName: "asc" }, { traitName: "asc" }] }),
    prisma.observation.findMany({ where: { storeId, profileId }, orderBy: { id: "asc" }, select: { id: true } }),
    prisma.participant.findMany({ where: { storeId, profileId }, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return {
    exists: profile !== null,
    displayName: profile?.displayName,
    identifiers: identifiers.map((row) => `${row.id}:${row.idType}:${row.value}`),
    traits: traits.map((row) => `${row.groupName}.${row.traitName}=${JSON.stringify(row.value)}`),
    observations: observations.map((row) => row.id),
    participants: participants.map((row) => row.id),
  };
}

describe("merges: review queue, manual merges and undo", () => {
  let storeId: string;
  beforeAll(async () => {
    storeId = (await createTestStore("merges")).id;
    await putIdentityResolutionSettings({ storeId, settings: { ...defaultIdentitySettings, mergeMode: "review" }, actor: systemActor });
  });

  it("files a proposal in review mode, approves it into one profile, and refuses deciding twice", async () => {
    const byEmail = await createOrResolveProfile({ storeId, traits: { Contact: { email: "rev@example.com" } }, actor: systemActor });
    const byPhone = await createOrResolveProfile({ storeId, traits: { Contact: { phone: "+14155550120" } }, actor: systemActor });
    await createOrResolveProfile({ storeId, traits: { Contact: { email: "rev@example.com", phone: "+14155550120" } }, actor: systemActor });
    const pending = await listMerges({ storeId, page, status: "PENDING", profileId: byPhone.profileId });
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ survivorProfileId: byEmail.profileId, sourceProfileId: byPhone.profileId, undoable: false });

    const approved = await approveMerge({ storeId, mergeId: pending.items[0].id, actor: systemActor });
    expect(approved).toMatchObject({ status: "APPLIED", undoable: true });
    expect((await snapshotOf(storeId, byPhone.profileId)).exists).toBe(false);
    expect((await snapshotOf(storeId, byEmail.profileId)).identifiers.map((entry) => entry.split(":").slice(1).join(":"))).toEqual(
      expect.arrayContaining(["email:rev@example.com", "phone:+14155550120"]),
    );
    await expect(approveMerge({ storeId, mergeId: pending.items[0].id, actor: systemActor })).rejects.toMatchObject({ status: 409 });
    await expect(rejectMerge({ storeId, mergeId: pending.items[0].id, actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });

  it("rejects a proposal, leaving both profiles as they were", async () => {
    const one = await createOrResolveProfile({ storeId, traits: { Contact: { email: "rej@example.com" } }, actor: systemActor });
    const two = await createOrResolveProfile({ storeId, traits: { Contact: { phone: "+14155550121" } }, actor: systemActor });
    await createOrResolveProfile({ storeId, traits: { Contact: { email: "rej@example.com", phone: "+14155550121" } }, actor: systemActor });
    const [proposal] = (await listMerges({ storeId, page, status: "PENDING", profileId: two.profileId })).items;
    expect((await rejectMerge({ storeId, mergeId: proposal.id, actor: systemActor })).status).toBe("REJECTED");
    expect((await snapshotOf(storeId, one.profileId)).exists).toBe(true);
    expect((await snapshotOf(storeId, two.profileId)).exists).toBe(true);
    const agent = { ...systemActor, role: "AGENT" as const };
    await expect(approveMerge({ storeId, mergeId: proposal.id, actor: agent })).rejects.toMatchObject({ status: 403 });
    await expect(approveMerge({ storeId, mergeId: "mem_merge_01h455vb4pex5vsknk084sn02q", actor: systemActor })).rejects.toMatchObject({ status: 404 });
  });

  it("merges manually, refusing two user_ids on one profile", async () => {
    const left = await createOrResolveProfile({ storeId, traits: { Contact: { email: "left@example.com" } }, actor: systemActor });
    const right = await createOrResolveProfile({ storeId, traits: { Contact: { email: "right@example.com" } }, actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: left.profileId, idType: "user_id", value: "L", actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: right.profileId, idType: "user_id", value: "R", actor: systemActor });
    await expect(mergeProfilesManually({ storeId, survivorProfileId: left.profileId, sourceProfileId: right.profileId, actor: systemActor })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("user_id"),
    });
    const third = await createOrResolveProfile({ storeId, traits: { Contact: { email: "third@example.com" } }, actor: systemActor });
    const merged = await mergeProfilesManually({ storeId, survivorProfileId: left.profileId, sourceProfileId: third.profileId, actor: systemActor });
    expect(merged).toMatchObject({ status: "APPLIED", proposedBy: "MANUAL", survivorProfileId: left.profileId });
    await expect(mergeProfilesManually({ storeId, survivorProfileId: left.profileId, sourceProfileId: third.profileId, actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });

  it("undoes a merge exactly, including conversations that arrived afterwards through the restored profile's identifiers", async () => {
    const { id } = await createTestStore("undo");
    const prisma = await getPrisma();
    const survivor = await createOrResolveProfile({ storeId: id, traits: { Contact: { email: "keep@example.com", firstName: "Kept", address: "1 Old Road" } }, actor: systemActor });
    const source = await createOrResolveProfile({ storeId: id, traits: { Contact: { phone: "+14155550122", firstName: "Restored", lastName: "Person" } }, actor: systemActor });
    await updateProfileTraits({ storeId: id, profileId: source.profileId, traits: { Contact: { address: "2 New Street" } }, actor: systemActor });
    const earlier = await buildConversation(prisma, {
      storeId: id,
      channel: "SMS",
      participants: [{ type: "CUSTOMER", addresses: [{ channel: "SMS", address: "+14155550122" }], profileId: source.profileId }, { type: "HUMAN_AGENT", name: "Sam" }],
      communications: [{ author: 0, text: "Hi", occurredAt: new Date(Date.now() - 60_000) }],
    });
    await prisma.observation.create({
      data: { storeId: id, id: "mem_observation_01h455vb4pex5vsknk084sn03q", profileId: source.profileId, content: "Likes SMS", source: "API", occurredAt: new Date(), conversationIds: [earlier.id] },
    });
    const before = { survivor: await snapshotOf(id, survivor.profileId), source: await snapshotOf(id, source.profileId) };

    const merged = await mergeProfilesManually({ storeId: id, survivorProfileId: survivor.profileId, sourceProfileId: source.profileId, actor: systemActor });
    const mergedSurvivor = await snapshotOf(id, survivor.profileId);
    expect(mergedSurvivor.traits).toContain('Contact.address="2 New Street"');
    expect(mergedSurvivor.displayName).toBe("Restored Person"); // the newer first and last names won
    // After the merge, a conversation arrives through the source's phone and lands on the survivor.
    const later = await buildConversation(prisma, {
      storeId: id,
      channel: "SMS",
      participants: [{ type: "CUSTOMER", addresses: [{ channel: "SMS", address: "(415) 555-0122" }], profileId: survivor.profileId }],
      communications: [{ author: 0, text: "Me again", occurredAt: new Date() }],
    });

    const undone = await undoMerge({ storeId: id, mergeId: merged.id, actor: systemActor });
    expect(undone).toMatchObject({ status: "UNDONE", undoable: false });
    const after = { survivor: await snapshotOf(id, survivor.profileId), source: await snapshotOf(id, source.profileId) };
    expect(after.survivor).toEqual(before.survivor);
    expect(after.source.identifiers).toEqual(before.source.identifiers);
    expect(after.source.traits).toEqual(before.source.traits);
    expect(after.source.observations).toEqual(before.source.observations);
    expect(after.source.participants).toEqual([...before.source.participants, later.participants[0].id].sort());
    expect(await prisma.profileAlias.count({ where: { storeId: id, aliasId: source.profileId } })).toBe(0);
    await expect(undoMerge({ storeId: id, mergeId: merged.id, actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });

  it("refuses to undo a merge whose survivor was merged again since", async () => {
    const { id } = await createTestStore("undo-chain");
    const a = await createOrResolveProfile({ storeId: id, traits: { Contact: { email: "a@chain.example" } }, actor: systemActor });
    const b = await createOrResolveProfile({ storeId: id, traits: { Contact: { email: "b@chain.example" } }, actor: systemActor });
    const c = await createOrResolveProfile({ storeId: id, traits: { Contact: { email: "c@chain.example" } }, actor: systemActor });
    const first = await mergeProfilesManually({ storeId: id, survivorProfileId: b.profileId, sourceProfileId: c.profileId, actor: systemActor });
    const second = await mergeProfilesManually({ storeId: id, survivorProfileId: a.profileId, sourceProfileId: b.profileId, actor: systemActor });
    await expect(undoMerge({ storeId: id, mergeId: first.id, actor: systemActor })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("undo that merge first") });
    await undoMerge({ storeId: id, mergeId: second.id, actor: systemActor });
    await undoMerge({ storeId: id, mergeId: first.id, actor: systemActor });
    for (const profile of [a, b, c]) expect((await snapshotOf(id, profile.profileId)).identifiers).toHaveLength(1);
  });
});

describe("duplicate suggestions", () => {
  // Names compare case-insensitively (lower() in SQL, by index); accents must match.
  it("proposes (never applies) a merge for the same full name plus a matching address, once per pair", async () => {
    const { id } = await createTestStore("duplicates");
    const prisma = await getPrisma();
    const first = await createOrResolveProfile({ storeId: id, traits: { Contact: { firstName: "Zoe", lastName: "Quinn", email: "zoe@home.example", address: "12 Elm St." } }, actor: systemActor });
    const second = await createOrResolveProfile({ storeId: id, traits: { Contact: { firstName: "zoe", lastName: "QUINN", email: "zq@work.example", address: "12 elm st" } }, actor: systemActor });
    const sameNameOnly = await createOrResolveProfile({ storeId: id, traits: { Contact: { firstName: "Zoe", lastName: "Quinn", email: "other@example.com", address: "99 Oak Ave" } }, actor: systemActor });
    const pending = await prisma.merge.findMany({ where: { storeId: id, status: "PENDING" } });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ survivorProfileId: first.profileId, sourceProfileId: second.profileId, proposedBy: "DUPLICATE_DETECTOR" });
    expect(pending[0].reason).toMatchObject({ matchingTraits: [{ traitGroup: "Contact", name: "address" }] });
    expect(await prisma.profile.count({ where: { storeId: id } })).toBe(3);

    // Touching the profile again proposes nothing new; a rejected pair is not proposed again.
    await updateProfileTraits({ storeId: id, profileId: second.profileId, traits: { Contact: { address: "12 Elm St" } }, actor: systemActor });
    await rejectMerge({ storeId: id, mergeId: pending[0].id, actor: systemActor });
    await updateProfileTraits({ storeId: id, profileId: first.profileId, traits: { Contact: { address: "12 ELM ST" } }, actor: systemActor });
    expect(await prisma.merge.count({ where: { storeId: id } })).toBe(1);
    void sameNameOnly;
  });
});
