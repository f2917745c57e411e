import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getPrisma } from "@/lib/db/client";
import { readSessionTail } from "@/lib/recall/read-session-tail";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// The conversation-inferred recall reads the profile check, the conversation check and the
// session's last turns in one statement (lib/recall/read-session-tail.ts) instead of three Prisma
// queries: the same rows, and the same errors in the same order.
describe("recall's session read", () => {
  let storeId: string;
  let auth: string;
  let profileId: string;
  let conversationId: string;
  let otherStoreConversationId: string;
  const unknownProfileId = "mem_profile_01h455vb4pex5vsknk084sn02q";

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await createTestStore("session-tail")).id;
    auth = await createTestKey("AGENT", storeId);
    profileId = (await buildProfile(prisma, { storeId })).id;
    const start = Date.now() - 3_600_000;
    const turns = Array.from({ length: 14 }, (_, index) => ({
      author: index % 3 === 2 ? 2 : index % 2,
      text: `turn ${index}: ${["my router blinks red", "have you restarted it", "the bot suggests a reset"][index % 3]}`,
      // Two turns share a timestamp: the id breaks the tie, as in Prisma's orderBy.
      occurredAt: new Date(start + Math.min(index, 12) * 60_000),
    }));
    conversationId = (
      await buildConversation(prisma, {
        storeId, channel: "CHAT", status: "ACTIVE",
        participants: [
          { type: "CUSTOMER", name: "Lea", addresses: [{ channel: "CHAT", address: "lea" }], profileId },
          { type: "HUMAN_AGENT", name: "Tom", addresses: [{ channel: "CHAT", address: "tom" }] },
          { type: "AI_AGENT", addresses: [{ channel: "CHAT", address: "bot" }] },
        ],
        communications: turns,
      })
    ).id;
    const otherStoreId = (await createTestStore("session-tail-other")).id;
    const otherProfile = await buildProfile(prisma, { storeId: otherStoreId });
    otherStoreConversationId = (await buildConversation(prisma, { storeId: otherStoreId, channel: "CHAT", participants: [{ type: "CUSTOMER", profileId: otherProfile.id }], communications: [{ author: 0, text: "hi", occurredAt: new Date() }] })).id;
  });

  it("reads the same turns, newest first, with their authors, as Prisma does", async () => {
    const prisma = await getPrisma();
    for (const take of [1, 10, 50]) {
      const tail = await readSessionTail(await getDatabase(), { storeId, profileId, conversationId, take });
      const expected = await prisma.communication.findMany({ where: { storeId, conversationId }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take, include: { participant: true } });
      expect(tail.profileFound).toBe(true);
      expect(tail.conversationFound).toBe(true);
      expect(tail.rows).toHaveLength(Math.min(take, 14));
      expect(tail.rows).toEqual(
        expected.map(({ participant, ...row }) => ({ ...row, participant: participant ? { profileId: participant.profileId, name: participant.name, type: participant.type } : null })),
      );
    }
  });

  it("says which of the profile and the conversation it did not find", async () => {
    const prisma = await getPrisma();
    expect(await readSessionTail(await getDatabase(), { storeId, profileId: unknownProfileId, conversationId, take: 10 })).toMatchObject({ profileFound: false, conversationFound: true });
    expect(await readSessionTail(await getDatabase(), { storeId, profileId, conversationId: otherStoreConversationId, take: 10 })).toEqual({ profileFound: true, conversationFound: false, rows: [] });
  });

  it("through HTTP: the profile's error comes before the conversation's, and a malformed conversation id is a 400", async () => {
    const recall = (id: string, json: unknown) => callApi("POST", `/v1/Stores/${storeId}/Profiles/${id}/Recall`, { auth, json });
    expect((await recall(unknownProfileId, { conversationId: otherStoreConversationId })).status).toBe(404);
    expect((await recall("not-a-profile-id", { conversationId })).status).toBe(404);
    const malformed = await recall(profileId, { conversationId: "conv_nope" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([{ path: "conversationId", message: expect.any(String) }]);
    const inferred = await recall(profileId, { conversationId, communicationsLimit: 3 });
    expect(inferred.status).toBe(200);
    expect(inferred.body.meta.query).toContain("turn 13");
    expect(inferred.body.communications.map((item: { content: { text: string } }) => item.content.text.slice(0, 7))).toEqual(["turn 11", "turn 12", "turn 13"]);
  });
});
