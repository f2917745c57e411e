import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, uniqueStoreName } from "../helpers/test-actors";
import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { systemActor } from "@/lib/auth/actor";
import { getPrisma } from "@/lib/db/client";

const typeIdOfStore = /^mem_store_[0-7][0-9a-z]{25}$/;

async function createStoreViaApi(auth: string, body: Record<string, unknown> = {}) {
  const response = await callApi("POST", "/v1/ControlPlane/Stores", { auth, json: { displayName: uniqueStoreName(), ...body } });
  expect(response.status).toBe(202);
  return response.body.store as { id: string; displayName: string; version: number };
}

describe("control plane: stores", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
  });

  describe("create", () => {
    it("answers Twilio's 202 with the new store, its mem_store_ TypeID and an operation to poll", async () => {
      const displayName = uniqueStoreName();
      const created = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName, description: "A store" } });
      expect(created.status).toBe(202);
      expect(created.body.id).toMatch(typeIdOfStore);
      expect(created.body.message).toMatch(/accepted/);
      expect(created.body.store).toMatchObject({ id: created.body.id, displayName, description: "A store", status: "ACTIVE", version: 1, intelligenceServiceId: null });
      expect(created.headers.get("x-request-id")).toMatch(/^RQ[0-9a-f]{32}$/);
      expect(created.headers.get("twilio-request-id")).toBe(created.headers.get("x-request-id"));

      const operation = await callApi("GET", new URL(created.body.statusUrl).pathname, { auth: admin });
      expect(operation.status).toBe(200);
      expect(operation.body).toMatchObject({ status: "COMPLETED", result: { type: "RESOURCE_ID", id: created.body.id }, action: "store.create" });
    });

    it("gives a new store the default identity settings and the Contact trait group", async () => {
      const store = await createStoreViaApi(admin);
      const settings = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}/IdentityResolutionSettings`, { auth: admin });
      expect(settings.body.matchingRules).toEqual(["user_id", "email", "whatsapp", "phone", "chat"]);
      const contact = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}/TraitGroups/Contact`, { auth: admin });
      expect(Object.keys(contact.body.traitGroup.traits)).toEqual(["firstName", "lastName", "email", "phone", "whatsapp", "address"]);
    });

    it("refuses a second store with the same name (409, Twilio's 520045)", async () => {
      const store = await createStoreViaApi(admin);
      const again = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName: store.displayName } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(520045);
    });

    it("ends concurrent creates with one name in exactly one store", async () => {
      const displayName = uniqueStoreName("race");
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName } })),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([202, 409, 409, 409, 409]);
      const prisma = await getPrisma();
      expect(await prisma.store.count({ where: { displayName } })).toBe(1);
    });

    it.each([
      ["a missing displayName", {}, "displayName"],
      ["a name with spaces", { displayName: "two words" }, "displayName"],
      ["a name over 64 characters", { displayName: "a".repeat(65) }, "displayName"],
      ["a number as description", { displayName: "ok-name", description: 5 }, "description"],
      ["an unknown field", { displayName: "ok-name", colour: "red" }, "(body)"],
      ["an invalid timeout", { displayName: "ok-name", conversationTimeouts: { SMS: { inactiveAfterMinutes: 0, closedAfterMinutes: 10 } } }, "conversationTimeouts.SMS.inactiveAfterMinutes"],
    ])("answers 400 with field details for %s", async (_label, body, path) => {
      const response = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(520046);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    });

    it("answers 400 for malformed JSON and for an empty body, storing nothing", async () => {
      const prisma = await getPrisma();
      const before = await prisma.store.count();
      const malformed = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, body: '{"displayName": "x",', headers: { "content-type": "application/json" } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toMatch(/Malformed JSON/);
      const empty = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, body: "" });
      expect(empty.status).toBe(400);
      expect(await prisma.store.count()).toBe(before);
    });

    it("answers 413 for a body over 1 MiB", async () => {
      const response = await callApi("POST", "/v1/ControlPlane/Stores", {
        auth: admin,
        body: JSON.stringify({ displayName: "big", description: "x".repeat(1024 * 1024 + 10) }),
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ status: 413 });
    });
  });

  describe("read, list and page", () => {
    it("reads a store with an ETag and answers 404 (520041) for unknown or malformed ids", async () => {
      const store = await createStoreViaApi(admin);
      const read = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(store.id);
      expect(read.headers.get("etag")).toMatch(/^".+"$/);
      for (const id of ["mem_store_01h455vb4pex5vsknk084sn02q", "not-an-id", "mem_profile_01h455vb4pex5vsknk084sn02q"]) {
        const missing = await callApi("GET", `/v1/ControlPlane/Stores/${id}`, { auth: admin });
        expect(missing.status).toBe(404);
        expect(missing.body.code).toBe(520041);
      }
    });

    it("lists ids newest first and pages forwards and back with tokens", async () => {
      const created = [await createStoreViaApi(admin), await createStoreViaApi(admin), await createStoreViaApi(admin)];
      const newestFirst = created.map((store) => store.id).reverse();
      const first = await callApi("GET", "/v1/ControlPlane/Stores?pageSize=2", { auth: admin });
      expect(first.status).toBe(200);
      expect(first.body.stores).toEqual(newestFirst.slice(0, 2));
      expect(first.body.meta).toMatchObject({ key: "stores", pageSize: 2 });
      expect(first.body.meta.previousToken).toBeUndefined();
      const second = await callApi("GET", `/v1/ControlPlane/Stores?pageSize=2&pageToken=${first.body.meta.nextToken}`, { auth: admin });
      expect(second.body.stores[0]).toBe(newestFirst[2]);
      const back = await callApi("GET", `/v1/ControlPlane/Stores?pageSize=2&pageToken=${second.body.meta.previousToken}`, { auth: admin });
      expect(back.body.stores).toEqual(first.body.stores);
      const ascending = await callApi("GET", "/v1/ControlPlane/Stores?pageSize=100&orderBy=ASC", { auth: admin });
      const positions = created.map((store) => ascending.body.stores.indexOf(store.id));
      expect(positions.every((position, index) => index === 0 || position > positions[index - 1])).toBe(true);
    });

    it("answers 400 for a bad page size or token", async () => {
      expect((await callApi("GET", "/v1/ControlPlane/Stores?pageSize=0", { auth: admin })).status).toBe(400);
      expect((await callApi("GET", "/v1/ControlPlane/Stores?pageSize=101", { auth: admin })).status).toBe(400);
      expect((await callApi("GET", "/v1/ControlPlane/Stores?orderBy=UP", { auth: admin })).status).toBe(400);
      const badToken = await callApi("GET", "/v1/ControlPlane/Stores?pageToken=garbage", { auth: admin });
      expect(badToken.status).toBe(400);
      expect(badToken.body.details[0].path).toBe("pageToken");
    });
  });

  describe("update", () => {
    it("patches with If-Match, bumps the version and refuses a stale ETag with 412 (520043), changing nothing", async () => {
      const store = await createStoreViaApi(admin);
      const read = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      const etag = read.headers.get("etag")!;
      const patched = await callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, {
        auth: admin,
        json: { description: "Renamed", autoApproveObservations: true, conversationTimeouts: { CHAT: { inactiveAfterMinutes: 10, closedAfterMinutes: 20 } } },
        headers: { "if-match": etag },
      });
      expect(patched.status).toBe(202);
      expect(patched.body.store).toMatchObject({ description: "Renamed", autoApproveObservations: true, version: 2 });
      expect(patched.body.store.conversationTimeouts.CHAT).toEqual({ inactiveAfterMinutes: 10, closedAfterMinutes: 20 });
      expect(patched.body.store.conversationTimeouts.SMS).toBeDefined();
      expect(patched.headers.get("etag")).not.toBe(etag);

      const stale = await callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin, json: { description: "Lost update" }, headers: { "if-match": etag } });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe(520043);
      const after = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      expect(after.body.description).toBe("Renamed");

      const foreignTag = await callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin, json: { description: "x" }, headers: { "if-match": '"not-ours"' } });
      expect(foreignTag.status).toBe(412);
    });

    it("lets exactly one of two writers holding the same ETag win", async () => {
      const store = await createStoreViaApi(admin);
      const etag = (await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin })).headers.get("etag")!;
      const [a, b] = await Promise.all(
        ["first", "second"].map((description) => callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin, json: { description }, headers: { "if-match": etag } })),
      );
      expect([a.status, b.status].sort()).toEqual([202, 412]);
    });

    it("never shows the Twilio auth token, only whether one is set", async () => {
      const store = await createStoreViaApi(admin, { twilioAuthToken: "secret-token-123" });
      const read = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      expect(read.text).not.toContain("secret-token-123");
      expect(read.body.twilioAuthTokenConfigured).toBe(true);
    });

    it("refuses renaming onto another store's name (409)", async () => {
      const first = await createStoreViaApi(admin);
      const second = await createStoreViaApi(admin);
      const response = await callApi("PATCH", `/v1/ControlPlane/Stores/${second.id}`, { auth: admin, json: { displayName: first.displayName } });
      expect(response.status).toBe(409);
    });
  });

  describe("delete", () => {
    it("removes the store and everything in it, and records who did it", async () => {
      const store = await createStoreViaApi(admin);
      const deleted = await callApi("DELETE", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      expect(deleted.status).toBe(202);
      expect((await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin })).status).toBe(404);
      const prisma = await getPrisma();
      expect(await prisma.traitGroup.count({ where: { storeId: store.id } })).toBe(0);
      expect(await prisma.identifierConfig.count({ where: { storeId: store.id } })).toBe(0);
      const events = await prisma.auditEvent.findMany({ where: { storeId: store.id, action: "store.delete" } });
      expect(events).toHaveLength(1);
      expect(events[0].actorType).toBe("API_KEY");
      expect((await callApi("DELETE", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin })).status).toBe(404);
    });
  });

  describe("authorization", () => {
    it("answers 401 without credentials, with a wrong secret, an unknown key, a malformed header or a revoked key", async () => {
      const [keyId] = admin.split(":");
      const agent = await createTestKey("AGENT");
      await revokeApiKey({ keyId: agent.split(":")[0], actor: systemActor });
      for (const auth of [undefined, `${keyId}:wrong-secret`, "kith_key_01h455vb4pex5vsknk084sn02q:whatever", agent]) {
        const response = await callApi("GET", "/v1/ControlPlane/Stores", { auth });
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ code: 20003, status: 401 });
      }
      const bearer = await callApi("GET", "/v1/ControlPlane/Stores", { headers: { authorization: "Bearer abc" } });
      expect(bearer.status).toBe(401);
    });

    it("confines a store-scoped key to its store: others are 404 as if they did not exist", async () => {
      const mine = await createStoreViaApi(admin);
      const theirs = await createStoreViaApi(admin);
      const scoped = await createTestKey("ADMIN", mine.id);
      const list = await callApi("GET", "/v1/ControlPlane/Stores?pageSize=100", { auth: scoped });
      expect(list.body.stores).toEqual([mine.id]);
      expect((await callApi("GET", `/v1/ControlPlane/Stores/${mine.id}`, { auth: scoped })).status).toBe(200);
      const foreign = await callApi("GET", `/v1/ControlPlane/Stores/${theirs.id}`, { auth: scoped });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe(520041);
      expect((await callApi("PATCH", `/v1/ControlPlane/Stores/${theirs.id}`, { auth: scoped, json: { description: "x" } })).status).toBe(404);
      expect((await callApi("DELETE", `/v1/ControlPlane/Stores/${theirs.id}`, { auth: scoped })).status).toBe(404);
      expect((await callApi("GET", `/v1/ControlPlane/Stores/${theirs.id}/TraitGroups`, { auth: scoped })).status).toBe(404);
      const create = await callApi("POST", "/v1/ControlPlane/Stores", { auth: scoped, json: { displayName: uniqueStoreName() } });
      expect(create.status).toBe(403);
    });

    it("lets an AGENT key read but not change settings (403)", async () => {
      const store = await createStoreViaApi(admin);
      const agent = await createTestKey("AGENT");
      expect((await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: agent })).status).toBe(200);
      const patch = await callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, { auth: agent, json: { description: "x" } });
      expect(patch.status).toBe(403);
      expect(patch.body.code).toBe(20403);
      expect((await callApi("DELETE", `/v1/ControlPlane/Stores/${store.id}`, { auth: agent })).status).toBe(403);
      expect((await callApi("POST", "/v1/ControlPlane/Stores", { auth: agent, json: { displayName: uniqueStoreName() } })).status).toBe(403);
      const supervisor = await createTestKey("SUPERVISOR");
      expect((await callApi("PATCH", `/v1/ControlPlane/Stores/${store.id}`, { auth: supervisor, json: { description: "x" } })).status).toBe(403);
      const after = await callApi("GET", `/v1/ControlPlane/Stores/${store.id}`, { auth: admin });
      expect(after.body.version).toBe(1);
    });
  });
});
