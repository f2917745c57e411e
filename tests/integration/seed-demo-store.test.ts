import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { deleteStore } from "@/lib/stores/delete-store";
import { DEMO_STORE_NAME, seedDemoStore } from "@/prisma/seed-demo-store";
import { EXTRACTION_JOB_TYPE } from "@/lib/extraction/extraction-job";
import { extractConversation } from "@/lib/extraction/extract-conversation";
import { builtInExtractor } from "@/lib/extraction/extract-with-built-in-rules";

const day = 24 * 60 * 60_000;
const channelIdTypes: Record<string, string> = { SMS: "phone", WHATSAPP: "whatsapp", EMAIL: "email", CHAT: "chat" };

async function removeDemoStore(): Promise<void> {
  const prisma = await getPrisma();
  const existing = await prisma.store.findUnique({ where: { displayName: DEMO_STORE_NAME } });
  if (existing) await deleteStore({ storeId: existing.id, actor: systemActor });
}

async function countRows(storeId: string) {
  const prisma = await getPrisma();
  const [profiles, identifiers, traitValues, conversations, participants, communications, auditEvents] = await Promise.all([
    prisma.profile.count({ where: { storeId } }),
    prisma.identifier.count({ where: { storeId } }),
    prisma.traitValue.count({ where: { storeId } }),
    prisma.conversation.count({ where: { storeId } }),
    prisma.participant.count({ where: { storeId } }),
    prisma.communication.count({ where: { storeId } }),
    prisma.auditEvent.count({ where: { storeId } }),
  ]);
  return { profiles, identifiers, traitValues, conversations, participants, communications, auditEvents };
}

/** What the seed wrote, without ids and dates: equal for two seeds of the same generator. */
async function contentOf(storeId: string) {
  const prisma = await getPrisma();
  const profiles = await prisma.profile.findMany({ where: { storeId }, select: { displayName: true, identifiers: { select: { idType: true, value: true } } } });
  const messages = await prisma.communication.findMany({ where: { storeId }, select: { content: true, authorAddress: true, resourceId: true } });
  return {
    profiles: profiles.map((profile) => `${profile.displayName}: ${profile.identifiers.map((i) => `${i.idType}=${i.value}`).sort().join(" ")}`).sort(),
    messages: messages.map((message) => `${message.resourceId} ${message.authorAddress} ${message.content}`).sort(),
  };
}

describe("demo store seed", () => {
  let storeId: string;
  const now = new Date();
  beforeAll(async () => {
    // "demo" is a fixed name and test files share one database: start from no demo store.
    await removeDemoStore();
    const result = await seedDemoStore({ now });
    expect(result).toMatchObject({ displayName: "demo", created: true });
    storeId = result!.storeId;
  });

  it("creates a store with its description and ≥ 30 named customers", async () => {
    const prisma = await getPrisma();
    const store = await prisma.store.findUniqueOrThrow({ where: { id: storeId } });
    expect(store.description).toMatch(/outdoor-gear shop/);
    const profiles = await prisma.profile.findMany({ where: { storeId } });
    expect(profiles.length).toBeGreaterThanOrEqual(30);
    for (const profile of profiles) expect(profile.displayName).toMatch(/^\S+ \S+/);
    expect(new Set(profiles.map((profile) => profile.displayName)).size).toBe(profiles.length);
    expect(profiles.every((profile) => profile.lastContactAt !== null)).toBe(true);
    const addresses = await prisma.traitValue.count({ where: { storeId, groupName: "Contact", traitName: "address" } });
    expect(addresses).toBeGreaterThan(0);
  });

  it("uses SMS, WhatsApp, email and chat, with 1–4 conversations per customer and 3–12 messages each", async () => {
    const prisma = await getPrisma();
    const conversations = await prisma.conversation.findMany({
      where: { storeId },
      include: { participants: true, communications: { orderBy: { occurredAt: "asc" } } },
    });
    expect(new Set(conversations.map((conversation) => conversation.channel))).toEqual(new Set(["SMS", "WHATSAPP", "EMAIL", "CHAT"]));
    const statuses = conversations.map((conversation) => conversation.status);
    expect(statuses.filter((status) => status === "CLOSED").length).toBeGreaterThan(conversations.length / 2);
    expect(statuses.filter((status) => status !== "CLOSED").length).toBeGreaterThan(0);

    const perProfile = new Map<string, number>();
    const now = Date.now();
    for (const conversation of conversations) {
      const messages = conversation.communications;
      expect(messages.length).toBeGreaterThanOrEqual(3);
      expect(messages.length).toBeLessThanOrEqual(12);
      const customer = conversation.participants.find((participant) => participant.type === "CUSTOMER")!;
      expect(customer.profileId).not.toBeNull();
      perProfile.set(customer.profileId!, (perProfile.get(customer.profileId!) ?? 0) + 1);
      expect(conversation.participants.some((participant) => participant.type === "HUMAN_AGENT" || participant.type === "AI_AGENT")).toBe(true);
      // Customer and agent take turns.
      const authors = messages.map((message) => message.participantId);
      for (let index = 1; index < authors.length; index++) expect(authors[index]).not.toBe(authors[index - 1]);
      for (const message of messages) {
        expect(message.authorChannel).toBe(conversation.channel);
        if (conversation.channel === "SMS" || conversation.channel === "WHATSAPP") expect(message.resourceId).toMatch(/^SM[0-9a-f]{32}$/);
        else expect(message.resourceId).toBeTruthy();
      }
      // Times: within the last ~90 days, never in the future, and consistent with the status.
      expect(messages[0].occurredAt.getTime()).toBeGreaterThan(now - 92 * day);
      expect(conversation.createdAt).toEqual(messages[0].occurredAt);
      expect(conversation.lastActivityAt).toEqual(messages.at(-1)!.occurredAt);
      expect(conversation.lastActivityAt.getTime()).toBeLessThanOrEqual(now);
      if (conversation.status === "CLOSED") {
        expect(conversation.closedAt!.getTime()).toBeGreaterThanOrEqual(conversation.lastActivityAt.getTime());
        expect(conversation.inactiveAt!.getTime()).toBeLessThanOrEqual(conversation.closedAt!.getTime());
      } else {
        expect(conversation.closedAt).toBeNull();
        expect(conversation.inactiveAt === null).toBe(conversation.status === "ACTIVE");
      }
    }
    const counts = [...perProfile.values()];
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(perProfile.size).toBe(await prisma.profile.count({ where: { storeId } }));
  });

  it("stores only normalised identifiers, some profiles reachable on two or more channels", async () => {
    const prisma = await getPrisma();
    const identifiers = await prisma.identifier.findMany({ where: { storeId } });
    for (const identifier of identifiers) {
      if (identifier.idType === "email") expect(identifier.value).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+$/);
      if (identifier.idType === "phone" || identifier.idType === "whatsapp") expect(identifier.value).toMatch(/^\+[1-9]\d{7,14}$/);
    }
    expect(identifiers.some((identifier) => identifier.value.startsWith("+44"))).toBe(true);
    expect(identifiers.some((identifier) => identifier.value.startsWith("+1"))).toBe(true);

    // A customer's channel addresses all resolve to their own profile.
    const participants = await prisma.participant.findMany({ where: { storeId, type: "CUSTOMER" }, include: { conversation: { select: { channel: true } } } });
    const owner = new Map(identifiers.map((identifier) => [`${identifier.idType} ${identifier.value}`, identifier.profileId]));
    for (const participant of participants) {
      const [{ address }] = participant.addresses as { channel: string; address: string }[];
      const value = address.replace(/^whatsapp:/, "");
      const key = `${channelIdTypes[participant.conversation.channel]} ${participant.conversation.channel === "EMAIL" ? value.toLowerCase() : value}`;
      expect(owner.get(key)).toBe(participant.profileId);
    }

    const channelTypesByProfile = new Map<string, Set<string>>();
    for (const identifier of identifiers) {
      if (identifier.source !== "CONVERSATION") continue;
      channelTypesByProfile.set(identifier.profileId, (channelTypesByProfile.get(identifier.profileId) ?? new Set()).add(identifier.idType));
    }
    const multiChannel = [...channelTypesByProfile.values()].filter((types) => types.size >= 2);
    expect(multiChannel.length).toBeGreaterThanOrEqual(3);
  });

  it("has customer-service content for extraction to find, and no faked memories", async () => {
    const prisma = await getPrisma();
    const contents = (await prisma.communication.findMany({ where: { storeId }, select: { content: true } })).map((message) => message.content).join("\n");
    for (const phrase of [/order TH-\d{5}/i, /return/i, /prefer/i, /size/i]) expect(contents).toMatch(phrase);
    expect(await prisma.observation.count({ where: { storeId } })).toBe(0);
    expect(await prisma.summary.count({ where: { storeId } })).toBe(0);
  });

  it("queues one extraction per closed conversation, whose run gives the customers observations and summaries", async () => {
    const prisma = await getPrisma();
    const closed = await prisma.conversation.findMany({ where: { storeId, status: "CLOSED" }, select: { id: true }, orderBy: { id: "asc" } });
    const jobs = await prisma.job.findMany({ where: { storeId, type: EXTRACTION_JOB_TYPE } });
    expect(jobs.map((job) => (job.payload as { conversationId: string }).conversationId).sort()).toEqual(closed.map((conversation) => conversation.id).sort());
    expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(["QUEUED"]));
    for (const conversation of closed.slice(0, 12)) await extractConversation({ storeId, conversationId: conversation.id, extractor: builtInExtractor });
    expect(await prisma.summary.count({ where: { storeId } })).toBe(12);
    expect(await prisma.observation.count({ where: { storeId } })).toBeGreaterThanOrEqual(12);
  });

  it("does nothing the second time", async () => {
    const before = await countRows(storeId);
    const again = await seedDemoStore();
    expect(again).toEqual({ storeId, displayName: "demo", created: false });
    expect(await countRows(storeId)).toEqual(before);
  });

  it("writes the same customers and messages every time (a fixed-seed generator)", async () => {
    const first = await contentOf(storeId);
    await removeDemoStore();
    const reseeded = await seedDemoStore({ now });
    expect(reseeded!.created).toBe(true);
    storeId = reseeded!.storeId;
    expect(await contentOf(storeId)).toEqual(first);
  });
});
