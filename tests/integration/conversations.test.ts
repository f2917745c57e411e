import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { newId } from "@/lib/ids";
import { updateStore } from "@/lib/stores/update-store";
import { applyConversationTimeouts } from "@/lib/conversations/apply-conversation-timeouts";
import { buildConversation } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

const minute = 60_000;
const conversationsPath = (storeId: string) => `/v1/Stores/${storeId}/Conversations`;
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * minute).toISOString();
const unique = (prefix: string) => `${prefix}-${newId("communication").slice(-10)}`;

type Address = { channel: string; address: string };
const customer = (addresses: Address[], name?: string) => ({ type: "CUSTOMER", ...(name ? { name } : {}), addresses });
const agent = { type: "HUMAN_AGENT", name: "Agent Smith", addresses: [{ channel: "EMAIL", address: "smith@shop.example" }] };
const bot = { type: "AI_AGENT", name: "Kith bot" };

async function identifiersOf(storeId: string, profileId: string) {
  const prisma = await getPrisma();
  return (await prisma.identifier.findMany({ where: { storeId, profileId }, orderBy: [{ idType: "asc" }, { value: "asc" }] })).map((row) => `${row.idType}:${row.value}`);
}

async function counts(storeId: string) {
  const prisma = await getPrisma();
  const [conversations, participants, communications, profiles, identifiers] = await Promise.all([
    prisma.conversation.count({ where: { storeId } }),
    prisma.participant.count({ where: { storeId } }),
    prisma.communication.count({ where: { storeId } }),
    prisma.profile.count({ where: { storeId } }),
    prisma.identifier.count({ where: { storeId } }),
  ]);
  return { conversations, participants, communications, profiles, identifiers };
}

describe("conversations API", () => {
  let storeId: string;
  let auth: string;
  const post = (json: unknown, key = auth) => callApi("POST", conversationsPath(storeId), { auth: key, json });

  beforeAll(async () => {
    storeId = (await createTestStore("conversations")).id;
    auth = await createTestKey("AGENT", storeId);
  });

  describe("ingesting whole conversations", () => {
    it("moves an earlier participant to the survivor when a later participant's addresses merge its profile", async () => {
      const prisma = await getPrisma();
      const profiles = `/v1/Stores/${storeId}/Profiles`;
      const older = (await callApi("POST", profiles, { auth, json: { traits: { Contact: { email: unique("older").toLowerCase() + "@example.com" } } } })).body;
      const olderEmail = (await prisma.identifier.findFirstOrThrow({ where: { storeId, profileId: older.id } })).value;
      const newer = (await callApi("POST", profiles, { auth, json: { traits: { Contact: { phone: "+1 303 555 0171" } } } })).body;
      await callApi("POST", `${profiles}/${newer.id}/Identifiers`, { auth, json: { idType: "phone", value: "+1 303 555 0172" } });
      const response = await post({
        channel: "SMS",
        participants: [
          customer([{ channel: "SMS", address: "+13035550171" }], "First"),
          customer([{ channel: "EMAIL", address: olderEmail }, { channel: "SMS", address: "+13035550172" }], "Second"),
        ],
        communications: [{ author: { channel: "SMS", address: "+13035550171" }, content: { text: "We are one person" }, occurredAt: at(3), resourceId: unique("SM") }],
      });
      expect(response.status, response.text).toBe(201);
      // The second record matched both profiles: the newer one was folded into the older one,
      // and the first participant, stored pointing at the newer one, now points at the survivor.
      expect(response.body.participants.map((participant: { profileId: string }) => participant.profileId)).toEqual([older.id, older.id]);
      const stored = await prisma.participant.findMany({ where: { storeId, conversationId: response.body.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      expect(stored.map((participant) => participant.profileId)).toEqual([older.id, older.id]);
      expect(await prisma.profile.findUnique({ where: { storeId_id: { storeId, id: newer.id } } })).toBeNull();
    });

    it("resolves an SMS customer whatever the phone format, and answers each participant as sent with its id and profileId", async () => {
      const response = await post({
        channel: "SMS",
        participants: [customer([{ channel: "SMS", address: "(415) 555-0123" }], "Ada"), agent],
        communications: [
          { author: { channel: "SMS", address: "+1 415 555 0123" }, content: { text: "My tent pole snapped" }, occurredAt: at(10), resourceId: unique("SM") },
          { author: { channel: "EMAIL", address: "Smith@Shop.example" }, content: { text: "Sending a new one" }, occurredAt: at(9) },
        ],
      });
      expect(response.status).toBe(201);
      const conversation = response.body;
      expect(conversation.id).toMatch(/^conv_conversation_[0-7][0-9a-z]{25}$/);
      expect(response.headers.get("location")).toContain(`/Conversations/${conversation.id}`);
      expect(conversation).toMatchObject({ channel: "SMS", status: "ACTIVE", closedAt: null, warnings: [] });
      const [ada, smith] = conversation.participants;
      expect(ada).toMatchObject({ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "(415) 555-0123" }] });
      expect(ada.id).toMatch(/^conv_participant_/);
      expect(ada.profileId).toMatch(/^mem_profile_/);
      expect(smith).toMatchObject({ type: "HUMAN_AGENT", name: "Agent Smith", profileId: null, resolutionId: null });
      expect(await identifiersOf(storeId, ada.profileId)).toEqual(["phone:+14155550123"]);

      const [first, second] = conversation.communications;
      expect(first.id).toMatch(/^conv_communication_/);
      expect(first).toMatchObject({ conversationId: conversation.id, content: { text: "My tent pole snapped" }, author: { id: ada.id, type: "CUSTOMER", channel: "SMS", address: "+1 415 555 0123", profileId: ada.profileId } });
      expect(second).toMatchObject({ resourceId: null, author: { id: smith.id, type: "HUMAN_AGENT" } });
      expect(conversation.lastActivityAt).toBe(second.occurredAt);

      const prisma = await getPrisma();
      const profile = await prisma.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: ada.profileId } } });
      expect(profile.lastContactAt?.toISOString()).toBe(second.occurredAt);
    });

    it("puts the same customer on another channel's conversation (VOICE, digits only) on the same profile", async () => {
      const sms = await post({ channel: "SMS", participants: [customer([{ channel: "SMS", address: "415.555.0177" }])] });
      const voice = await post({
        channel: "VOICE",
        participants: [customer([{ channel: "VOICE", address: "14155550177" }]), bot],
        communications: [{ author: { channel: "VOICE", address: "tel:+14155550177" }, content: { text: "Hello?" }, occurredAt: at(5) }],
      });
      expect(voice.status).toBe(201);
      expect(voice.body.participants[0].profileId).toBe(sms.body.participants[0].profileId);
      expect(voice.body.participants[1]).toMatchObject({ type: "AI_AGENT", name: "Kith bot", addresses: [], profileId: null });
    });

    it("strips whatsapp: and resolves WhatsApp, e-mail and chat customers to their identifier types", async () => {
      const whatsapp = await post({
        channel: "WHATSAPP",
        participants: [customer([{ channel: "WHATSAPP", address: "whatsapp:+44 7700 900123" }]), bot],
        communications: [{ author: { channel: "WHATSAPP", address: "whatsapp:+447700900123" }, content: { text: "Hi" }, occurredAt: at(3) }],
      });
      expect(whatsapp.status).toBe(201);
      expect(await identifiersOf(storeId, whatsapp.body.participants[0].profileId)).toEqual(["whatsapp:+447700900123"]);

      const email = await post({ channel: "EMAIL", participants: [customer([{ channel: "EMAIL", address: " Grace@Example.COM " }]), agent] });
      expect(await identifiersOf(storeId, email.body.participants[0].profileId)).toEqual(["email:grace@example.com"]);

      const chat = await post({ channel: "CHAT", participants: [customer([{ channel: "CHAT", address: " visitor-42 " }])] });
      expect(await identifiersOf(storeId, chat.body.participants[0].profileId)).toEqual(["chat:visitor-42"]);
      const again = await post({ channel: "CHAT", participants: [customer([{ channel: "CHAT", address: "visitor-42" }])] });
      expect(again.body.participants[0].profileId).toBe(chat.body.participants[0].profileId);
    });

    it("makes one customer with a phone and an e-mail address one profile", async () => {
      const response = await post({
        channel: "EMAIL",
        participants: [customer([{ channel: "EMAIL", address: "Lin@Example.com" }, { channel: "SMS", address: "+1 (212) 555-0142" }], "Lin")],
      });
      const profileId = response.body.participants[0].profileId;
      expect(await identifiersOf(storeId, profileId)).toEqual(["email:lin@example.com", "phone:+12125550142"]);
      const bySms = await post({ channel: "SMS", participants: [customer([{ channel: "SMS", address: "2125550142" }])] });
      expect(bySms.body.participants[0].profileId).toBe(profileId);
    });

    it("looks UNKNOWN participants up without creating profiles, and never resolves agents", async () => {
      const known = await post({ channel: "EMAIL", participants: [customer([{ channel: "EMAIL", address: "known@example.com" }])] });
      const before = await counts(storeId);
      const response = await post({
        channel: "EMAIL",
        participants: [
          { type: "UNKNOWN", addresses: [{ channel: "EMAIL", address: "KNOWN@example.com" }] },
          { type: "UNKNOWN", addresses: [{ channel: "EMAIL", address: "stranger@example.com" }] },
          { type: "HUMAN_AGENT", addresses: [{ channel: "EMAIL", address: "known@example.com" }] },
          { type: "AI_AGENT", addresses: [{ channel: "EMAIL", address: "new-bot@example.com" }] },
        ],
      });
      expect(response.status).toBe(201);
      expect(response.body.participants.map((participant: { profileId: string | null }) => participant.profileId)).toEqual([known.body.participants[0].profileId, null, null, null]);
      const after = await counts(storeId);
      expect(after.profiles).toBe(before.profiles);
      expect(after.identifiers).toBe(before.identifiers);
      const prisma = await getPrisma();
      const lookup = await prisma.resolutionRecord.findUniqueOrThrow({ where: { storeId_id: { storeId, id: response.body.participants[1].resolutionId } } });
      expect(lookup.outcome).toBe("NOT_FOUND");
    });

    it("records an address that cannot be normalised as a conflict: no identifier, no profile, the participant keeps it as sent", async () => {
      const before = await counts(storeId);
      const response = await post({
        channel: "SMS",
        participants: [customer([{ channel: "SMS", address: "call me maybe" }]), agent],
        communications: [{ author: { channel: "SMS", address: "call me maybe" }, content: { text: "hi" }, occurredAt: at(2) }],
      });
      expect(response.status).toBe(201);
      const [participant] = response.body.participants;
      expect(participant).toMatchObject({ addresses: [{ channel: "SMS", address: "call me maybe" }], profileId: null });
      expect(response.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: "participants.0.addresses" })]));
      expect(response.body.communications[0].author.id).toBe(participant.id);
      const after = await counts(storeId);
      expect(after.profiles).toBe(before.profiles);
      expect(after.identifiers).toBe(before.identifiers);
      const prisma = await getPrisma();
      const record = await prisma.resolutionRecord.findUniqueOrThrow({ where: { storeId_id: { storeId, id: participant.resolutionId } } });
      expect(JSON.stringify(record.reasons)).toContain("call me maybe");
      expect(await prisma.identifier.count({ where: { storeId, value: { contains: "call me" } } })).toBe(0);

      // One bad address among good ones: the good one identifies the customer.
      const mixed = await post({ channel: "SMS", participants: [customer([{ channel: "EMAIL", address: "mixed@example.com" }, { channel: "SMS", address: "123" }])] });
      expect(await identifiersOf(storeId, mixed.body.participants[0].profileId)).toEqual(["email:mixed@example.com"]);
      expect(mixed.body.warnings).toHaveLength(1);
    });

    it("refuses an author who is not a participant (400 naming it), storing nothing", async () => {
      const before = await counts(storeId);
      const response = await post({
        channel: "SMS",
        participants: [customer([{ channel: "SMS", address: "+14155550100" }])],
        communications: [
          { author: { channel: "SMS", address: "+1 415 555 0100" }, content: { text: "ok" }, occurredAt: at(1) },
          { author: { channel: "SMS", address: "+14155550999" }, content: { text: "who?" }, occurredAt: at(1) },
          { author: { participantId: "conv_participant_01h00000000000000000000000" }, content: { text: "who?" }, occurredAt: at(1) },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toEqual(["communications.1.author", "communications.2.author.participantId"]);
      expect(await counts(storeId)).toEqual(before);
    });

    it("validates the body: malformed JSON, unknown fields, bad enums and dates, limits", async () => {
      const malformed = await callApi("POST", conversationsPath(storeId), { auth, body: '{"channel": "SMS",', headers: { "content-type": "application/json" } });
      expect(malformed.status).toBe(400);
      expect((await post({ channel: "FAX", participants: [bot] })).status).toBe(400);
      expect((await post({ channel: "SMS", participants: [] })).status).toBe(400);
      expect((await post({ channel: "SMS", participants: [bot], extra: 1 })).status).toBe(400);
      const badDate = await post({ channel: "CHAT", participants: [bot], communications: [{ author: { channel: "CHAT", address: "x" }, content: { text: "x" }, occurredAt: "yesterday" }] });
      expect(badDate.status).toBe(400);
      expect(badDate.body.details[0].path).toBe("communications.0.occurredAt");

      const long = await post({ channel: "CHAT", participants: [bot], communications: [{ author: { channel: "CHAT", address: "x" }, content: { text: "é".repeat(33 * 1024) }, occurredAt: at(1) }] });
      expect(long.status).toBe(400);
      expect(long.body.details[0].path).toBe("communications.0.content.text");
      const many = Array.from({ length: 1001 }, () => ({ author: { participantId: "p" }, content: { text: "x" }, occurredAt: at(1) }));
      expect((await post({ channel: "CHAT", participants: [bot], communications: many })).status).toBe(400);
      const oversized = await post({ channel: "CHAT", participants: [bot], communications: Array.from({ length: 20 }, () => ({ author: { participantId: "p" }, content: { text: "x".repeat(60_000) }, occurredAt: at(1) })) });
      expect(oversized.status).toBe(413);
    });
  });

  describe("idempotency", () => {
    const conversation = () => {
      const sid = unique("SM");
      return {
        channel: "SMS",
        participants: [customer([{ channel: "SMS", address: "+1 415 555 0155" }], "Idem"), agent],
        communications: [
          { author: { channel: "SMS", address: "4155550155" }, content: { text: "first" }, occurredAt: at(20), resourceId: `${sid}-1` },
          { author: { channel: "EMAIL", address: "smith@shop.example" }, content: { text: "second" }, occurredAt: at(19), resourceId: `${sid}-2` },
        ],
      };
    };

    it("answers the same conversation again with the same ids and changes nothing", async () => {
      const body = conversation();
      const first = await post(body);
      expect(first.status).toBe(201);
      const before = await counts(storeId);
      const prisma = await getPrisma();
      const auditsBefore = await prisma.auditEvent.count({ where: { storeId } });
      const second = await post(body);
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.participants).toEqual(first.body.participants);
      expect(second.body.communications.map((item: { id: string }) => item.id)).toEqual(first.body.communications.map((item: { id: string }) => item.id));
      expect(await counts(storeId)).toEqual(before);
      expect(await prisma.auditEvent.count({ where: { storeId } })).toBe(auditsBefore);

      // Re-sent with one more message: only that one is added; participants are matched, not duplicated.
      const extended = { ...body, communications: [...body.communications, { author: { channel: "SMS", address: "+14155550155" }, content: { text: "third" }, occurredAt: at(18), resourceId: `${body.communications[0].resourceId}-3` }] };
      const third = await post(extended);
      expect(third.status).toBe(200);
      expect(third.body.id).toBe(first.body.id);
      expect(third.body.communications.slice(0, 2)).toEqual(first.body.communications);
      expect(await counts(storeId)).toEqual({ ...before, communications: before.communications + 1 });
    });

    it("stores one communication for one resourceId, even twice in one request", async () => {
      const body = conversation();
      body.communications.push({ ...body.communications[0] });
      const response = await post(body);
      expect(response.status).toBe(201);
      expect(response.body.communications[2].id).toBe(response.body.communications[0].id);
      const prisma = await getPrisma();
      expect(await prisma.communication.count({ where: { storeId, conversationId: response.body.id } })).toBe(2);
    });

    it("ends concurrent duplicate deliveries in one conversation with one copy of each communication", async () => {
      const { id } = await createTestStore("conversations-race");
      const key = await createTestKey("AGENT", id);
      const body = conversation();
      const responses = await Promise.all(Array.from({ length: 20 }, () => callApi("POST", conversationsPath(id), { auth: key, json: body })));
      expect(responses.map((response) => response.status).sort()).toEqual([...Array.from({ length: 19 }, () => 200), 201]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      expect(await counts(id)).toEqual({ conversations: 1, participants: 2, communications: 2, profiles: 1, identifiers: 1 });
    });

    it("puts one new customer writing in 20 conversations at once on one profile", async () => {
      const { id } = await createTestStore("conversations-race-customer");
      const key = await createTestKey("AGENT", id);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          callApi("POST", conversationsPath(id), {
            auth: key,
            json: {
              channel: index % 2 ? "SMS" : "WHATSAPP",
              participants: [customer(index % 2 ? [{ channel: "SMS", address: `(415) 555-01${10 + index}` }, { channel: "EMAIL", address: "Racer@Example.com" }] : [{ channel: "EMAIL", address: "racer@example.com" }]), agent],
              communications: [{ author: { channel: "EMAIL", address: "racer@example.com" }, content: { text: `message ${index}` }, occurredAt: at(index), resourceId: unique(`race-${index}`) }],
            },
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 201));
      expect(new Set(responses.map((response) => response.body.participants[0].profileId)).size).toBe(1);
      expect(await counts(id)).toMatchObject({ conversations: 20, communications: 20, profiles: 1, identifiers: 11 });
    });

    it("refuses resourceIds that belong to another conversation or channel (409)", async () => {
      const a = conversation();
      const b = conversation();
      await post(a);
      await post(b);
      const mixed = { ...a, communications: [a.communications[0], b.communications[0]] };
      expect((await post(mixed)).status).toBe(409);
      expect((await post({ ...a, channel: "WHATSAPP" })).status).toBe(409);
    });
  });

  describe("appending and reading communications", () => {
    let conversationId: string;
    let customerId: string;
    beforeAll(async () => {
      const created = await post({ channel: "CHAT", participants: [customer([{ channel: "CHAT", address: "reader-1" }]), bot] });
      conversationId = created.body.id;
      customerId = created.body.participants[0].id;
    });
    const communicationsPath = () => `${conversationsPath(storeId)}/${conversationId}/Communications`;

    it("appends by address and by participantId, idempotently, and reads the thread oldest first by occurredAt", async () => {
      const botId = (await callApi("GET", `${conversationsPath(storeId)}/${conversationId}`, { auth })).body.participants[1].id;
      const sid = unique("chat");
      const appended = await callApi("POST", communicationsPath(), {
        auth,
        json: {
          communications: [
            { author: { channel: "CHAT", address: " reader-1 " }, content: { text: "two" }, occurredAt: at(30), resourceId: `${sid}-2` },
            { author: { participantId: botId }, content: { text: "three" }, occurredAt: at(29), resourceId: `${sid}-3` },
          ],
        },
      });
      expect(appended.status).toBe(201);
      expect(appended.body.communications[0].author).toMatchObject({ id: customerId, address: " reader-1 " });
      expect(appended.body.communications[1].author).toMatchObject({ id: botId, type: "AI_AGENT", channel: "CHAT", address: null });
      // A message dated earlier, delivered later, takes its place in the thread.
      const late = await callApi("POST", communicationsPath(), {
        auth,
        json: { communications: [{ author: { participantId: customerId }, content: { text: "one" }, occurredAt: at(31), resourceId: `${sid}-1` }, { author: { participantId: botId }, content: { text: "three" }, occurredAt: at(29), resourceId: `${sid}-3` }] },
      });
      expect(late.status).toBe(201);
      expect(late.body.communications[1].id).toBe(appended.body.communications[1].id);
      const repeat = await callApi("POST", communicationsPath(), { auth, json: { communications: [{ author: { participantId: botId }, content: { text: "three" }, occurredAt: at(29), resourceId: `${sid}-3` }] } });
      expect(repeat.status).toBe(200);

      const page1 = await callApi("GET", `${communicationsPath()}?pageSize=2`, { auth });
      expect(page1.status).toBe(200);
      expect(page1.body.communications.map((item: { content: { text: string } }) => item.content.text)).toEqual(["one", "two"]);
      expect(page1.body.meta).toMatchObject({ key: "communications", pageSize: 2 });
      const page2 = await callApi("GET", `${communicationsPath()}?pageSize=2&pageToken=${page1.body.meta.nextToken}`, { auth });
      expect(page2.body.communications.map((item: { content: { text: string } }) => item.content.text)).toEqual(["three"]);
      expect(page2.body.meta.nextToken).toBeUndefined();
      const back = await callApi("GET", `${communicationsPath()}?pageSize=2&pageToken=${page2.body.meta.previousToken}`, { auth });
      expect(back.body.communications.map((item: { content: { text: string } }) => item.content.text)).toEqual(["one", "two"]);
      const newest = await callApi("GET", `${communicationsPath()}?orderBy=DESC`, { auth });
      expect(newest.body.communications.map((item: { content: { text: string } }) => item.content.text)).toEqual(["three", "two", "one"]);
      expect((await callApi("GET", `${communicationsPath()}?pageToken=nonsense`, { auth })).status).toBe(400);
    });

    it("refuses a stranger as author (400) and another conversation's resourceId (409)", async () => {
      const stranger = await callApi("POST", communicationsPath(), { auth, json: { communications: [{ author: { channel: "CHAT", address: "someone-else" }, content: { text: "hi" }, occurredAt: at(1) }] } });
      expect(stranger.status).toBe(400);
      expect(stranger.body.details[0].path).toBe("communications.0.author");
      const other = await post({ channel: "CHAT", participants: [bot], communications: [{ author: { channel: "CHAT", address: "x" }, content: { text: "x" }, occurredAt: at(1) }] });
      expect(other.status).toBe(400); // the bot has no address: authors by address need one
      const sid = unique("other");
      await post({ channel: "CHAT", participants: [customer([{ channel: "CHAT", address: "other-1" }])], communications: [{ author: { channel: "CHAT", address: "other-1" }, content: { text: "x" }, occurredAt: at(1), resourceId: sid }] });
      const taken = await callApi("POST", communicationsPath(), { auth, json: { communications: [{ author: { participantId: customerId }, content: { text: "x" }, occurredAt: at(1), resourceId: sid }] } });
      expect(taken.status).toBe(409);
      expect((await callApi("POST", communicationsPath(), { auth, json: { communications: [] } })).status).toBe(400);
    });
  });

  describe("listing, reading and changing status", () => {
    let listStoreId: string;
    let key: string;
    let profileId: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      listStoreId = (await createTestStore("conversations-list")).id;
      key = await createTestKey("AGENT", listStoreId);
      const send = (json: unknown) => callApi("POST", conversationsPath(listStoreId), { auth: key, json });
      const sms = await send({ channel: "SMS", participants: [customer([{ channel: "SMS", address: "+14155550161" }])] });
      profileId = sms.body.participants[0].profileId;
      ids.sms = sms.body.id;
      ids.email = (await send({ channel: "EMAIL", participants: [customer([{ channel: "EMAIL", address: "other@example.com" }])] })).body.id;
      ids.voice = (await send({ channel: "VOICE", status: "INACTIVE", participants: [customer([{ channel: "VOICE", address: "4155550161" }])] })).body.id;
      ids.closed = (await send({ channel: "SMS", status: "CLOSED", participants: [bot] })).body.id;
    });
    const list = (query = "") => callApi("GET", `${conversationsPath(listStoreId)}${query}`, { auth: key });
    const idsOf = (response: { body: { conversations: { id: string }[] } }) => response.body.conversations.map((conversation) => conversation.id);

    it("lists newest first with paging and filters by status, channel and profileId", async () => {
      const all = await list();
      expect(all.status).toBe(200);
      expect(idsOf(all)).toEqual([ids.closed, ids.voice, ids.email, ids.sms]);
      expect(all.body.conversations[3].participants[0].profileId).toBe(profileId);
      const page1 = await list("?pageSize=3");
      expect(idsOf(page1)).toEqual([ids.closed, ids.voice, ids.email]);
      expect(idsOf(await list(`?pageSize=3&pageToken=${page1.body.meta.nextToken}`))).toEqual([ids.sms]);
      expect(idsOf(await list("?orderBy=ASC&pageSize=1"))).toEqual([ids.sms]);
      expect(idsOf(await list("?status=INACTIVE"))).toEqual([ids.voice]);
      expect(idsOf(await list("?channel=SMS"))).toEqual([ids.closed, ids.sms]);
      expect(idsOf(await list(`?profileId=${profileId}`))).toEqual([ids.voice, ids.sms]);
      expect(idsOf(await list(`?profileId=${profileId}&status=ACTIVE`))).toEqual([ids.sms]);
      expect((await list("?status=OPEN")).status).toBe(400);
    });

    it("reads one conversation; closed-at-ingest ones carry closedAt", async () => {
      const read = await callApi("GET", `${conversationsPath(listStoreId)}/${ids.closed}`, { auth: key });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: ids.closed, status: "CLOSED", channel: "SMS", participants: [{ type: "AI_AGENT" }] });
      expect(read.body.closedAt).not.toBeNull();
    });

    it("moves ACTIVE → INACTIVE → ACTIVE → CLOSED, audits each change, and refuses to reopen or append to a closed one (409)", async () => {
      const path = `${conversationsPath(listStoreId)}/${ids.sms}`;
      const patch = (status: string) => callApi("PATCH", path, { auth: key, json: { status } });
      const inactive = await patch("INACTIVE");
      expect(inactive.status).toBe(200);
      expect(inactive.body).toMatchObject({ status: "INACTIVE", closedAt: null });
      expect(inactive.body.inactiveAt).not.toBeNull();
      const active = await patch("ACTIVE");
      expect(active.body).toMatchObject({ status: "ACTIVE", inactiveAt: null });
      expect((await patch("ACTIVE")).status).toBe(200);
      const closed = await patch("CLOSED");
      expect(closed.body.status).toBe("CLOSED");
      expect(closed.body.closedAt).not.toBeNull();
      const reopen = await patch("ACTIVE");
      expect(reopen.status).toBe(409);
      expect((await patch("INACTIVE")).status).toBe(409);
      expect((await patch("CLOSED")).status).toBe(200);
      expect((await patch("OPEN")).status).toBe(400);
      const participantId = closed.body.participants[0].id;
      const append = await callApi("POST", `${path}/Communications`, { auth: key, json: { communications: [{ author: { participantId }, content: { text: "late" }, occurredAt: at(0) }] } });
      expect(append.status).toBe(409);

      const prisma = await getPrisma();
      const audits = await prisma.auditEvent.findMany({ where: { storeId: listStoreId, resourceId: ids.sms, action: "conversation.status" }, orderBy: { id: "asc" } });
      expect(audits.map((event) => (event.after as { status: string }).status)).toEqual(["INACTIVE", "ACTIVE", "CLOSED"]);
      expect(audits.every((event) => event.actorType === "API_KEY")).toBe(true);
    });

    it("wakes an INACTIVE conversation when a message arrives", async () => {
      const path = `${conversationsPath(listStoreId)}/${ids.voice}`;
      const participantId = (await callApi("GET", path, { auth: key })).body.participants[0].id;
      const append = await callApi("POST", `${path}/Communications`, { auth: key, json: { communications: [{ author: { participantId }, content: { text: "back" }, occurredAt: at(0) }] } });
      expect(append.status).toBe(201);
      expect(append.body.communications[0].author).toMatchObject({ channel: "VOICE", address: "4155550161" });
      expect((await callApi("GET", path, { auth: key })).body).toMatchObject({ status: "ACTIVE", inactiveAt: null });
    });

    it("answers 401 without credentials and 404 for another store's conversation, an unknown id or a store out of scope", async () => {
      expect((await callApi("GET", conversationsPath(listStoreId))).status).toBe(401);
      expect((await callApi("POST", conversationsPath(listStoreId), { json: { channel: "SMS", participants: [bot] } })).status).toBe(401);
      const otherKey = await createTestKey("AGENT", storeId);
      expect((await callApi("GET", `${conversationsPath(storeId)}/${ids.sms}`, { auth: otherKey })).status).toBe(404);
      expect((await callApi("PATCH", `${conversationsPath(storeId)}/${ids.email}`, { auth: otherKey, json: { status: "CLOSED" } })).status).toBe(404);
      expect((await callApi("GET", `${conversationsPath(storeId)}/${ids.sms}/Communications`, { auth: otherKey })).status).toBe(404);
      expect((await callApi("GET", `${conversationsPath(listStoreId)}/${ids.sms}`, { auth: otherKey })).status).toBe(404);
      expect((await callApi("GET", `${conversationsPath(listStoreId)}/not-an-id`, { auth: key })).status).toBe(404);
      expect((await callApi("GET", `${conversationsPath(listStoreId)}/${newId("conversation")}`, { auth: key })).status).toBe(404);
    });
  });
});

describe("per-channel inactivity timeouts", () => {
  it("moves quiet conversations to INACTIVE and CLOSED by their store's channel timeouts, idempotently, audited as the system", async () => {
    const prisma = await getPrisma();
    const store = await createTestStore("timeouts");
    const storeId = store.id;
    await updateStore({ storeId, patch: { conversationTimeouts: { CHAT: { inactiveAfterMinutes: 10, closedAfterMinutes: 30 } } }, actor: systemActor });
    const now = new Date("2030-01-01T12:00:00.000Z");
    const ago = (minutes: number) => new Date(now.getTime() - minutes * minute);
    const build = (channel: "SMS" | "CHAT" | "EMAIL", status: "ACTIVE" | "INACTIVE", lastMinutesAgo: number) =>
      buildConversation(prisma, {
        storeId,
        channel,
        status,
        participants: [{ type: "AI_AGENT", name: "bot" }],
        communications: [{ author: 0, text: "hello", occurredAt: ago(lastMinutesAgo) }],
      });
    // SMS defaults: INACTIVE after 60 min, CLOSED after 24 h. CHAT (this store): 10 and 30 min.
    const smsFresh = await build("SMS", "ACTIVE", 30);
    const smsIdle = await build("SMS", "ACTIVE", 90);
    const smsOld = await build("SMS", "ACTIVE", 25 * 60);
    const smsInactiveOld = await build("SMS", "INACTIVE", 25 * 60);
    const chatIdle = await build("CHAT", "ACTIVE", 15);
    const chatOld = await build("CHAT", "ACTIVE", 45);
    const emailDay = await build("EMAIL", "ACTIVE", 24 * 60);

    const result = await applyConversationTimeouts({ storeId, now, batchSize: 1 });
    expect(result).toEqual({ inactivated: 2, closed: 3 });
    const rows = new Map((await prisma.conversation.findMany({ where: { storeId } })).map((row) => [row.id, row]));
    const statusOf = (id: string) => rows.get(id)!.status;
    expect([smsFresh, smsIdle, smsOld, smsInactiveOld, chatIdle, chatOld, emailDay].map((conversation) => statusOf(conversation.id))).toEqual([
      "ACTIVE",
      "INACTIVE",
      "CLOSED",
      "CLOSED",
      "INACTIVE",
      "CLOSED",
      "ACTIVE",
    ]);
    // Stamped when they went quiet: last activity plus the timeout.
    expect(rows.get(smsIdle.id)!.inactiveAt).toEqual(ago(30));
    expect(rows.get(chatOld.id)!.closedAt).toEqual(ago(15));
    expect(rows.get(chatOld.id)!.inactiveAt).toEqual(ago(35));
    expect(rows.get(smsOld.id)!.closedAt).toEqual(ago(60));

    expect(await applyConversationTimeouts({ storeId, now, batchSize: 1 })).toEqual({ inactivated: 0, closed: 0 });
    const audits = await prisma.auditEvent.findMany({ where: { storeId, action: "conversation.status" } });
    expect(audits).toHaveLength(5);
    expect(audits.every((event) => event.actorType === "SYSTEM")).toBe(true);
    expect(audits.find((event) => event.resourceId === smsInactiveOld.id)?.before).toEqual({ status: "INACTIVE" });

    // A day later, across all stores: the fresh and idle ones close too; e-mail waits for its 3 days.
    const later = await applyConversationTimeouts({ storeId: null, now: new Date(now.getTime() + 24 * 60 * minute) });
    expect(later.closed).toBeGreaterThanOrEqual(3);
    const statuses = await Promise.all([smsFresh, smsIdle, chatIdle, emailDay].map(async (conversation) => (await prisma.conversation.findUniqueOrThrow({ where: { storeId_id: { storeId, id: conversation.id } } })).status));
    expect(statuses).toEqual(["CLOSED", "CLOSED", "CLOSED", "ACTIVE"]);
  });
});
