import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { defaultTraitGroups } from "@/lib/traits/default-trait-groups";
import { buildConversation, buildProfile, buildProfiles, buildStore } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createTestKey } from "../helpers/test-actors";

const loyalty = {
  displayName: "Loyalty",
  traits: { tier: { dataType: "STRING" as const }, points: { dataType: "NUMBER" as const }, tags: { dataType: "ARRAY" as const } },
};

const profilesPath = (storeId: string) => `/v1/Stores/${storeId}/Profiles`;
const minute = 60_000;

/**
 * Two customers of one store and everything Kith holds about them: Ada (traits in two groups,
 * identifiers of three types, an observation with a revision, a summary, a merged-away id, a
 * resolution record, her own conversation and one shared with Bob) and Bob (his own data).
 */
async function buildPeople() {
  const prisma = await getPrisma();
  const store = await buildStore(prisma, { traitGroups: [...defaultTraitGroups, loyalty] });
  const storeId = store.id;
  const start = new Date(Date.now() - 60 * minute);
  const ada = await buildProfile(prisma, {
    storeId,
    createdAt: start,
    traits: { Contact: { firstName: "Ada", lastName: "Byron", email: "Ada@Example.com", phone: "+1 415 555 0123" }, Loyalty: { tier: "gold", points: 120, tags: ["hiking", "tents"] } },
    identifiers: [
      { idType: "user_id", value: "ada-001", createdAt: start },
      { idType: "email", value: "ada.byron@work.example", createdAt: new Date(start.getTime() + 10 * minute) },
    ],
  });
  const bob = await buildProfile(prisma, {
    storeId,
    createdAt: new Date(start.getTime() + minute),
    traits: { Contact: { firstName: "Bobby", lastName: "Tables", email: "bobby@example.org", phone: "+1 212 555 0188" }, Loyalty: { tier: "silver" } },
  });
  const agent = { type: "HUMAN_AGENT" as const, name: "Agent Smith", addresses: [{ channel: "CHAT" as const, address: "agent-7" }] };
  const adaChat = await buildConversation(prisma, {
    storeId,
    channel: "SMS",
    participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+14155550123" }], profileId: ada.id }, agent],
    communications: [
      { author: 0, text: "My tent pole snapped", occurredAt: new Date(start.getTime() + 2 * minute), resourceId: `sm-${newId("communication")}` },
      { author: 1, text: "Sorry to hear that, sending a new one", occurredAt: new Date(start.getTime() + 3 * minute) },
    ],
  });
  const bobChat = await buildConversation(prisma, {
    storeId,
    channel: "EMAIL",
    participants: [{ type: "CUSTOMER", name: "Bobby", addresses: [{ channel: "EMAIL", address: "bobby@example.org" }], profileId: bob.id }, agent],
    communications: [{ author: 0, text: "Where is my kayak order", occurredAt: new Date(start.getTime() + 4 * minute) }],
  });
  const sharedChat = await buildConversation(prisma, {
    storeId,
    channel: "CHAT",
    participants: [
      { type: "CUSTOMER", name: "Ada", addresses: [{ channel: "CHAT", address: "ada-chat" }], profileId: ada.id },
      { type: "CUSTOMER", name: "Bobby", addresses: [{ channel: "CHAT", address: "bobby-chat" }], profileId: bob.id },
      agent,
    ],
    communications: [
      { author: 0, text: "We are booking the group trip together", occurredAt: new Date(start.getTime() + 5 * minute) },
      { author: 1, text: "Yes, two tents please", occurredAt: new Date(start.getTime() + 6 * minute) },
    ],
  });

  const adaObservation = newId("observation");
  await prisma.observation.create({
    data: { storeId, id: adaObservation, profileId: ada.id, content: "Prefers ultralight tents", source: "EXTRACTION", status: "APPROVED", occurredAt: start, conversationIds: [adaChat.id], version: 2 },
  });
  await prisma.observationRevision.create({
    data: { storeId, id: newId("revision"), observationId: adaObservation, version: 1, content: "Likes tents", status: "PENDING", reason: "CREATED", actorType: "SYSTEM" },
  });
  const bobObservation = newId("observation");
  await prisma.observation.create({ data: { storeId, id: bobObservation, profileId: bob.id, content: "Owns a red kayak", source: "EXTRACTION", occurredAt: start } });
  await prisma.observationRevision.create({
    data: { storeId, id: newId("revision"), observationId: bobObservation, version: 1, content: "Owns a kayak", status: "PENDING", reason: "CREATED", actorType: "SYSTEM" },
  });
  await prisma.summary.create({ data: { storeId, id: newId("summary"), profileId: ada.id, conversationId: adaChat.id, content: "Ada's tent pole replaced", source: "EXTRACTION", occurredAt: start } });
  await prisma.summary.create({ data: { storeId, id: newId("summary"), profileId: bob.id, conversationId: bobChat.id, content: "Bobby chased his kayak order", source: "EXTRACTION", occurredAt: start } });

  // A profile once merged into Ada: its id is an alias now.
  const mergedAwayId = newId("profile");
  const mergeId = newId("merge");
  await prisma.merge.create({
    data: { storeId, id: mergeId, survivorProfileId: ada.id, sourceProfileId: mergedAwayId, status: "APPLIED", proposedBy: "RESOLVER", reason: { matchedBy: "email" }, undoData: { source: { traits: { Contact: { firstName: "Ada" } } } } },
  });
  await prisma.profileAlias.create({ data: { storeId, aliasId: mergedAwayId, profileId: ada.id, mergeId } });
  await prisma.resolutionRecord.create({
    data: { storeId, id: newId("resolution"), outcome: "ATTACHED", profileId: ada.id, input: [{ idType: "email", value: "ada@example.com" }], reasons: ["email matched"], source: "API" },
  });
  await prisma.resolutionRecord.create({
    data: { storeId, id: newId("resolution"), outcome: "CREATED", profileId: bob.id, input: [{ idType: "email", value: "bobby@example.org" }], reasons: ["no match"], source: "API" },
  });
  return { storeId, ada, bob, adaChat, bobChat, sharedChat, adaObservation, bobObservation, mergedAwayId, mergeId };
}

type People = Awaited<ReturnType<typeof buildPeople>>;

describe("profiles: reads", () => {
  let people: People;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    people = await buildPeople();
    admin = await createTestKey("ADMIN");
    agent = await createTestKey("AGENT", people.storeId);
  });

  it("reads a profile in Twilio's shape with Canonical-Profile-Id, filtered by trait groups", async () => {
    const { storeId, ada } = people;
    const response = await callApi("GET", `${profilesPath(storeId)}/${ada.id}`, { auth: agent });
    expect(response.status).toBe(200);
    expect(response.headers.get("canonical-profile-id")).toBe(ada.id);
    expect(response.body).toEqual({
      id: ada.id,
      createdAt: ada.createdAt.toISOString(),
      updatedAt: expect.any(String),
      displayName: "Ada Byron",
      lastContactAt: expect.any(String),
      traits: {
        Contact: { email: "Ada@Example.com", firstName: "Ada", lastName: "Byron", phone: "+1 415 555 0123" },
        Loyalty: { points: 120, tags: ["hiking", "tents"], tier: "gold" },
      },
    });
    const filtered = await callApi("GET", `${profilesPath(storeId)}/${ada.id}?traitGroups=Loyalty`, { auth: agent });
    expect(filtered.body.traits).toEqual({ Loyalty: { points: 120, tags: ["hiking", "tents"], tier: "gold" } });
    const both = await callApi("GET", `${profilesPath(storeId)}/${ada.id}?traitGroups=Loyalty,%20Contact,Nope`, { auth: agent });
    expect(Object.keys(both.body.traits)).toEqual(["Contact", "Loyalty"]);
    const bad = await callApi("GET", `${profilesPath(storeId)}/${ada.id}?traitGroups=has%20space`, { auth: agent });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe("traitGroups.0");
  });

  it("answers 301 to the survivor for a merged-away id, on every profile read", async () => {
    const { storeId, ada, mergedAwayId } = people;
    for (const suffix of ["", "/Traits", "/Identifiers", "/Identifiers/email", "/Export"]) {
      const response = await callApi("GET", `${profilesPath(storeId)}/${mergedAwayId}${suffix}?traitGroups=Contact`, { auth: admin });
      expect(response.status, suffix).toBe(301);
      expect(response.headers.get("canonical-profile-id")).toBe(ada.id);
      expect(response.headers.get("location")).toBe(`http://kith.test${profilesPath(storeId)}/${ada.id}${suffix}?traitGroups=Contact`);
      expect(response.body).toEqual({ message: "This resource has moved.", uri: response.headers.get("location") });
    }
    const erase = await callApi("DELETE", `${profilesPath(storeId)}/${mergedAwayId}`, { auth: admin });
    expect(erase.status).toBe(308);
    expect((await callApi("GET", `${profilesPath(storeId)}/${ada.id}`, { auth: admin })).status).toBe(200);
  });

  it("answers 404 for unknown, malformed and other stores' profile ids", async () => {
    const { storeId } = people;
    const prisma = await getPrisma();
    const elsewhere = await buildStore(prisma);
    const stranger = await buildProfile(prisma, { storeId: elsewhere.id, traits: { Contact: { email: "stranger@example.com" } } });
    for (const id of [newId("profile"), "mem_profile_nope", "not-an-id", newId("observation"), stranger.id]) {
      for (const suffix of ["", "/Traits", "/Identifiers", "/Identifiers/email", "/Export"]) {
        const response = await callApi("GET", `${profilesPath(storeId)}/${id}${suffix}`, { auth: admin });
        expect(response.status, `${id}${suffix}`).toBe(404);
        expect(response.body.code).toBe(20404);
      }
      expect((await callApi("DELETE", `${profilesPath(storeId)}/${id}`, { auth: admin })).status).toBe(404);
    }
    expect((await callApi("GET", `${profilesPath(elsewhere.id)}/${stranger.id}`, { auth: admin })).status).toBe(200);
  });

  it("lists flattened traits newest change first, filtered and paged", async () => {
    const { storeId, ada } = people;
    const prisma = await getPrisma();
    // Distinct change times, so the order is the change order.
    const order = ["firstName", "lastName", "email", "phone", "tier", "points", "tags"];
    for (const [index, traitName] of order.entries()) {
      await prisma.traitValue.updateMany({ where: { storeId, profileId: ada.id, traitName }, data: { updatedAt: new Date(Date.UTC(2025, 0, 1, 12, index)) } });
    }
    const all = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Traits`, { auth: agent });
    expect(all.status).toBe(200);
    expect(all.body.traits.map((trait: { name: string }) => trait.name)).toEqual([...order].reverse());
    expect(all.body.traits[0]).toEqual({ name: "tags", value: ["hiking", "tents"], traitGroup: "Loyalty", timestamp: "2025-01-01T12:06:00.000Z" });
    expect(all.body.meta).toEqual({ key: "traits", pageSize: 7 });

    const contact = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Traits?traitGroups=Contact&orderBy=ASC`, { auth: agent });
    expect(contact.body.traits.map((trait: { name: string }) => trait.name)).toEqual(["firstName", "lastName", "email", "phone"]);

    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Traits?pageSize=3${token ? `&pageToken=${token}` : ""}`, { auth: agent });
      names.push(...page.body.traits.map((trait: { name: string }) => trait.name));
      token = page.body.meta.nextToken;
      pages += 1;
      if (pages === 2) {
        const back = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Traits?pageSize=3&pageToken=${page.body.meta.previousToken}`, { auth: agent });
        expect(back.body.traits.map((trait: { name: string }) => trait.name)).toEqual(["tags", "points", "tier"]);
      }
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual([...order].reverse());
    expect((await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Traits?pageSize=101`, { auth: agent })).status).toBe(400);
  });

  it("lists identifiers by type in matching-rule priority, values in arrival order", async () => {
    const { storeId, ada } = people;
    const response = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Identifiers`, { auth: agent });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      identifiers: [
        { idType: "user_id", values: ["ada-001"] },
        { idType: "email", values: ["ada@example.com", "ada.byron@work.example"] },
        { idType: "phone", values: ["+14155550123"] },
      ],
    });
  });

  it("reads one identifier type, 404 when the profile has none of it", async () => {
    const { storeId, ada } = people;
    const email = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Identifiers/email`, { auth: agent });
    expect(email.status).toBe(200);
    expect(email.body).toEqual({ idType: "email", values: ["ada@example.com", "ada.byron@work.example"] });
    for (const idType of ["whatsapp", "passport"]) {
      const missing = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Identifiers/${idType}`, { auth: agent });
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain(idType);
    }
  });

  it("looks profiles up by an identifier normalised with the store's config", async () => {
    const { storeId, ada, bob } = people;
    const lookup = (body: unknown) => callApi("POST", `${profilesPath(storeId)}/Lookup`, { auth: agent, json: body });
    for (const value of ["(415) 555-0123", "415.555.0123", "+1 415 555 0123", "14155550123"]) {
      const response = await lookup({ idType: "phone", value });
      expect(response.status, value).toBe(200);
      expect(response.body).toEqual({ normalizedValue: "+14155550123", profiles: [ada.id] });
    }
    expect((await lookup({ idType: "email", value: "  BOBBY@Example.org " })).body).toEqual({ normalizedValue: "bobby@example.org", profiles: [bob.id] });
    expect((await lookup({ idType: "user_id", value: " ada-001 " })).body).toEqual({ normalizedValue: "ada-001", profiles: [ada.id] });
    expect((await lookup({ idType: "email", value: "nobody@example.com" })).body).toEqual({ normalizedValue: "nobody@example.com", profiles: [] });
  });

  it("rejects a lookup of an unknown type or an unnormalisable value with the field at fault", async () => {
    const { storeId } = people;
    const lookup = (body: unknown) => callApi("POST", `${profilesPath(storeId)}/Lookup`, { auth: agent, json: body });
    const cases: [unknown, string][] = [
      [{ idType: "passport", value: "X123" }, "idType"],
      [{ idType: "phone", value: "555-0123" }, "value"],
      [{ idType: "email", value: "not an email" }, "value"],
      [{ idType: "phone", value: "" }, "value"],
      [{ idType: "phone" }, "value"],
      [{ idType: "phone", value: "x".repeat(256) }, "value"],
      [{ idType: "phone", value: "4155550123", extra: true }, "(body)"],
    ];
    for (const [body, path] of cases) {
      const response = await lookup(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe(520046);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
  });

  it("finds nobody for a value the store blocks", async () => {
    const prisma = await getPrisma();
    const store = await buildStore(prisma);
    await buildProfile(prisma, { storeId: store.id, traits: { Contact: { phone: "+1 415 555 0100" } } });
    const key = await createTestKey("AGENT", store.id);
    const before = await callApi("POST", `${profilesPath(store.id)}/Lookup`, { auth: key, json: { idType: "phone", value: "415 555 0100" } });
    expect(before.body.profiles).toHaveLength(1);
    await prisma.identifierConfig.update({ where: { storeId_idType: { storeId: store.id, idType: "phone" } }, data: { blockedValues: ["+14155550100"] } });
    const after = await callApi("POST", `${profilesPath(store.id)}/Lookup`, { auth: key, json: { idType: "phone", value: "415 555 0100" } });
    expect(after.body).toEqual({ normalizedValue: "+14155550100", profiles: [] });
  });

  it("exports everything about one person and nothing of anyone else", async () => {
    const { storeId, ada, bob, adaChat, bobChat, sharedChat, adaObservation, bobObservation, mergedAwayId, mergeId } = people;
    const response = await callApi("GET", `${profilesPath(storeId)}/${ada.id}/Export`, { auth: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("canonical-profile-id")).toBe(ada.id);
    const document = response.body;
    expect(document.storeId).toBe(storeId);
    expect(document.profile.id).toBe(ada.id);
    expect(document.profile.traits.Loyalty.tier).toBe("gold");
    expect(document.traits).toHaveLength(7);
    expect(document.traits[0]).toMatchObject({ traitGroup: "Contact", name: "email", value: "Ada@Example.com", source: "IMPORT" });
    expect(document.identifiers.map((identifier: { value: string }) => identifier.value).sort()).toEqual(["+14155550123", "ada-001", "ada.byron@work.example", "ada@example.com"]);
    expect(document.aliases).toEqual([{ aliasId: mergedAwayId, mergeId, createdAt: expect.any(String) }]);
    expect(document.observations).toHaveLength(1);
    expect(document.observations[0]).toMatchObject({ id: adaObservation, content: "Prefers ultralight tents", status: "APPROVED", conversationIds: [adaChat.id] });
    expect(document.observations[0].revisions).toMatchObject([{ version: 1, content: "Likes tents", reason: "CREATED" }]);
    expect(document.summaries.map((summary: { content: string }) => summary.content)).toEqual(["Ada's tent pole replaced"]);
    expect(document.conversations.map((conversation: { id: string }) => conversation.id).sort()).toEqual([adaChat.id, sharedChat.id].sort());
    const shared = document.conversations.find((conversation: { id: string }) => conversation.id === sharedChat.id);
    expect(shared.communications.map((communication: { content: string }) => communication.content)).toEqual(["We are booking the group trip together", "Yes, two tents please"]);
    expect(shared.participants.map((participant: { isSubject: boolean; profileId?: string }) => [participant.isSubject, participant.profileId])).toEqual([
      [true, ada.id],
      [false, undefined],
      [false, undefined],
    ]);
    expect(document.merges).toEqual([expect.objectContaining({ id: mergeId, survivorProfileId: ada.id, sourceProfileId: mergedAwayId, status: "APPLIED" })]);
    expect(document.merges[0].undoData).toBeUndefined();
    expect(document.resolutionRecords).toHaveLength(1);
    expect(document.resolutionRecords[0]).toMatchObject({ outcome: "ATTACHED", profileId: ada.id });
    expect(document.auditEvents.map((event: { action: string; resourceId: string }) => [event.action, event.resourceId])).toContainEqual(["profile.create", ada.id]);

    // Nothing of Bob: not his profile id, identifiers, traits, memories or his own conversation.
    const text = response.text;
    for (const foreign of [bob.id, "bobby@example.org", "+12125550188", "Tables", "silver", "kayak", bobChat.id, bobObservation]) {
      expect(text, foreign).not.toContain(foreign);
    }

    const audit = await (await getPrisma()).auditEvent.findFirstOrThrow({ where: { storeId, action: "profile.export", resourceId: ada.id } });
    expect(audit.after).toMatchObject({ traits: 7, identifiers: 4, observations: 1, conversations: 2 });
    expect(JSON.stringify(audit.after)).not.toContain("Ada");
  });

  it("enforces roles and store scope", async () => {
    const { storeId, ada } = people;
    const prisma = await getPrisma();
    const supervisor = await createTestKey("SUPERVISOR", storeId);
    const otherStore = await buildStore(prisma);
    const otherAdmin = await createTestKey("ADMIN", otherStore.id);
    const reads = [
      ["GET", profilesPath(storeId)],
      ["GET", `${profilesPath(storeId)}/${ada.id}`],
      ["GET", `${profilesPath(storeId)}/${ada.id}/Traits`],
      ["GET", `${profilesPath(storeId)}/${ada.id}/Identifiers`],
      ["GET", `${profilesPath(storeId)}/${ada.id}/Identifiers/email`],
      ["POST", `${profilesPath(storeId)}/Lookup`],
    ];
    const adminOnly = [
      ["GET", `${profilesPath(storeId)}/${ada.id}/Export`],
      ["DELETE", `${profilesPath(storeId)}/${ada.id}`],
    ];
    const body = (method: string) => (method === "POST" ? { idType: "email", value: "ada@example.com" } : undefined);
    for (const [method, path] of [...reads, ...adminOnly]) {
      expect((await callApi(method, path, { json: body(method) })).status, `${method} ${path} anonymous`).toBe(401);
      expect((await callApi(method, path, { auth: "kith_key_nope:wrong", json: body(method) })).status).toBe(401);
      expect((await callApi(method, path, { auth: otherAdmin, json: body(method) })).status, `${method} ${path} other store`).toBe(404);
    }
    for (const [method, path] of reads) expect((await callApi(method, path, { auth: agent, json: body(method) })).status, `${method} ${path}`).toBe(200);
    for (const [method, path] of adminOnly) {
      expect((await callApi(method, path, { auth: agent })).status, `${method} ${path} agent`).toBe(403);
      expect((await callApi(method, path, { auth: supervisor })).status, `${method} ${path} supervisor`).toBe(403);
    }
    expect((await callApi("GET", `${profilesPath(storeId)}/${ada.id}`, { auth: agent })).status).toBe(200);
  });
});

describe("profiles: list and paging", () => {
  let storeId: string;
  let ids: string[];
  let agent: string;
  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await buildStore(prisma)).id;
    const built = await buildProfiles(
      prisma,
      storeId,
      Array.from({ length: 7 }, (_, index) => ({ traits: { Contact: { email: `customer${index}@example.com` } } })),
    );
    ids = built.map((profile) => profile.id);
    agent = await createTestKey("AGENT", storeId);
  });

  it("lists ids only, newest first, in Twilio's shape", async () => {
    const response = await callApi("GET", profilesPath(storeId), { auth: agent });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ profiles: [...ids].sort().reverse(), meta: { key: "profiles", pageSize: 7 } });
    const ascending = await callApi("GET", `${profilesPath(storeId)}?orderBy=ASC`, { auth: agent });
    expect(ascending.body.profiles).toEqual([...ids].sort());
  });

  it("pages forwards and back with tokens", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    const pages: { profiles: string[]; meta: { nextToken?: string; previousToken?: string } }[] = [];
    do {
      const page = await callApi("GET", `${profilesPath(storeId)}?pageSize=3${token ? `&pageToken=${token}` : ""}`, { auth: agent });
      expect(page.status).toBe(200);
      pages.push(page.body);
      seen.push(...page.body.profiles);
      token = page.body.meta.nextToken;
    } while (token);
    expect(pages.map((page) => page.profiles.length)).toEqual([3, 3, 1]);
    expect(seen).toEqual([...ids].sort().reverse());
    expect(pages[0].meta.previousToken).toBeUndefined();
    const back = await callApi("GET", `${profilesPath(storeId)}?pageSize=3&pageToken=${pages[2].meta.previousToken}`, { auth: agent });
    expect(back.body.profiles).toEqual(pages[1].profiles);
  });

  it("takes page sizes of 1 to 1,000 and rejects bad tokens", async () => {
    expect((await callApi("GET", `${profilesPath(storeId)}?pageSize=1000`, { auth: agent })).status).toBe(200);
    for (const query of ["pageSize=1001", "pageSize=0", "pageSize=abc", "orderBy=NEWEST", "pageToken=garbage"]) {
      expect((await callApi("GET", `${profilesPath(storeId)}?${query}`, { auth: agent })).status, query).toBe(400);
    }
  });

  it("lists no profile of another store", async () => {
    const prisma = await getPrisma();
    const other = await buildStore(prisma);
    const response = await callApi("GET", profilesPath(other.id), { auth: await createTestKey("AGENT", other.id) });
    expect(response.body).toEqual({ profiles: [], meta: { key: "profiles", pageSize: 0 } });
  });
});

describe("profiles: erase", () => {
  let people: People;
  let admin: string;
  beforeAll(async () => {
    people = await buildPeople();
    admin = await createTestKey("ADMIN", people.storeId);
  });

  it("erases the person and nothing else; the conversations stay for everyone else", async () => {
    const { storeId, ada, bob, adaChat, sharedChat, adaObservation, mergedAwayId, mergeId } = people;
    const prisma = await getPrisma();
    const communicationsBefore = await prisma.communication.count({ where: { storeId } });
    const bobExportBefore = (await callApi("GET", `${profilesPath(storeId)}/${bob.id}/Export`, { auth: admin })).body;

    const response = await callApi("DELETE", `${profilesPath(storeId)}/${ada.id}`, { auth: admin });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ message: "Profile accepted for deletion." });

    // Everything of Ada is gone.
    expect(await prisma.profile.count({ where: { storeId, id: ada.id } })).toBe(0);
    expect(await prisma.traitValue.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.identifier.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.observation.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.observationRevision.count({ where: { storeId, observationId: adaObservation } })).toBe(0);
    expect(await prisma.summary.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.profileAlias.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.merge.count({ where: { storeId, id: mergeId } })).toBe(0);
    expect(await prisma.resolutionRecord.count({ where: { storeId, profileId: ada.id } })).toBe(0);
    expect(await prisma.participant.count({ where: { storeId, profileId: ada.id } })).toBe(0);

    // Her conversations, her participant rows (unlinked) and every message stay.
    expect(await prisma.conversation.count({ where: { storeId, id: { in: [adaChat.id, sharedChat.id] } } })).toBe(2);
    expect(await prisma.communication.count({ where: { storeId } })).toBe(communicationsBefore);
    const shared = await prisma.participant.findMany({ where: { storeId, conversationId: sharedChat.id }, orderBy: { name: "asc" } });
    expect(shared.map((participant) => [participant.name, participant.profileId])).toEqual([
      ["Ada", null],
      ["Agent Smith", null],
      ["Bobby", bob.id],
    ]);

    // Bob is untouched: the same export, less nothing.
    const bobExportAfter = (await callApi("GET", `${profilesPath(storeId)}/${bob.id}/Export`, { auth: admin })).body;
    const comparable = (document: Record<string, unknown>) => ({ ...document, exportedAt: null, auditEvents: null });
    expect(comparable(bobExportAfter)).toEqual(comparable(bobExportBefore));

    // The id is gone for every read and write; so is the merged-away id, and lookups find nobody.
    for (const id of [ada.id, mergedAwayId]) {
      expect((await callApi("GET", `${profilesPath(storeId)}/${id}`, { auth: admin })).status).toBe(404);
      expect((await callApi("DELETE", `${profilesPath(storeId)}/${id}`, { auth: admin })).status).toBe(404);
    }
    const lookup = await callApi("POST", `${profilesPath(storeId)}/Lookup`, { auth: admin, json: { idType: "phone", value: "(415) 555-0123" } });
    expect(lookup.body.profiles).toEqual([]);
    expect((await callApi("GET", profilesPath(storeId), { auth: admin })).body.profiles).toEqual([bob.id]);
  });

  it("audits the erase with counts only and strips earlier audit payloads about her", async () => {
    const { storeId, ada } = people;
    const prisma = await getPrisma();
    const erase = await prisma.auditEvent.findFirstOrThrow({ where: { storeId, action: "profile.erase", resourceId: ada.id } });
    expect(erase.before).toEqual({ traits: 7, identifiers: 4, observations: 1, observationRevisions: 1, summaries: 1, aliases: 1, merges: 1, resolutionRecords: 1, traitCandidates: 0, extractionRuns: 0 });
    expect(erase.after).toEqual({ participantsUnlinked: 2, auditEventsRedacted: expect.any(Number) });
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { storeId, action: "profile.create", resourceId: ada.id } });
    expect(created.after).toBeNull();
    const everything = JSON.stringify(await prisma.auditEvent.findMany({ where: { storeId } }));
    for (const personal of ["Ada@Example.com", "ada@example.com", "Byron", "+14155550123", "ada-001"]) expect(everything, personal).not.toContain(personal);
    // Bob's history keeps its payloads.
    const bobCreated = await prisma.auditEvent.findFirstOrThrow({ where: { storeId, action: "profile.create", resourceId: people.bob.id } });
    expect(JSON.stringify(bobCreated.after)).toContain("bobby@example.org");
  });
});
