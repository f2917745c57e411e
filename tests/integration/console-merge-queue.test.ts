import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { countMergesByStatus } from "@/lib/console/count-merges-by-status";
import { getMergeComparison } from "@/lib/console/get-merge-comparison";
import { getMergeUndoPreview } from "@/lib/console/get-merge-undo-preview";
import { listMergeQueue } from "@/lib/console/list-merge-queue";
import { approveMerge } from "@/lib/merges/approve-merge";
import { listMerges } from "@/lib/merges/list-merges";
import { mergeProfilesManually } from "@/lib/merges/merge-profiles-manually";
import { rejectMerge } from "@/lib/merges/reject-merge";
import { undoMerge } from "@/lib/merges/undo-merge";
import { addProfileIdentifier } from "@/lib/profiles/add-profile-identifier";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { eraseProfile } from "@/lib/profiles/erase-profile";
import { buildConversation, buildStore } from "@/prisma/builders";

const reviewMode = { ...defaultIdentitySettings, mergeMode: "review" as const };
const supervisor: Actor = { type: "USER", id: "user-supervisor", label: "supervisor@example.com", role: "SUPERVISOR", storeId: null };
const hour = 3_600_000;

/** Two customers, then one record carrying both their identifiers: in review mode, a PENDING merge. */
async function proposeMerge(storeId: string, email: string, phone: string, traits: { survivor?: Record<string, string>; source?: Record<string, string> } = {}) {
  const survivor = await createOrResolveProfile({ storeId, traits: { Contact: { email, ...traits.survivor } }, actor: systemActor });
  const source = await createOrResolveProfile({ storeId, traits: { Contact: { phone, ...traits.source } }, actor: systemActor });
  await createOrResolveProfile({ storeId, traits: { Contact: { email, phone } }, actor: systemActor, source: "API", sourceRef: "crm-import-7" });
  const [merge] = (await listMerges({ storeId, status: "PENDING", profileId: source.profileId, page: { pageSize: 10, orderBy: "ASC" } })).items;
  expect(merge).toMatchObject({ survivorProfileId: survivor.profileId, sourceProfileId: source.profileId, status: "PENDING" });
  return { mergeId: merge.id, survivorId: survivor.profileId, sourceId: source.profileId };
}

async function addConversation(storeId: string, profileId: string, address: string, at: Date) {
  const prisma = await getPrisma();
  await buildConversation(prisma, {
    storeId,
    channel: "SMS",
    participants: [{ type: "CUSTOMER", name: "Customer", addresses: [{ channel: "SMS", address }], profileId }],
    communications: [{ author: 0, text: "Hello", occurredAt: at }],
  });
}

describe("the merge queue's comparison of two profiles", () => {
  let storeId: string;
  let otherStoreId: string;
  let proposal: Awaited<ReturnType<typeof proposeMerge>>;
  const lastSourceContact = new Date(Date.now() - 2 * hour);

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    otherStoreId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    proposal = await proposeMerge(storeId, "ada@example.com", "+1 415 555 0100", {
      survivor: { firstName: "Ada", lastName: "Byron", address: "1 Main St" },
      source: { firstName: "Ada", lastName: "King", address: "2 Side St" },
    });
    await addProfileIdentifier({ storeId, profileId: proposal.survivorId, idType: "chat", value: "ada-chat-1", actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: proposal.sourceId, idType: "chat", value: "ada-chat-2", actor: systemActor });
    await addConversation(storeId, proposal.survivorId, "+14155550999", new Date(Date.now() - 30 * hour));
    await addConversation(storeId, proposal.sourceId, "+14155550100", new Date(Date.now() - 5 * hour));
    await addConversation(storeId, proposal.sourceId, "+14155550100", lastSourceContact);
    const now = new Date();
    await prisma.observation.createMany({
      data: [
        { storeId, id: newId("observation"), profileId: proposal.sourceId, content: "Prefers aisle seats", source: "EXTRACTION", status: "PENDING", occurredAt: now },
        { storeId, id: newId("observation"), profileId: proposal.sourceId, content: "Owns a tent", source: "EXTRACTION", status: "APPROVED", occurredAt: now },
        { storeId, id: newId("observation"), profileId: proposal.sourceId, content: "Owns a canoe", source: "EXTRACTION", status: "APPROVED", occurredAt: now },
        { storeId, id: newId("observation"), profileId: proposal.survivorId, content: "Hates mornings", source: "EXTRACTION", status: "REJECTED", occurredAt: now },
      ],
    });
  });

  it("sets both profiles side by side: identifiers per type, traits per group, observations, conversations and the evidence", async () => {
    const comparison = await getMergeComparison({ storeId, mergeId: proposal.mergeId, actor: systemActor });
    expect(comparison.merge).toMatchObject({ id: proposal.mergeId, status: "PENDING", proposedBy: "RESOLVER" });
    expect(comparison.warnings).toEqual([]);
    expect(comparison.isBlocked).toBe(false);

    // The evidence: what the incoming record matched the folded-in profile by, and where it came from.
    expect(comparison.evidence.matchedIdentifiers).toEqual([{ idType: "phone", value: "+14155550100" }]);
    expect(comparison.evidence.source).toBe("API");
    expect(comparison.evidence.sourceRef).toBe("crm-import-7");
    expect(comparison.evidence.summary).toBe("One incoming record from the API (ref crm-import-7) matched both profiles, by phone +14155550100.");

    // Identifiers in matching-rule priority (email > phone > chat), compared per type.
    expect(comparison.identifiers.map((row) => [row.idType, row.comparison, row.survivorValues, row.sourceValues])).toEqual([
      ["email", "survivor_only", ["ada@example.com"], []],
      ["phone", "source_only", [], ["+14155550100"]],
      ["chat", "different", ["ada-chat-1"], ["ada-chat-2"]],
    ]);
    expect(comparison.identifiers.every((row) => !row.exceedsBlockLimit)).toBe(true);

    // Traits: the same, different (and which value the merge keeps: the newer), one side only.
    const contact = comparison.traitGroups.find((group) => group.name === "Contact");
    const trait = (name: string) => contact?.traits.find((candidate) => candidate.name === name);
    expect(trait("firstName")).toMatchObject({ comparison: "same", survivorValue: "Ada", sourceValue: "Ada" });
    expect(trait("lastName")).toMatchObject({ comparison: "different", survivorValue: "Byron", sourceValue: "King", keeps: "source" });
    expect(trait("address")).toMatchObject({ comparison: "different", survivorValue: "1 Main St", sourceValue: "2 Side St" });
    expect(trait("email")).toMatchObject({ comparison: "survivor_only", survivorValue: "ada@example.com", sourceValue: null, keeps: "survivor" });
    // The record that matched both wrote its phone onto the survivor too (as sent; identifiers are normalised).
    expect(trait("phone")).toMatchObject({ comparison: "same", survivorValue: "+1 415 555 0100", sourceValue: "+1 415 555 0100" });
    // Declared order: firstName, lastName, email, phone, …, address.
    expect(contact?.traits.map((candidate) => candidate.name)).toEqual(["firstName", "lastName", "email", "phone", "address"]);

    expect(comparison.survivor).toMatchObject({ state: "present", profileId: proposal.survivorId, displayName: "Ada Byron", conversationCount: 1, observationCounts: { PENDING: 0, APPROVED: 0, REJECTED: 1 } });
    expect(comparison.source).toMatchObject({ state: "present", profileId: proposal.sourceId, displayName: "Ada King", conversationCount: 2, observationCounts: { PENDING: 1, APPROVED: 2, REJECTED: 0 } });
    expect(comparison.source.state !== "missing" && comparison.source.lastConversationAt?.getTime()).toBe(lastSourceContact.getTime());
  });

  it("answers not found for another store's merge and an unknown or malformed id, and refuses anyone below ADMIN", async () => {
    await expect(getMergeComparison({ storeId: otherStoreId, mergeId: proposal.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 404 });
    await expect(getMergeComparison({ storeId, mergeId: "mem_merge_01h455vb4pex5vsknk084sn02q", actor: systemActor })).rejects.toMatchObject({ status: 404 });
    await expect(getMergeComparison({ storeId, mergeId: "not-a-merge-id", actor: systemActor })).rejects.toMatchObject({ status: 404 });
    await expect(getMergeComparison({ storeId, mergeId: proposal.mergeId, actor: supervisor })).rejects.toMatchObject({ status: 403 });
    // What the console's server actions call refuses a SUPERVISOR too, and changes nothing.
    await expect(approveMerge({ storeId, mergeId: proposal.mergeId, actor: supervisor })).rejects.toMatchObject({ status: 403 });
    await expect(rejectMerge({ storeId, mergeId: proposal.mergeId, actor: supervisor })).rejects.toMatchObject({ status: 403 });
    await expect(undoMerge({ storeId, mergeId: proposal.mergeId, actor: supervisor })).rejects.toMatchObject({ status: 403 });
    await expect(approveMerge({ storeId: otherStoreId, mergeId: proposal.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 404 });
    expect((await getMergeComparison({ storeId, mergeId: proposal.mergeId, actor: systemActor })).merge.status).toBe("PENDING");
  });

  it("says when a proposal went stale: a profile merged elsewhere since, the two already one, a profile erased", async () => {
    const stale = await proposeMerge(storeId, "grace@example.com", "+1 415 555 0111");
    const elsewhere = await createOrResolveProfile({ storeId, traits: { Contact: { email: "grace.h@example.com" } }, actor: systemActor });
    // The folded-in profile is merged by hand into a third one: the proposal now stands for that one.
    const manual = await mergeProfilesManually({ storeId, survivorProfileId: elsewhere.profileId, sourceProfileId: stale.sourceId, actor: systemActor });
    const moved = await getMergeComparison({ storeId, mergeId: stale.mergeId, actor: systemActor });
    expect(moved.source).toMatchObject({ state: "moved", requestedId: stale.sourceId, profileId: elsewhere.profileId, movedByMergeId: manual.id });
    expect(moved.isBlocked).toBe(false);
    expect(moved.warnings.join(" ")).toContain(`was merged into ${elsewhere.profileId} since (merge ${manual.id})`);
    expect(moved.identifiers.find((row) => row.idType === "phone")?.sourceValues).toEqual(["+14155550111"]);

    // Then that one into the survivor: both ids are one profile, nothing is left to approve.
    await mergeProfilesManually({ storeId, survivorProfileId: stale.survivorId, sourceProfileId: elsewhere.profileId, actor: systemActor });
    const merged = await getMergeComparison({ storeId, mergeId: stale.mergeId, actor: systemActor });
    expect(merged.isBlocked).toBe(true);
    expect(merged.warnings.join(" ")).toContain(`Both ids stand for one profile now (${stale.survivorId})`);
    expect(merged.identifiers.every((row) => row.sourceValues.length === 0)).toBe(true);
    await expect(approveMerge({ storeId, mergeId: stale.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 409 });

    // Erasing a profile erases the merges it took part in: the proposal is gone, not shown half.
    const erased = await proposeMerge(storeId, "lin@example.com", "+1 415 555 0122");
    await eraseProfile({ storeId, profileId: erased.sourceId, actor: systemActor });
    await expect(getMergeComparison({ storeId, mergeId: erased.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 404 });
  });

  it("flags a duplicate proposal that a block limit would refuse, with the traits that matched", async () => {
    const one = await createOrResolveProfile({ storeId, traits: { Contact: { firstName: "Hedy", lastName: "Lamarr", address: "7 Film Way", email: "hedy1@example.com" } }, actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: one.profileId, idType: "user_id", value: "crm-1", actor: systemActor });
    const two = await createOrResolveProfile({ storeId, traits: { Contact: { firstName: "Hedy", lastName: "Lamarr", address: "7 film way", email: "hedy2@example.com" } }, actor: systemActor });
    await addProfileIdentifier({ storeId, profileId: two.profileId, idType: "user_id", value: "crm-2", actor: systemActor });
    const [duplicate] = (await listMerges({ storeId, status: "PENDING", profileId: two.profileId, page: { pageSize: 10, orderBy: "ASC" } })).items;
    expect(duplicate.proposedBy).toBe("DUPLICATE_DETECTOR");

    const comparison = await getMergeComparison({ storeId, mergeId: duplicate.id, actor: systemActor });
    expect(comparison.evidence.sharedName).toBe("Hedy Lamarr");
    expect(comparison.evidence.matchingTraits).toEqual([expect.objectContaining({ traitGroup: "Contact", name: "address" })]);
    expect(comparison.evidence.summary).toContain("Hedy Lamarr");
    const address = comparison.traitGroups.find((group) => group.name === "Contact")?.traits.find((trait) => trait.name === "address");
    expect(address).toMatchObject({ comparison: "equivalent", survivorValue: "7 Film Way", sourceValue: "7 film way" });
    expect(comparison.identifiers.find((row) => row.idType === "user_id")).toMatchObject({ comparison: "different", exceedsBlockLimit: true, limit: 1, limitPolicy: "block" });
    expect(comparison.isBlocked).toBe(true);
    expect(comparison.warnings.join(" ")).toContain("user_id is limited to 1 (block)");
    // The comparison's verdict is the one approving reaches.
    await expect(approveMerge({ storeId, mergeId: duplicate.id, actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });
});

describe("the merge queue's lists and counts", () => {
  it("lists pending merges oldest first and the history newest first, with both profiles' names, through approve and undo", async () => {
    const prisma = await getPrisma();
    const storeId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    const first = await proposeMerge(storeId, "one@example.com", "+1 415 555 0201", { survivor: { lastName: "Ulm" }, source: { firstName: "Uno" } });
    const second = await proposeMerge(storeId, "two@example.com", "+1 415 555 0202", { survivor: { firstName: "Dos" }, source: { firstName: "Duo" } });
    expect(await countMergesByStatus({ storeId })).toEqual({ PENDING: 2, APPLIED: 0, REJECTED: 0, UNDONE: 0 });

    const pending = await listMergeQueue({ storeId, tab: "pending" });
    expect(pending.items.map((merge) => merge.id)).toEqual([first.mergeId, second.mergeId]);
    expect(pending.items[0]).toMatchObject({ survivorName: "Ulm", sourceName: "Uno", status: "PENDING" });
    expect(pending.items[0].evidenceSummary).toContain("+14155550201");

    await approveMerge({ storeId, mergeId: first.mergeId, actor: systemActor });
    await rejectMerge({ storeId, mergeId: second.mergeId, actor: systemActor });
    expect(await countMergesByStatus({ storeId })).toEqual({ PENDING: 0, APPLIED: 1, REJECTED: 1, UNDONE: 0 });
    expect((await listMergeQueue({ storeId, tab: "pending" })).items).toEqual([]);
    // The folded-in profile is gone; its name comes from the merge's undo snapshot (the survivor took its first name).
    const [applied] = (await listMergeQueue({ storeId, tab: "applied" })).items;
    expect(applied).toMatchObject({ id: first.mergeId, survivorName: "Uno Ulm", sourceName: "Uno", undoable: true });
    expect((await listMergeQueue({ storeId, tab: "rejected" })).items.map((merge) => merge.id)).toEqual([second.mergeId]);

    await undoMerge({ storeId, mergeId: first.mergeId, actor: systemActor });
    expect(await countMergesByStatus({ storeId })).toEqual({ PENDING: 0, APPLIED: 0, REJECTED: 1, UNDONE: 1 });
    expect((await listMergeQueue({ storeId, tab: "undone" })).items).toEqual([expect.objectContaining({ id: first.mergeId, sourceName: "Uno", undoable: false })]);
    expect(await prisma.profile.count({ where: { storeId, id: { in: [first.survivorId, first.sourceId] } } })).toBe(2);
  });

  it("pages the pending list, and refuses a token it did not issue", async () => {
    const prisma = await getPrisma();
    const storeId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    const ids: string[] = [];
    for (let index = 0; index < 22; index += 1) ids.push((await proposeMerge(storeId, `p${index}@example.com`, `+1 415 555 ${String(1000 + index)}`)).mergeId);
    const firstPage = await listMergeQueue({ storeId, tab: "pending" });
    expect(firstPage.items.map((merge) => merge.id)).toEqual(ids.slice(0, 20));
    expect(firstPage.previousToken).toBeNull();
    const secondPage = await listMergeQueue({ storeId, tab: "pending", pageToken: firstPage.nextToken! });
    expect(secondPage.items.map((merge) => merge.id)).toEqual(ids.slice(20));
    expect(secondPage.nextToken).toBeNull();
    await expect(listMergeQueue({ storeId, tab: "pending", pageToken: "garbage" })).rejects.toMatchObject({ status: 400 });
  });

  it("previews what undo restores from the merge's snapshot, and says when undo would be refused", async () => {
    const prisma = await getPrisma();
    const storeId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    const proposal = await proposeMerge(storeId, "mo@example.com", "+1 415 555 0301", { source: { firstName: "Mo", lastName: "Farah" } });
    await addConversation(storeId, proposal.sourceId, "+14155550301", new Date(Date.now() - hour));
    await prisma.observation.create({ data: { storeId, id: newId("observation"), profileId: proposal.sourceId, content: "Runs daily", source: "EXTRACTION", status: "APPROVED", occurredAt: new Date() } });
    await expect(getMergeUndoPreview({ storeId, mergeId: proposal.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 409 });

    await approveMerge({ storeId, mergeId: proposal.mergeId, actor: systemActor });
    const preview = await getMergeUndoPreview({ storeId, mergeId: proposal.mergeId, actor: systemActor });
    expect(preview).toMatchObject({
      sourceProfileId: proposal.sourceId,
      survivorProfileId: proposal.survivorId,
      sourceName: "Mo Farah",
      identifiers: [{ idType: "phone", value: "+14155550301" }],
      traitCount: 3,
      observationCount: 1,
      summaryCount: 0,
      conversationCount: 1,
      blockedReason: null,
    });
    await expect(getMergeUndoPreview({ storeId, mergeId: proposal.mergeId, actor: supervisor })).rejects.toMatchObject({ status: 403 });
    const otherStoreId = (await buildStore(prisma)).id;
    await expect(getMergeUndoPreview({ storeId: otherStoreId, mergeId: proposal.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 404 });

    // The survivor folded into another profile since: undo is refused until that merge is undone, and the preview says so.
    const later = await createOrResolveProfile({ storeId, traits: { Contact: { email: "mo.later@example.com" } }, actor: systemActor });
    const laterMerge = await mergeProfilesManually({ storeId, survivorProfileId: later.profileId, sourceProfileId: proposal.survivorId, actor: systemActor });
    const blocked = await getMergeUndoPreview({ storeId, mergeId: proposal.mergeId, actor: systemActor });
    expect(blocked.blockedReason).toBe(`${proposal.survivorId} was merged into ${later.profileId} since (merge ${laterMerge.id}): undo that merge first.`);
    await expect(undoMerge({ storeId, mergeId: proposal.mergeId, actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });
});
