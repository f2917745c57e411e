import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { mergeProfilesManually } from "@/lib/merges/merge-profiles-manually";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

const hour = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * hour).toISOString();

describe("observations and summaries API", () => {
  let storeId: string;
  let auth: string;
  let otherStoreId: string;
  let otherStoreConversationId: string;
  let conversationId: string;
  let communicationId: string;
  let seq = 0;

  const newProfile = async () => {
    const prisma = await getPrisma();
    seq++;
    return buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Dana", lastName: `Whit${seq}` } }, identifiers: [{ idType: "email", value: `dana${seq}-${Date.now()}@example.com` }] });
  };
  const observationsPath = (profileId: string) => `/v1/Stores/${storeId}/Profiles/${profileId}/Observations`;
  const post = (profileId: string, observations: unknown[]) => callApi("POST", observationsPath(profileId), { auth, json: { observations } });
  const item = (content: string, extra: Record<string, unknown> = {}) => ({ content, source: "customer_service", occurredAt: at(1), ...extra });

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await createTestStore("observations")).id;
    auth = await createTestKey("AGENT", storeId);
    const profile = await newProfile();
    const conversation = await buildConversation(prisma, {
      storeId, channel: "CHAT",
      participants: [{ type: "CUSTOMER", name: "Dana", addresses: [{ channel: "CHAT", address: "dana-chat" }], profileId: profile.id }, { type: "HUMAN_AGENT", name: "Sam" }],
      communications: [{ author: 0, text: "I always want an aisle seat", occurredAt: new Date(Date.now() - 2 * hour) }],
    });
    conversationId = conversation.id;
    communicationId = conversation.communications[0].id;
    otherStoreId = (await createTestStore("observations-other")).id;
    const otherProfile = await buildProfile(prisma, { storeId: otherStoreId, identifiers: [{ idType: "email", value: "x@example.com" }] });
    otherStoreConversationId = (await buildConversation(prisma, { storeId: otherStoreId, channel: "CHAT", participants: [{ type: "CUSTOMER", profileId: otherProfile.id }], communications: [{ author: 0, text: "hi", occurredAt: new Date() }] })).id;
  });

  it("creates observations with provenance, lists them newest first, reads one", async () => {
    const profile = await newProfile();
    const created = await post(profile.id, [
      item("Prefers an aisle seat", { kind: "PREFERENCE", conversationIds: [conversationId], communicationIds: [communicationId], confidence: 0.9 }),
      item("Has a guinea pig named Oscar", { kind: "FACT" }),
    ]);
    expect(created.status).toBe(202);
    expect(created.body.message).toBe("Observations creation accepted");
    expect(created.body.results.map((result: { outcome: string }) => result.outcome)).toEqual(["added", "added"]);
    const [aisle] = created.body.observations;
    expect(aisle).toMatchObject({ content: "Prefers an aisle seat", source: "customer_service", kind: "PREFERENCE", status: "APPROVED", confidence: 0.9, conversationIds: [conversationId], communicationIds: [communicationId], version: 1, profileId: profile.id });
    expect(aisle.id).toMatch(/^mem_observation_[0-7][0-9a-z]{25}$/);

    const list = await callApi("GET", observationsPath(profile.id), { auth });
    expect(list.status).toBe(200);
    expect(list.body.observations.map((observation: { content: string }) => observation.content)).toEqual(["Has a guinea pig named Oscar", "Prefers an aisle seat"]);
    expect(list.body.meta).toMatchObject({ key: "observations", pageSize: 2 });

    const one = await callApi("GET", `${observationsPath(profile.id)}/${aisle.id}`, { auth });
    expect(one.status).toBe(200);
    expect(one.body.content).toBe("Prefers an aisle seat");
  });

  it("filters by source, status, conversationId and creation time, and pages", async () => {
    const profile = await newProfile();
    await post(profile.id, [item("Lives in Lisbon", { source: "crm" })]);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(profile.id, [item("Works as a nurse practitioner", { conversationIds: [conversationId] }), item("Has two daughters", { status: "PENDING" })]);
    const get = async (query: string) => (await callApi("GET", `${observationsPath(profile.id)}?${query}`, { auth })).body.observations.map((observation: { content: string }) => observation.content);
    expect(await get("source=crm")).toEqual(["Lives in Lisbon"]);
    expect(await get(`conversationId=${conversationId}`)).toEqual(["Works as a nurse practitioner"]);
    expect(await get("status=PENDING")).toEqual(["Has two daughters"]);
    expect((await get(`createdBefore=${encodeURIComponent(before)}`))).toEqual(["Lives in Lisbon"]);
    expect((await get(`createdAfter=${encodeURIComponent(before)}&orderBy=ASC`))).toEqual(["Works as a nurse practitioner", "Has two daughters"]);

    const first = await callApi("GET", `${observationsPath(profile.id)}?pageSize=2`, { auth });
    expect(first.body.observations).toHaveLength(2);
    const second = await callApi("GET", `${observationsPath(profile.id)}?pageSize=2&pageToken=${first.body.meta.nextToken}`, { auth });
    expect(second.body.observations.map((observation: { content: string }) => observation.content)).toEqual(["Lives in Lisbon"]);
    expect(second.body.meta.nextToken).toBeUndefined();
    expect((await callApi("GET", `${observationsPath(profile.id)}?pageSize=51`, { auth })).status).toBe(400);
  });

  it("rejects bad input with a clear 400 and stores nothing", async () => {
    const profile = await newProfile();
    const prisma = await getPrisma();
    const cases: [string, unknown][] = [
      ["more than 10", { observations: Array.from({ length: 11 }, (_, index) => item(`Fact number ${index}`)) }],
      ["empty list", { observations: [] }],
      ["empty content", { observations: [item("   ")] }],
      ["content over 4,096 chars", { observations: [item("x".repeat(4097))] }],
      ["bad source", { observations: [item("Likes tea", { source: "no/slashes" })] }],
      ["missing occurredAt", { observations: [{ content: "Likes tea", source: "api" }] }],
      ["unknown field", { observations: [item("Likes tea", { mood: "happy" })] }],
      ["wrong type", { observations: [item("Likes tea", { confidence: "high" })] }],
      ["unknown conversation", { observations: [item("Likes tea", { conversationIds: ["conv_conversation_01jz0000000000000000000000"] })] }],
      ["another store's conversation", { observations: [item("Likes tea", { conversationIds: [otherStoreConversationId] })] }],
      ["unknown communication", { observations: [item("Likes tea", { communicationIds: ["conv_communication_01jz0000000000000000000000"] })] }],
    ];
    for (const [label, json] of cases) {
      const response = await callApi("POST", observationsPath(profile.id), { auth, json });
      expect(response.status, label).toBe(400);
      expect(response.body.code, label).toBe(520046);
    }
    const malformed = await callApi("POST", observationsPath(profile.id), { auth, body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(await prisma.observation.count({ where: { storeId, profileId: profile.id } })).toBe(0);
  });

  it("answers 404 for unknown, other profiles' and other stores' ids, 301 for a merged-away profile, 401 without credentials", async () => {
    const profile = await newProfile();
    const other = await newProfile();
    const [observation] = (await post(profile.id, [item("Prefers email contact")])).body.observations;
    expect((await callApi("GET", `${observationsPath(other.id)}/${observation.id}`, { auth })).status).toBe(404);
    expect((await callApi("GET", `${observationsPath(profile.id)}/mem_observation_01jz0000000000000000000000`, { auth })).status).toBe(404);
    expect((await callApi("GET", `${observationsPath(profile.id)}/not-an-id`, { auth })).status).toBe(404);
    expect((await callApi("GET", `/v1/Stores/${otherStoreId}/Profiles/${profile.id}/Observations`, { auth })).status).toBe(404);
    expect((await callApi("GET", observationsPath("mem_profile_01jz0000000000000000000000"), { auth })).status).toBe(404);
    expect((await callApi("GET", observationsPath(profile.id))).status).toBe(401);

    await mergeProfilesManually({ storeId, survivorProfileId: other.id, sourceProfileId: profile.id, actor: systemActor });
    const moved = await callApi("GET", `${observationsPath(profile.id)}/${observation.id}`, { auth });
    expect(moved.status).toBe(301);
    expect(moved.headers.get("Canonical-Profile-Id")).toBe(other.id);
    const atSurvivor = await callApi("GET", `${observationsPath(other.id)}/${observation.id}`, { auth });
    expect(atSurvivor.body.content).toBe("Prefers email contact");
    expect((await post(profile.id, [item("Likes tea")])).status).toBe(308);
  });

  it("guards what it is given: special-category data is excluded (counted, audited without the text), card numbers redacted", async () => {
    const profile = await newProfile();
    const prisma = await getPrisma();
    const response = await post(profile.id, [
      item("Was diagnosed with type 2 diabetes last year"),
      item("Paid for the Lisbon flight with card 4111 1111 1111 1111"),
      item("Prefers morning deliveries"),
    ]);
    expect(response.status).toBe(202);
    expect(response.body.results[0]).toEqual({ index: 0, outcome: "excluded", categories: ["HEALTH"] });
    expect(response.body.results[1].outcome).toBe("added");
    expect(response.body.results[1].observation.content).not.toMatch(/4111/);
    expect(response.body.results[1].observation.content).toMatch(/Lisbon flight/);
    const stored = await prisma.observation.findMany({ where: { storeId, profileId: profile.id } });
    expect(stored.map((row) => row.content).join(" ")).not.toMatch(/diabetes|4111/);
    const audits = await prisma.auditEvent.findMany({ where: { storeId, action: "observation.excluded", resourceId: profile.id } });
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toMatch(/diabetes|4111/);
    expect(audits.map((audit) => (audit.after as { categories: string[] }).categories).flat().sort()).toEqual(["HEALTH", "PAYMENT_CARD"]);
    const counter = await prisma.storeCounter.findUnique({ where: { storeId_name: { storeId, name: "guard.excluded.HEALTH" } } });
    expect(Number(counter?.value)).toBeGreaterThanOrEqual(1);
  });

  it("reconciles: a duplicate adds nothing; a newer contradiction updates and keeps the old text as a revision", async () => {
    const profile = await newProfile();
    const prisma = await getPrisma();
    const [aisle] = (await post(profile.id, [item("Prefers an aisle seat", { kind: "PREFERENCE", occurredAt: at(48) })])).body.observations;
    const duplicate = await post(profile.id, [item("prefers an aisle seat.", { kind: "PREFERENCE", occurredAt: at(24) })]);
    expect(duplicate.body.results[0].outcome).toBe("duplicate");
    expect(await prisma.observation.count({ where: { storeId, profileId: profile.id } })).toBe(1);

    const window = await post(profile.id, [item("Now prefers a window seat", { kind: "PREFERENCE", occurredAt: at(1) })]);
    expect(window.body.results[0]).toMatchObject({ outcome: "updated", observation: { id: aisle.id, content: "Now prefers a window seat", version: 2 } });
    const revisions = await callApi("GET", `${observationsPath(profile.id)}/${aisle.id}/Revisions`, { auth });
    expect(revisions.status).toBe(200);
    expect(revisions.body.revisions.map((revision: { content: string; reason: string }) => [revision.content, revision.reason])).toEqual([
      ["Now prefers a window seat", "RECONCILED"],
      ["Prefers an aisle seat", "CREATED"],
    ]);
  });

  it("patches content and review status with revisions and the reviewer; refuses sensitive content; deletes", async () => {
    const profile = await newProfile();
    const [observation] = (await post(profile.id, [item("Likes green tea", { status: "PENDING" })])).body.observations;
    const path = `${observationsPath(profile.id)}/${observation.id}`;
    const edited = await callApi("PATCH", path, { auth, json: { content: "Likes jasmine green tea" } });
    expect(edited.status).toBe(202);
    expect(edited.body.observation).toMatchObject({ content: "Likes jasmine green tea", version: 2, status: "PENDING" });
    const reviewed = await callApi("PATCH", path, { auth, json: { status: "REJECTED" } });
    expect(reviewed.body.observation).toMatchObject({ status: "REJECTED", version: 3 });
    expect(reviewed.body.observation.reviewedAt).toBeTruthy();
    expect(reviewed.body.observation.reviewedById).toBeTruthy();
    const refused = await callApi("PATCH", path, { auth, json: { content: "Is a practising Catholic" } });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toMatch(/Catholic/);
    expect((await callApi("PATCH", path, { auth, json: {} })).status).toBe(400);
    const revisions = (await callApi("GET", `${path}/Revisions`, { auth })).body.revisions;
    expect(revisions.map((revision: { reason: string }) => revision.reason)).toEqual(["REVIEWED", "EDITED", "CREATED"]);
    expect(JSON.stringify(revisions)).not.toMatch(/Catholic/);

    const deleted = await callApi("DELETE", path, { auth });
    expect(deleted.status).toBe(202);
    expect((await callApi("GET", path, { auth })).status).toBe(404);
    expect((await callApi("GET", `${path}/Revisions`, { auth })).status).toBe(404);
  });

  it("a rejected observation is not re-added when the same fact arrives again", async () => {
    const profile = await newProfile();
    const [observation] = (await post(profile.id, [item("Has a dog named Max")])).body.observations;
    await callApi("PATCH", `${observationsPath(profile.id)}/${observation.id}`, { auth, json: { status: "REJECTED" } });
    const again = await post(profile.id, [item("Has a dog named Max")]);
    expect(again.body.results[0].outcome).toBe("duplicate");
    const prisma = await getPrisma();
    expect(await prisma.observation.findMany({ where: { storeId, profileId: profile.id }, select: { status: true } })).toEqual([{ status: "REJECTED" }]);
  });

  describe("conversation summaries", () => {
    const summariesPath = (profileId: string) => `/v1/Stores/${storeId}/Profiles/${profileId}/ConversationSummaries`;

    it("creates, lists, reads, patches and deletes summaries", async () => {
      const profile = await newProfile();
      const created = await callApi("POST", summariesPath(profile.id), { auth, json: { summaries: [{ content: "Chat on seat preferences; moved to an aisle seat.", conversationId, occurredAt: at(1) }] } });
      expect(created.status).toBe(202);
      const [summary] = created.body.summaries;
      expect(summary).toMatchObject({ conversationId, source: "api", profileId: profile.id });
      expect(summary.id).toMatch(/^mem_summary_/);
      const list = await callApi("GET", `${summariesPath(profile.id)}?conversationId=${conversationId}`, { auth });
      expect(list.body.summaries.map((row: { id: string }) => row.id)).toEqual([summary.id]);
      const patched = await callApi("PATCH", `${summariesPath(profile.id)}/${summary.id}`, { auth, json: { content: "Updated recap." } });
      expect(patched.status).toBe(202);
      expect((await callApi("GET", `${summariesPath(profile.id)}/${summary.id}`, { auth })).body.content).toBe("Updated recap.");
      expect((await callApi("DELETE", `${summariesPath(profile.id)}/${summary.id}`, { auth })).status).toBe(202);
      expect((await callApi("GET", `${summariesPath(profile.id)}/${summary.id}`, { auth })).status).toBe(404);
    });

    it("refuses bad input: unknown or other store's conversation, missing conversationId, too many, too long", async () => {
      const profile = await newProfile();
      const base = { content: "Recap", occurredAt: at(1) };
      for (const summaries of [
        [{ ...base, conversationId: "conv_conversation_01jz0000000000000000000000" }],
        [{ ...base, conversationId: otherStoreConversationId }],
        [{ content: "Recap", occurredAt: at(1) }],
        Array.from({ length: 11 }, () => ({ ...base, conversationId })),
        [{ ...base, content: "y".repeat(4097), conversationId }],
      ]) {
        expect((await callApi("POST", summariesPath(profile.id), { auth, json: { summaries } })).status).toBe(400);
      }
      const prisma = await getPrisma();
      expect(await prisma.summary.count({ where: { storeId, profileId: profile.id } })).toBe(0);
    });
  });
});
