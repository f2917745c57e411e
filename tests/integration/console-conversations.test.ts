import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { getConsoleConversation } from "@/lib/console/get-console-conversation";
import { getConversationHandoffPreview } from "@/lib/console/get-conversation-handoff-preview";
import { newId } from "@/lib/ids";
import { getHandoffContext } from "@/lib/recall/get-handoff-context";
import { activeDayRange, consoleConversationListQuery, listConsoleConversations, type ListConsoleConversationsOptions } from "@/lib/console/list-console-conversations";
import { buildConversation, buildProfile, buildStore } from "@/prisma/builders";

const minute = 60_000;
const day = 24 * 60 * minute;

type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * One store: Ada's SMS conversation (closed, three weeks ago), her live chat (now), Bob's email
 * (inactive, last week) and a live WhatsApp with no linked profile; another store with a
 * conversation of its own.
 */
async function buildWorld() {
  const prisma = await getPrisma();
  const store = await buildStore(prisma, {});
  const otherStore = await buildStore(prisma, {});
  const storeId = store.id;
  const now = Date.now();
  const ada = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Ada", lastName: "Byron", phone: "+1 415 555 0123" } } });
  const bob = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Bob", email: "bob@example.org" } } });
  const agent = { type: "HUMAN_AGENT" as const, name: "Sam", addresses: [{ channel: "CHAT" as const, address: "agent-sam" }] };

  const adaSms = await buildConversation(prisma, {
    storeId,
    channel: "SMS",
    status: "CLOSED",
    participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+14155550123" }], profileId: ada.id }, agent],
    communications: [
      { author: 0, text: "My tent pole snapped", occurredAt: new Date(now - 21 * day) },
      { author: 1, text: "Sorry! A new one is on its way", occurredAt: new Date(now - 21 * day + minute) },
    ],
  });
  const adaChat = await buildConversation(prisma, {
    storeId,
    channel: "CHAT",
    status: "ACTIVE",
    participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "CHAT", address: "AdaChatHandle" }], profileId: ada.id }, agent],
    communications: Array.from({ length: 7 }, (_, index) => ({ author: index % 2, text: index === 0 ? "chat line 1: my tent pole again" : `chat line ${index + 1}`, occurredAt: new Date(now - 10 * minute + index * minute) })),
  });
  const bobEmail = await buildConversation(prisma, {
    storeId,
    channel: "EMAIL",
    status: "INACTIVE",
    participants: [{ type: "CUSTOMER", name: "Bob", addresses: [{ channel: "EMAIL", address: "bob@example.org" }], profileId: bob.id }],
    communications: [{ author: 0, text: "Where is my kayak", occurredAt: new Date(now - 7 * day) }],
  });
  const strangerWhatsapp = await buildConversation(prisma, {
    storeId,
    channel: "WHATSAPP",
    status: "ACTIVE",
    participants: [{ type: "UNKNOWN", addresses: [{ channel: "WHATSAPP", address: "whatsapp:+447700900123" }] }],
    communications: [{ author: 0, text: "hello?", occurredAt: new Date(now - 2 * day) }],
  });
  const elsewhere = await buildConversation(prisma, {
    storeId: otherStore.id,
    channel: "SMS",
    status: "ACTIVE",
    participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+14155550123" }] }],
    communications: [{ author: 0, text: "another store", occurredAt: new Date(now - minute) }],
  });
  return { storeId, otherStoreId: otherStore.id, ada, bob, adaSms, adaChat, bobEmail, strangerWhatsapp, elsewhere, now };
}

describe("the console's conversation list", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  const list = async (options: Partial<ListConsoleConversationsOptions>) => {
    const page = await listConsoleConversations({ storeId: world.storeId, pageSize: 25, ...options });
    return page.items.map((row) => row.id);
  };

  it("lists the store's conversations, latest activity first, never another store's", async () => {
    expect(await list({})).toEqual([world.adaChat.id, world.strangerWhatsapp.id, world.bobEmail.id, world.adaSms.id]);
    expect(await list({ storeId: world.otherStoreId })).toEqual([world.elsewhere.id]);
    expect(await list({ search: world.elsewhere.id })).toEqual([]);
  });

  it("describes each row: participants with their profiles, message count, dates", async () => {
    const page = await listConsoleConversations({ storeId: world.storeId, pageSize: 25, channel: "CHAT" });
    expect(page.items).toHaveLength(1);
    const [row] = page.items;
    expect(row).toMatchObject({ id: world.adaChat.id, channel: "CHAT", status: "ACTIVE", messageCount: 7, closedAt: null });
    expect(row.firstMessageAt?.getTime()).toBe(world.adaChat.communications[0].occurredAt.getTime());
    expect(row.lastActivityAt.getTime()).toBe(world.adaChat.lastActivityAt.getTime());
    expect(row.participants.map((participant) => [participant.type, participant.name, participant.profileId, participant.profileDisplayName])).toEqual([
      ["CUSTOMER", "Ada", world.ada.id, world.ada.displayName],
      ["HUMAN_AGENT", "Sam", null, null],
    ]);
    expect(row.participants[0].addresses).toEqual([{ channel: "CHAT", address: "AdaChatHandle" }]);
  });

  it("filters by channel, status and the days a conversation was active on", async () => {
    expect(await list({ channel: "SMS" })).toEqual([world.adaSms.id]);
    expect(await list({ status: "ACTIVE" })).toEqual([world.adaChat.id, world.strangerWhatsapp.id]);
    expect(await list({ status: "INACTIVE" })).toEqual([world.bobEmail.id]);
    expect(await list({ status: "CLOSED", channel: "EMAIL" })).toEqual([]);
    const eightDaysAgo = new Date(world.now - 8 * day);
    const threeDaysAgo = new Date(world.now - 3 * day);
    expect(await list({ activeFrom: eightDaysAgo })).toEqual([world.adaChat.id, world.strangerWhatsapp.id, world.bobEmail.id]);
    expect(await list({ activeFrom: eightDaysAgo, activeBefore: threeDaysAgo })).toEqual([world.bobEmail.id]);
    expect(await list({ activeBefore: threeDaysAgo })).toEqual([world.bobEmail.id, world.adaSms.id]);
  });

  it("filters by the last activity, not by when an imported history was recorded, and reports the first message", async () => {
    const prisma = await getPrisma();
    const imported = await buildConversation(prisma, {
      storeId: world.storeId,
      channel: "VOICE",
      participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "VOICE", address: "+14155550123" }], profileId: world.ada.id }],
      communications: [{ author: 0, text: "an old call", occurredAt: new Date(world.now - 30 * day) }],
    });
    // As an import of old history: recorded today, its messages a month old.
    await prisma.conversation.update({ where: { storeId_id: { storeId: world.storeId, id: imported.id } }, data: { createdAt: new Date() } });
    expect(await list({ channel: "VOICE", activeBefore: new Date(world.now - 20 * day) })).toEqual([imported.id]);
    expect(await list({ channel: "VOICE", activeFrom: new Date(world.now - day) })).toEqual([]);
    const [row] = (await listConsoleConversations({ storeId: world.storeId, pageSize: 25, channel: "VOICE" })).items;
    expect(row.firstMessageAt?.getTime()).toBe(world.now - 30 * day);
    expect((await getConsoleConversation({ storeId: world.storeId, conversationId: imported.id, pageSize: 3 })).firstMessageAt?.getTime()).toBe(world.now - 30 * day);
    await prisma.conversation.delete({ where: { storeId_id: { storeId: world.storeId, id: imported.id } } });
  });

  it("reads the URL's days as whole UTC days and refuses a bad range", () => {
    expect(activeDayRange({ from: "2026-11-01", to: "2026-11-30" })).toEqual({ activeFrom: new Date("2026-11-01T00:00:00Z"), activeBefore: new Date("2026-12-01T00:00:00Z") });
    expect(consoleConversationListQuery.safeParse({ from: "2026-11-30", to: "2026-11-01" }).success).toBe(false);
    expect(consoleConversationListQuery.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(consoleConversationListQuery.safeParse({ status: "OPEN" }).success).toBe(false);
    expect(consoleConversationListQuery.safeParse({ channel: "SMS", status: "CLOSED", from: "2026-02-28" }).success).toBe(true);
  });

  it("searches by conversation id and by a participant's address, as sent or normalised", async () => {
    expect(await list({ search: world.bobEmail.id })).toEqual([world.bobEmail.id]);
    expect(await list({ search: "(415) 555-0123" })).toEqual([world.adaSms.id]);
    expect(await list({ search: "adachat" })).toEqual([world.adaChat.id]);
    expect(await list({ search: "whatsapp:+4477", status: "ACTIVE" })).toEqual([world.strangerWhatsapp.id]);
    expect(await list({ search: "100%_" })).toEqual([]);
    expect(await list({ search: "+1415", storeId: world.otherStoreId })).toEqual([world.elsewhere.id]);
  });

  it("walks every conversation once, forwards and back, and refuses a token it did not issue", async () => {
    const seen: string[] = [];
    let page = await listConsoleConversations({ storeId: world.storeId, pageSize: 1 });
    expect(page.previousToken).toBeNull();
    for (;;) {
      seen.push(...page.items.map((row) => row.id));
      if (!page.nextToken) break;
      page = await listConsoleConversations({ storeId: world.storeId, pageSize: 1, pageToken: page.nextToken });
    }
    expect(seen).toEqual([world.adaChat.id, world.strangerWhatsapp.id, world.bobEmail.id, world.adaSms.id]);
    const back: string[] = [...page.items.map((row) => row.id)];
    while (page.previousToken) {
      page = await listConsoleConversations({ storeId: world.storeId, pageSize: 1, pageToken: page.previousToken });
      back.unshift(...page.items.map((row) => row.id));
    }
    expect(back).toEqual(seen);
    expect(page.nextToken).not.toBeNull();
    await expect(listConsoleConversations({ storeId: world.storeId, pageSize: 1, pageToken: "garbage" })).rejects.toMatchObject({ kind: "bad_request" });
  });
});

describe("the console's conversation page", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("shows the participants with their profiles and the messages in order, a page at a time", async () => {
    const first = await getConsoleConversation({ storeId: world.storeId, conversationId: world.adaChat.id, pageSize: 3 });
    expect(first).toMatchObject({ id: world.adaChat.id, channel: "CHAT", status: "ACTIVE", messageCount: 7, previousToken: null, focusedMessageId: null });
    expect(first.participants.map((participant) => [participant.name, participant.profileDisplayName])).toEqual([["Ada", world.ada.displayName], ["Sam", null]]);
    expect(first.messages.map((message) => message.content)).toEqual(["chat line 1: my tent pole again", "chat line 2", "chat line 3"]);
    expect(first.messages.map((message) => message.isFromProfile)).toEqual([true, false, true]);
    const second = await getConsoleConversation({ storeId: world.storeId, conversationId: world.adaChat.id, pageSize: 3, pageToken: first.nextToken! });
    expect(second.messages.map((message) => message.content)).toEqual(["chat line 4", "chat line 5", "chat line 6"]);
  });

  it("opens the page that starts at a cited message", async () => {
    const fifth = world.adaChat.communications[4];
    const page = await getConsoleConversation({ storeId: world.storeId, conversationId: world.adaChat.id, pageSize: 3, messageId: fifth.id });
    expect(page.focusedMessageId).toBe(fifth.id);
    expect(page.messages.map((message) => message.content)).toEqual(["chat line 5", "chat line 6", "chat line 7"]);
    expect(page.previousToken).not.toBeNull();
    const before = await getConsoleConversation({ storeId: world.storeId, conversationId: world.adaChat.id, pageSize: 3, pageToken: page.previousToken! });
    expect(before.messages.map((message) => message.content)).toEqual(["chat line 2", "chat line 3", "chat line 4"]);
    // Another conversation's message is not looked for here: the first page opens.
    const elsewhere = await getConsoleConversation({ storeId: world.storeId, conversationId: world.adaChat.id, pageSize: 3, messageId: world.adaSms.communications[0].id });
    expect(elsewhere.focusedMessageId).toBeNull();
    expect(elsewhere.messages[0].content).toBe("chat line 1: my tent pole again");
  });

  it("answers not found for an unknown id, a malformed one and another store's conversation", async () => {
    await expect(getConsoleConversation({ storeId: world.storeId, conversationId: world.elsewhere.id, pageSize: 3 })).rejects.toMatchObject({ kind: "not_found" });
    await expect(getConsoleConversation({ storeId: world.storeId, conversationId: "not-an-id", pageSize: 3 })).rejects.toMatchObject({ kind: "not_found" });
    await expect(getConsoleConversation({ storeId: world.otherStoreId, conversationId: world.adaChat.id, pageSize: 3 })).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("the console's handoff preview", () => {
  let world: World;
  let observationId: string;
  beforeAll(async () => {
    world = await buildWorld();
    const prisma = await getPrisma();
    observationId = newId("observation");
    // Remembered from the closed SMS conversation, citing its first message.
    await prisma.observation.create({
      data: {
        storeId: world.storeId,
        id: observationId,
        profileId: world.ada.id,
        content: "Her tent pole snapped on a camping trip",
        source: "EXTRACTION",
        status: "APPROVED",
        occurredAt: world.adaSms.communications[0].occurredAt,
        conversationIds: [world.adaSms.id],
        communicationIds: [world.adaSms.communications[0].id],
      },
    });
  });

  it("is exactly the Context endpoint's answer, with the cited messages' conversations", async () => {
    const preview = await getConversationHandoffPreview({ storeId: world.storeId, conversationId: world.adaChat.id, caller: systemActor });
    const direct = await getHandoffContext({ storeId: world.storeId, conversationId: world.adaChat.id, caller: systemActor });
    expect(preview.context.text).toBe(direct.text);
    expect(preview.context.citations).toEqual(direct.citations);
    expect(preview.context.customers.map((customer) => customer.profileId)).toEqual([world.ada.id]);
    const [customer] = preview.context.customers;
    const cited = customer.observations.find((observation) => observation.id === observationId);
    expect(cited).toBeDefined();
    expect(preview.context.citations[cited!.citation - 1]).toMatchObject({ kind: "observation", id: observationId, conversationIds: [world.adaSms.id] });
    expect(preview.citedMessageConversations).toEqual({ [world.adaSms.communications[0].id]: world.adaSms.id });
    expect(preview.context.text).toContain(`Her tent pole snapped on a camping trip [${cited!.citation}]`);
    expect(preview.context.messages.map((message) => message.content.text)).toEqual(world.adaChat.communications.map((message) => message.content));
  });

  it("is not found for another store's conversation or an unknown id", async () => {
    await expect(getConversationHandoffPreview({ storeId: world.storeId, conversationId: world.elsewhere.id, caller: systemActor })).rejects.toMatchObject({ kind: "not_found" });
    await expect(getConversationHandoffPreview({ storeId: world.otherStoreId, conversationId: world.adaChat.id, caller: systemActor })).rejects.toMatchObject({ kind: "not_found" });
    await expect(getConversationHandoffPreview({ storeId: world.storeId, conversationId: newId("conversation"), caller: systemActor })).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("the console's conversation list index", () => {
  it("serves the unfiltered, activity-ordered keyset page", async () => {
    const prisma = await getPrisma();
    const plan = await prisma.$transaction(async (tx) => {
      // With the few rows of a test database the planner may rightly prefer a scan, or another index
      // and a sort; forbid both to ask whether the index can serve the page in its order.
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT c."id" FROM "conversations" c WHERE c."storeId" = 'mem_store_x' AND (c."lastActivityAt", c."id") < (now(), 'conv_x') ORDER BY c."lastActivityAt" DESC, c."id" DESC LIMIT 26`,
      );
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("conversations_storeId_lastActivityAt_id_idx");
    expect(plan).not.toContain("Sort");
  });
});
