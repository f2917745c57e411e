import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { buildConversation, buildProfile, buildStore, createSeededRandom } from "@/prisma/builders";
import { uniqueStoreName } from "../helpers/test-actors";

const minute = 60_000;

describe("seed builders", () => {
  let storeId: string;
  beforeAll(async () => {
    const prisma = await getPrisma();
    // chat identifiers not unique here, to see isUnique follow the store's config.
    const identitySettings = {
      ...defaultIdentitySettings,
      identifierConfigs: defaultIdentitySettings.identifierConfigs.map((config) => (config.idType === "chat" ? { ...config, enforceUnique: false } : config)),
    };
    storeId = (await buildStore(prisma, { displayName: uniqueStoreName("builders"), identitySettings })).id;
  });

  it("builds a store like createStore: default identity settings, the Contact group, an audit event", async () => {
    const prisma = await getPrisma();
    const configs = await prisma.identifierConfig.findMany({ where: { storeId } });
    expect(configs.map((config) => config.idType).sort()).toEqual(["chat", "email", "phone", "user_id", "whatsapp"]);
    const contact = await prisma.traitGroup.findUniqueOrThrow({ where: { storeId_name: { storeId, name: "Contact" } }, include: { traits: true } });
    expect(contact.traits.map((trait) => trait.name).sort()).toEqual(["address", "email", "firstName", "lastName", "phone", "whatsapp"]);
    expect(await prisma.auditEvent.count({ where: { storeId, action: "store.create", resourceId: storeId } })).toBe(1);
  });

  it("builds a profile with normalised identifiers, isUnique from the config and a display name", async () => {
    const profile = await buildProfile(await getPrisma(), {
      storeId,
      traits: { Contact: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", address: "12 St James's Square, London SW1Y 4JH, UK" } },
      identifiers: [
        { idType: "email", value: "  Ada@Example.COM " },
        { idType: "whatsapp", value: "whatsapp:+44 7700 900123" },
        { idType: "phone", value: "(415) 555-0123", source: "CONVERSATION" },
        { idType: "chat", value: " web-42 " },
      ],
    });
    expect(profile.id).toMatch(/^mem_profile_[0-7][0-9a-z]{25}$/);
    expect(profile.displayName).toBe("Ada Lovelace");
    // Contact.email is promoted, but it is the same value as the email identifier: one row.
    expect(profile.identifiers.map(({ idType, value, isUnique, source }) => ({ idType, value, isUnique, source }))).toEqual([
      { idType: "email", value: "ada@example.com", isUnique: true, source: "IMPORT" },
      { idType: "whatsapp", value: "+447700900123", isUnique: true, source: "IMPORT" },
      { idType: "phone", value: "+14155550123", isUnique: true, source: "CONVERSATION" },
      { idType: "chat", value: "web-42", isUnique: false, source: "IMPORT" },
    ]);
    expect(profile.traitValues.find((trait) => trait.traitName === "address")?.value).toBe("12 St James's Square, London SW1Y 4JH, UK");
    const audit = await (await getPrisma()).auditEvent.findFirstOrThrow({ where: { storeId, action: "profile.create", resourceId: profile.id } });
    expect(audit.actorType).toBe("SYSTEM");
  });

  it("promotes Contact traits to identifiers and rejects values it cannot normalise", async () => {
    const prisma = await getPrisma();
    const profile = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Grace", phone: "+1 303 555 0142" } } });
    expect(profile.identifiers).toMatchObject([{ idType: "phone", value: "+13035550142", source: "TRAIT_PROMOTION" }]);
    await expect(buildProfile(prisma, { storeId, identifiers: [{ idType: "phone", value: "call me maybe" }] })).rejects.toThrow(/E\.164/);
    await expect(buildProfile(prisma, { storeId, traits: { Contact: { shoeSize: 9 } } })).rejects.toThrow(/no trait Contact\.shoeSize/);
    await expect(buildProfile(prisma, { storeId, identifiers: [{ idType: "loyalty_id", value: "L-1" }] })).rejects.toThrow(/no identifier type/);
  });

  it("lets the database enforce unique identifiers, as the resolver will rely on", async () => {
    const prisma = await getPrisma();
    await buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: "taken@example.com" }, { idType: "chat", value: "shared-kiosk" }] });
    // chat is not unique in this store: a second profile may hold the same value.
    await expect(buildProfile(prisma, { storeId, identifiers: [{ idType: "chat", value: "shared-kiosk" }] })).resolves.toBeTruthy();
    await expect(buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: "TAKEN@example.com" }] })).rejects.toThrow();
  });

  it("builds a closed conversation whose messages, participants and times agree", async () => {
    const prisma = await getPrisma();
    const customer = await buildProfile(prisma, { storeId, identifiers: [{ idType: "whatsapp", value: "+447700900555" }] });
    const start = new Date(Date.now() - 20 * 24 * 60 * minute);
    const conversation = await buildConversation(prisma, {
      storeId,
      channel: "WHATSAPP",
      status: "CLOSED",
      participants: [
        { type: "CUSTOMER", name: "Tom", addresses: [{ channel: "WHATSAPP", address: "whatsapp:+447700900555" }], profileId: customer.id },
        { type: "HUMAN_AGENT", name: "Jess", addresses: [{ channel: "WHATSAPP", address: "whatsapp:+13035550100" }] },
      ],
      communications: [
        { author: 0, text: "My tent arrived with a broken pole.", occurredAt: start, resourceId: "SM" + "a".repeat(32) },
        { author: "whatsapp:+13035550100", text: "Sorry! A new pole ships today.", occurredAt: new Date(start.getTime() + 4 * minute) },
        { author: 0, text: "Thanks, please text rather than call.", occurredAt: new Date(start.getTime() + 9 * minute) },
      ],
    });
    const [customerParticipant, agent] = conversation.participants;
    expect(customerParticipant).toMatchObject({ type: "CUSTOMER", profileId: customer.id, conversationId: conversation.id });
    expect(agent).toMatchObject({ type: "HUMAN_AGENT", profileId: null });
    expect(conversation.communications.map((message) => [message.participantId, message.authorChannel, message.authorAddress])).toEqual([
      [customerParticipant.id, "WHATSAPP", "whatsapp:+447700900555"],
      [agent.id, "WHATSAPP", "whatsapp:+13035550100"],
      [customerParticipant.id, "WHATSAPP", "whatsapp:+447700900555"],
    ]);
    expect(conversation.communications[0].resourceId).toBe("SM" + "a".repeat(32));
    expect(conversation.createdAt).toEqual(start);
    expect(conversation.lastActivityAt).toEqual(new Date(start.getTime() + 9 * minute));
    // WhatsApp's default timeouts: inactive after 60 minutes, closed after a day.
    expect(conversation.inactiveAt).toEqual(new Date(start.getTime() + 69 * minute));
    expect(conversation.closedAt).toEqual(new Date(start.getTime() + (9 + 24 * 60) * minute));

    const profile = await prisma.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: customer.id } } });
    expect(profile.lastContactAt).toEqual(conversation.lastActivityAt);
    expect(await prisma.auditEvent.count({ where: { storeId, action: "conversation.create", resourceId: conversation.id } })).toBe(1);
  });

  it("keeps open conversations open and never moves lastContactAt backwards", async () => {
    const prisma = await getPrisma();
    const customer = await buildProfile(prisma, { storeId, identifiers: [{ idType: "phone", value: "+12065550177" }] });
    const participants = [
      { type: "CUSTOMER" as const, addresses: [{ channel: "SMS" as const, address: "+12065550177" }], profileId: customer.id },
      { type: "AI_AGENT" as const, name: "Trailhead Assistant", addresses: [] },
    ];
    const recent = new Date(Date.now() - 10 * minute);
    const active = await buildConversation(prisma, {
      storeId,
      channel: "SMS",
      status: "ACTIVE",
      participants,
      communications: [
        { author: 0, text: "Is the 45L pack back in stock?", occurredAt: new Date(recent.getTime() - 2 * minute) },
        { author: 1, text: "It is! Want me to hold one?", occurredAt: recent },
      ],
    });
    expect(active).toMatchObject({ status: "ACTIVE", inactiveAt: null, closedAt: null, lastActivityAt: recent });
    // An agent without an address writes on the conversation's channel.
    expect(active.communications[1]).toMatchObject({ authorChannel: "SMS", authorAddress: null });

    const older = new Date(Date.now() - 3 * 60 * minute);
    const inactive = await buildConversation(prisma, {
      storeId,
      channel: "SMS",
      status: "INACTIVE",
      participants,
      communications: [
        { author: 0, text: "Do you rent bear canisters?", occurredAt: older },
        { author: 1, text: "Yes, $5 a day.", occurredAt: new Date(older.getTime() + minute) },
        { author: 0, text: "Great, two please.", occurredAt: new Date(older.getTime() + 5 * minute) },
      ],
    });
    expect(inactive.closedAt).toBeNull();
    expect(inactive.inactiveAt).toEqual(new Date(older.getTime() + 65 * minute));
    const profile = await prisma.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: customer.id } } });
    expect(profile.lastContactAt).toEqual(recent);
  });

  it("rejects a message from someone who is not a participant", async () => {
    await expect(
      buildConversation(await getPrisma(), {
        storeId,
        channel: "CHAT",
        participants: [{ type: "CUSTOMER", addresses: [{ channel: "CHAT", address: "web-1" }] }],
        communications: [{ author: "web-2", text: "hello", occurredAt: new Date() }],
      }),
    ).rejects.toThrow(/No participant/);
  });

  it("draws the same numbers from the same seed", () => {
    const first = createSeededRandom(7);
    const second = createSeededRandom(7);
    const draws = Array.from({ length: 5 }, () => [first.integer(1, 1000), first.hex(8)]);
    expect(Array.from({ length: 5 }, () => [second.integer(1, 1000), second.hex(8)])).toEqual(draws);
    expect(createSeededRandom(8).integer(1, 1_000_000)).not.toBe(createSeededRandom(7).integer(1, 1_000_000));
  });
});
