import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/create-user";
import { findActiveUserActor } from "@/lib/users/find-active-user";
import { createObservations } from "@/lib/observations/create-observations";
import { updateObservation } from "@/lib/observations/update-observation";
import { listPendingObservations } from "@/lib/observations/list-pending-observations";
import { countObservationsByStatus } from "@/lib/observations/count-observations-by-status";
import { reviewObservations } from "@/lib/observations/review-observations";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { createTestStore, uniqueStoreName } from "../helpers/test-actors";

const minute = 60_000;

describe("review queue (list pending across profiles, counts, review in bulk)", () => {
  let storeId: string;
  let reviewer: Actor;
  let agent: Actor;
  let dana: string;
  let lee: string;
  let communicationIds: string[];
  let conversationId: string;

  async function pending(profileId: string, content: string, extra: { confidence?: number; communicationIds?: string[] } = {}, inStoreId = storeId) {
    const [result] = await createObservations({
      storeId: inStoreId, profileId, actor: systemActor,
      observations: [{ content, source: "extraction", occurredAt: new Date().toISOString(), status: "PENDING", kind: "FACT", ...(extra.communicationIds ? { conversationIds: [conversationId] } : {}), ...extra }],
    });
    if (result.outcome === "excluded") throw new Error("excluded");
    // Distinct creation times, so "oldest first" has one right answer.
    await new Promise((resolve) => setTimeout(resolve, 3));
    return result.observation;
  }

  async function actorWithRole(role: "SUPERVISOR" | "AGENT"): Promise<Actor> {
    const user = await createUser({ email: `${uniqueStoreName(role.toLowerCase())}@example.com`, role, password: "review-password-1", actor: systemActor });
    return (await findActiveUserActor(user.id))!;
  }

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await createTestStore("review-queue")).id;
    reviewer = await actorWithRole("SUPERVISOR");
    agent = await actorWithRole("AGENT");
    dana = (await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Dana", lastName: "Whitfield" } }, identifiers: [{ idType: "email", value: "dana@review.example" }] })).id;
    lee = (await buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: "lee@review.example" }] })).id;
    const start = Date.now() - 30 * minute;
    const conversation = await buildConversation(prisma, {
      storeId, channel: "CHAT",
      participants: [{ type: "CUSTOMER", name: "Dana", addresses: [{ channel: "CHAT", address: "dana-chat" }], profileId: dana }, { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "sam-chat" }] }],
      communications: [
        { author: 1, text: "Would you like a refund or a replacement?", occurredAt: new Date(start) },
        { author: 0, text: "A replacement please", occurredAt: new Date(start + minute) },
        { author: 0, text: "Mornings suit me best for deliveries", occurredAt: new Date(start + 2 * minute) },
      ],
    });
    conversationId = conversation.id;
    communicationIds = conversation.communications.map((communication) => communication.id);
  });

  it("lists PENDING observations across profiles oldest first, with profile and source messages, in keyset pages both ways", async () => {
    const store = (await createTestStore("review-order")).id;
    const prisma = await getPrisma();
    const a = (await buildProfile(prisma, { storeId: store, traits: { Contact: { firstName: "Ada" } }, identifiers: [{ idType: "email", value: "ada@order.example" }] })).id;
    const b = (await buildProfile(prisma, { storeId: store, identifiers: [{ idType: "email", value: "bo@order.example" }] })).id;
    const made = [];
    for (const [profileId, content] of [[a, "Lives in Lisbon"], [b, "Owns a red bicycle"], [a, "Works as a nurse"], [b, "Has two cats"], [a, "Plans a trip to Oslo"]] as const) {
      made.push(await pending(profileId, content, {}, store));
    }
    const [approved] = await createObservations({ storeId: store, profileId: a, actor: systemActor, observations: [{ content: "Speaks Portuguese", source: "api", occurredAt: new Date().toISOString() }] });
    expect(approved.outcome).toBe("added");

    const first = await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2 });
    expect(first.items.map((item) => item.content)).toEqual(["Lives in Lisbon", "Owns a red bicycle"]);
    expect(first.items[0].profile).toEqual({ id: a, displayName: "Ada" });
    expect(first.items[1].profile).toEqual({ id: b, displayName: null });
    expect(first.previousToken).toBeNull();
    const second = await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2, pageToken: first.nextToken! });
    expect(second.items.map((item) => item.content)).toEqual(["Works as a nurse", "Has two cats"]);
    const third = await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2, pageToken: second.nextToken! });
    expect(third.items.map((item) => item.content)).toEqual(["Plans a trip to Oslo"]);
    expect(third.nextToken).toBeNull();
    const back = await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2, pageToken: third.previousToken! });
    expect(back.items.map((item) => item.content)).toEqual(["Works as a nurse", "Has two cats"]);
    const backAgain = await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2, pageToken: back.previousToken! });
    expect(backAgain.items.map((item) => item.content)).toEqual(["Lives in Lisbon", "Owns a red bicycle"]);
    expect(backAgain.previousToken).toBeNull();

    // Reviewing a page and reading it again brings up what comes next.
    await reviewObservations({ storeId: store, decision: "APPROVED", actor: reviewer, reviews: first.items.map((item) => ({ observationId: item.id, expectedVersion: item.version })) });
    expect((await listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2 })).items.map((item) => item.content)).toEqual(["Works as a nurse", "Has two cats"]);
    expect(await countObservationsByStatus({ storeId: store })).toEqual({ PENDING: 3, APPROVED: 3, REJECTED: 0 });
    expect(made).toHaveLength(5);

    // A token of one order is refused by the other.
    await expect(listPendingObservations({ storeId: store, sort: "lowestConfidence", pageSize: 2, pageToken: second.nextToken! })).rejects.toMatchObject({ kind: "bad_request" });
    await expect(listPendingObservations({ storeId: store, sort: "oldest", pageSize: 2, pageToken: "garbage" })).rejects.toMatchObject({ kind: "bad_request" });
  });

  it("orders lowest confidence first (unscored first, ties by id) and pages through them", async () => {
    const store = (await createTestStore("review-confidence")).id;
    const prisma = await getPrisma();
    const p = (await buildProfile(prisma, { storeId: store, identifiers: [{ idType: "email", value: "c@conf.example" }] })).id;
    await pending(p, "Likes jazz", { confidence: 0.9 }, store);
    await pending(p, "Drives a van", { confidence: 0.4 }, store);
    await pending(p, "Has a dog", {}, store);
    await pending(p, "Grows tomatoes", { confidence: 0.4 }, store);
    await pending(p, "Reads sci-fi", { confidence: 0.7 }, store);
    const seen: string[] = [];
    let token: string | undefined;
    let tokens = 0;
    do {
      const page = await listPendingObservations({ storeId: store, sort: "lowestConfidence", pageSize: 2, pageToken: token });
      seen.push(...page.items.map((item) => item.content));
      token = page.nextToken ?? undefined;
      tokens++;
    } while (token && tokens < 10);
    expect(seen).toEqual(["Has a dog", "Drives a van", "Grows tomatoes", "Reads sci-fi", "Likes jazz"]);
    const last = await listPendingObservations({ storeId: store, sort: "lowestConfidence", pageSize: 2, pageToken: (await listPendingObservations({ storeId: store, sort: "lowestConfidence", pageSize: 2 })).nextToken! });
    const previous = await listPendingObservations({ storeId: store, sort: "lowestConfidence", pageSize: 2, pageToken: last.previousToken! });
    expect(previous.items.map((item) => item.content)).toEqual(["Has a dog", "Drives a van"]);
  });

  it("shows each observation's source messages with authors and the turn before them as context", async () => {
    const observation = await pending(dana, "Wants a replacement rather than a refund", { communicationIds: [communicationIds[1]] });
    const page = await listPendingObservations({ storeId, sort: "oldest", pageSize: 50 });
    const item = page.items.find((candidate) => candidate.id === observation.id)!;
    expect(item.profile).toEqual({ id: dana, displayName: "Dana Whitfield" });
    expect(item.messages).toEqual([
      expect.objectContaining({ id: communicationIds[0], text: "Would you like a refund or a replacement?", isSource: false, author: expect.objectContaining({ name: "Sam", type: "HUMAN_AGENT" }) }),
      expect.objectContaining({ id: communicationIds[1], text: "A replacement please", isSource: true, conversationId, author: expect.objectContaining({ name: "Dana", type: "CUSTOMER", address: "dana-chat" }) }),
    ]);
    expect(item.hiddenSourceCount).toBe(0);
  });

  it("approves and rejects in bulk in one transaction: status, reviewer, time, REVIEWED revisions and audit events", async () => {
    const prisma = await getPrisma();
    const one = await pending(dana, "Prefers morning deliveries", { communicationIds: [communicationIds[2]], confidence: 0.8 });
    const two = await pending(lee, "Lives near the harbour");
    const three = await pending(lee, "Collects vinyl records");
    const before = await countObservationsByStatus({ storeId });

    const approved = await reviewObservations({ storeId, decision: "APPROVED", actor: reviewer, reviews: [one, two].map((o) => ({ observationId: o.id, expectedVersion: o.version })) });
    expect(approved.skipped).toEqual([]);
    expect(approved.reviewed.map((o) => [o.id, o.status, o.version, o.reviewedById])).toEqual([[one.id, "APPROVED", 2, reviewer.id], [two.id, "APPROVED", 2, reviewer.id]]);
    expect(approved.reviewed[0].reviewedAt).toBeInstanceOf(Date);
    const rejected = await reviewObservations({ storeId, decision: "REJECTED", actor: reviewer, reviews: [{ observationId: three.id, expectedVersion: 1 }] });
    expect(rejected.reviewed[0]).toMatchObject({ id: three.id, status: "REJECTED", version: 2 });

    const revisions = await prisma.observationRevision.findMany({ where: { storeId, observationId: { in: [one.id, two.id, three.id] } }, orderBy: [{ observationId: "asc" }, { version: "asc" }] });
    expect(revisions.filter((revision) => revision.observationId === one.id).map((revision) => [revision.version, revision.reason, revision.status, revision.actorId])).toEqual([[1, "CREATED", "PENDING", null], [2, "REVIEWED", "APPROVED", reviewer.id]]);
    expect(revisions.filter((revision) => revision.observationId === three.id).map((revision) => [revision.reason, revision.status])).toEqual([["CREATED", "PENDING"], ["REVIEWED", "REJECTED"]]);
    const audits = await prisma.auditEvent.findMany({ where: { storeId, resourceId: { in: [one.id, two.id, three.id] }, action: { in: ["observation.approve", "observation.reject"] } } });
    expect(audits.map((audit) => `${audit.resourceId}:${audit.action}:${audit.actorId}`).sort()).toEqual([`${one.id}:observation.approve:${reviewer.id}`, `${two.id}:observation.approve:${reviewer.id}`, `${three.id}:observation.reject:${reviewer.id}`].sort());
    expect(await countObservationsByStatus({ storeId })).toEqual({ PENDING: before.PENDING - 3, APPROVED: before.APPROVED + 2, REJECTED: before.REJECTED + 1 });
    const stillPending = (await listPendingObservations({ storeId, sort: "oldest", pageSize: 50 })).items.map((item) => item.id);
    expect(stillPending).not.toContain(one.id);
    expect(stillPending).not.toContain(three.id);
  });

  it("edits then approves: an EDITED and a REVIEWED revision; content the guard refuses is a 400 and nothing is decided", async () => {
    const prisma = await getPrisma();
    const observation = await pending(lee, "Prefers emal contact");
    const result = await reviewObservations({ storeId, decision: "APPROVED", actor: reviewer, reviews: [{ observationId: observation.id, expectedVersion: 1, content: "Prefers email contact" }] });
    expect(result.reviewed[0]).toMatchObject({ content: "Prefers email contact", status: "APPROVED", version: 3 });
    const revisions = await prisma.observationRevision.findMany({ where: { storeId, observationId: observation.id }, orderBy: { version: "asc" } });
    expect(revisions.map((revision) => [revision.version, revision.reason, revision.status, revision.content])).toEqual([
      [1, "CREATED", "PENDING", "Prefers emal contact"],
      [2, "EDITED", "PENDING", "Prefers email contact"],
      [3, "REVIEWED", "APPROVED", "Prefers email contact"],
    ]);

    const other = await pending(lee, "Likes long walks");
    await expect(reviewObservations({ storeId, decision: "APPROVED", actor: reviewer, reviews: [{ observationId: other.id, expectedVersion: 1, content: "Has type 2 diabetes" }] })).rejects.toMatchObject({ kind: "bad_request", message: expect.stringContaining("HEALTH") });
    expect(await prisma.observation.findUnique({ where: { storeId_id: { storeId, id: other.id } } })).toMatchObject({ status: "PENDING", version: 1, content: "Likes long walks" });
    await expect(reviewObservations({ storeId, decision: "REJECTED", actor: reviewer, reviews: [{ observationId: other.id, expectedVersion: 1, content: "x" }] })).rejects.toMatchObject({ kind: "bad_request" });
  });

  it("skips an observation already reviewed by someone else or changed since it was shown, and decides the rest", async () => {
    const done = await pending(lee, "Supports the local football club");
    const changed = await pending(lee, "Takes the train to work");
    const fresh = await pending(lee, "Bakes sourdough bread");
    await reviewObservations({ storeId, decision: "REJECTED", actor: reviewer, reviews: [{ observationId: done.id, expectedVersion: 1 }] });
    await updateObservation({ storeId, profileId: lee, observationId: changed.id, patch: { content: "Takes the bus to work" }, actor: systemActor });

    const result = await reviewObservations({ storeId, decision: "APPROVED", actor: reviewer, reviews: [done, changed, fresh].map((o) => ({ observationId: o.id, expectedVersion: 1 })) });
    expect(result.reviewed.map((o) => o.id)).toEqual([fresh.id]);
    expect(result.skipped).toEqual([
      { observationId: done.id, reason: "already_reviewed", status: "REJECTED", version: 2 },
      { observationId: changed.id, reason: "changed", status: "PENDING", version: 2 },
    ]);
    const prisma = await getPrisma();
    expect(await prisma.observation.findUnique({ where: { storeId_id: { storeId, id: done.id } } })).toMatchObject({ status: "REJECTED", version: 2 });
  });

  it("refuses another store's ids (nothing written) and a reviewer below SUPERVISOR", async () => {
    const prisma = await getPrisma();
    const otherStore = (await createTestStore("review-other")).id;
    const otherProfile = (await buildProfile(prisma, { storeId: otherStore, identifiers: [{ idType: "email", value: "x@other.example" }] })).id;
    const foreign = await pending(otherProfile, "Belongs to another store", {}, otherStore);
    const mine = await pending(lee, "Walks to the office");

    await expect(reviewObservations({ storeId, decision: "REJECTED", actor: reviewer, reviews: [{ observationId: mine.id, expectedVersion: 1 }, { observationId: foreign.id, expectedVersion: 1 }] })).rejects.toMatchObject({ kind: "not_found" });
    await expect(reviewObservations({ storeId, decision: "APPROVED", actor: reviewer, reviews: [{ observationId: "not-an-id", expectedVersion: 1 }] })).rejects.toMatchObject({ kind: "not_found" });
    expect(await prisma.observation.findUnique({ where: { storeId_id: { storeId, id: mine.id } } })).toMatchObject({ status: "PENDING", version: 1 });
    expect(await prisma.observation.findUnique({ where: { storeId_id: { storeId: otherStore, id: foreign.id } } })).toMatchObject({ status: "PENDING", version: 1 });
    expect((await listPendingObservations({ storeId, sort: "oldest", pageSize: 50 })).items.map((item) => item.id)).not.toContain(foreign.id);

    await expect(reviewObservations({ storeId, decision: "APPROVED", actor: agent, reviews: [{ observationId: mine.id, expectedVersion: 1 }] })).rejects.toMatchObject({ kind: "forbidden" });
    expect(await prisma.observation.findUnique({ where: { storeId_id: { storeId, id: mine.id } } })).toMatchObject({ status: "PENDING" });
  });
});
