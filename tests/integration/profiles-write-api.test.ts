import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

describe("profile writes over HTTP", () => {
  let storeId: string;
  let agent: string;
  beforeAll(async () => {
    storeId = (await createTestStore("profiles-http")).id;
    agent = await createTestKey("AGENT");
  });

  const profiles = () => `/v1/Stores/${storeId}/Profiles`;

  it("creates-or-resolves with Twilio's 202 {id, message}, then reads the profile back", async () => {
    const created = await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { firstName: "Ada", email: "ada.http@example.com" } } } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^mem_profile_/), message: "Profile resolved and accepted for processing.", created: true, outcome: "create" });
    const again = await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { email: "ADA.HTTP@example.com", lastName: "Byron" } } } });
    expect(again.body).toMatchObject({ id: created.body.id, created: false, outcome: "attach" });
    const read = await callApi("GET", `${profiles()}/${created.body.id}`, { auth: agent });
    expect(read.body.traits.Contact).toEqual({ firstName: "Ada", lastName: "Byron", email: "ADA.HTTP@example.com" });
  });

  it.each([
    ["no traits", {}, "traits"],
    ["an unknown field", { traits: { Contact: { email: "x@example.com" } }, extra: 1 }, "(body)"],
    ["a trait of the wrong type", { traits: { Contact: { email: 5 } } }, "traits.Contact.email"],
    ["an unknown group", { traits: { Unknown: { a: "b" } } }, "traits.Unknown"],
    ["no promoted trait", { traits: { Contact: { firstName: "Only a name" } } }, "traits"],
    ["an unparseable phone", { traits: { Contact: { phone: "call me maybe" } } }, "traits.Contact.phone"],
  ])("answers 400 for %s", async (_label, body, path) => {
    const response = await callApi("POST", profiles(), { auth: agent, json: body });
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it("patches traits, removes with null, and answers 308 for a merged-away id", async () => {
    const a = (await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { email: "p1@example.com", address: "Somewhere" } } } })).body.id;
    const b = (await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { phone: "+14155550140" } } } })).body.id;
    const removed = await callApi("PATCH", `${profiles()}/${a}`, { auth: agent, json: { traits: { Contact: { address: null } } } });
    expect(removed.status).toBe(202);
    expect((await callApi("GET", `${profiles()}/${a}`, { auth: agent })).body.traits.Contact.address).toBeUndefined();
    const merged = await callApi("PATCH", `${profiles()}/${b}`, { auth: agent, json: { traits: { Contact: { email: "p1@example.com" } } } });
    expect(merged.body).toMatchObject({ profileId: a, outcome: "merge" });
    expect(merged.headers.get("canonical-profile-id")).toBe(a);
    const moved = await callApi("PATCH", `${profiles()}/${b}`, { auth: agent, json: { traits: { Contact: { firstName: "x" } } } });
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toContain(`/Profiles/${a}`);
    expect((await callApi("GET", `${profiles()}/${b}`, { auth: agent })).status).toBe(301);
  });

  it("adds, replaces and removes identifiers; a user_id rule refusal is a 409", async () => {
    const id = (await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { email: "ids@example.com" } } } })).body.id;
    const added = await callApi("POST", `${profiles()}/${id}/Identifiers`, { auth: agent, json: { idType: "phone", value: "415.555.0150" } });
    expect(added.status).toBe(202);
    expect(added.body).toMatchObject({ normalizedValue: "+14155550150", profileId: id });
    expect((await callApi("GET", `${profiles()}/${id}/Identifiers/phone`, { auth: agent })).body).toEqual({ idType: "phone", values: ["+14155550150"] });

    const replaced = await callApi("PATCH", `${profiles()}/${id}/Identifiers/phone`, { auth: agent, json: { idType: "phone", oldValue: "+1 415 555 0150", newValue: "+14155550151" } });
    expect(replaced.status).toBe(202);
    expect((await callApi("GET", `${profiles()}/${id}/Identifiers/phone`, { auth: agent })).body.values).toEqual(["+14155550151"]);
    expect((await callApi("PATCH", `${profiles()}/${id}/Identifiers/phone`, { auth: agent, json: { idType: "email", oldValue: "a", newValue: "b" } })).status).toBe(400);

    const removed = await callApi("DELETE", `${profiles()}/${id}/Identifiers/phone?removeAll=true`, { auth: agent });
    expect(removed.body.removed).toEqual(["+14155550151"]);
    expect((await callApi("GET", `${profiles()}/${id}/Identifiers/phone`, { auth: agent })).status).toBe(404);

    const other = (await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { email: "other-user@example.com" } } } })).body.id;
    await callApi("POST", `${profiles()}/${other}/Identifiers`, { auth: agent, json: { idType: "user_id", value: "U-OTHER" } });
    await callApi("POST", `${profiles()}/${id}/Identifiers`, { auth: agent, json: { idType: "user_id", value: "U-MINE" } });
    const refused = await callApi("POST", `${profiles()}/${id}/Identifiers`, { auth: agent, json: { idType: "email", value: "other-user@example.com" } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("user_id");
    expect((await callApi("POST", `${profiles()}/${id}/Identifiers`, { auth: agent, json: { idType: "phone", value: "nope" } })).status).toBe(400);
  });

  it("bulk-loads with per-row outcomes within the 1,000-row limit", async () => {
    const rows = [{ traits: { Contact: { email: "bulk1@example.com" } } }, { traits: { Contact: { email: "bad" } } }];
    const response = await callApi("PUT", `${profiles()}/Bulk`, { auth: agent, json: { profiles: rows } });
    expect(response.status).toBe(202);
    expect(response.body.results.map((row: { status: string }) => row.status)).toEqual(["created", "invalid"]);
    const tooMany = await callApi("PUT", `${profiles()}/Bulk`, { auth: agent, json: { profiles: Array.from({ length: 1001 }, () => rows[0]) } });
    expect(tooMany.status).toBe(400);
    expect((await callApi("PUT", `${profiles()}/Bulk`, { auth: agent, json: { profiles: [] } })).status).toBe(400);
  });

  it("keeps other stores' profiles out of reach and needs credentials", async () => {
    const id = (await callApi("POST", profiles(), { auth: agent, json: { traits: { Contact: { email: "scoped@example.com" } } } })).body.id;
    const elsewhere = await createTestStore("profiles-elsewhere");
    const scoped = await createTestKey("ADMIN", elsewhere.id);
    expect((await callApi("PATCH", `${profiles()}/${id}`, { auth: scoped, json: { traits: {} } })).status).toBe(404);
    expect((await callApi("PATCH", `/v1/Stores/${elsewhere.id}/Profiles/${id}`, { auth: scoped, json: { traits: { Contact: { firstName: "x" } } } })).status).toBe(404);
    expect((await callApi("POST", profiles(), { json: { traits: { Contact: { email: "x@example.com" } } } })).status).toBe(401);
  });
});

describe("explainability", () => {
  it("includes the profile's resolution outcomes and reasons with ?include=resolution", async () => {
    const { id: storeId } = await createTestStore("explain");
    const agent = await createTestKey("AGENT");
    const base = `/v1/Stores/${storeId}/Profiles`;
    const first = (await callApi("POST", base, { auth: agent, json: { traits: { Contact: { email: "why@example.com" } } } })).body.id;
    const second = (await callApi("POST", base, { auth: agent, json: { traits: { Contact: { phone: "+14155550160" } } } })).body.id;
    await callApi("POST", base, { auth: agent, json: { traits: { Contact: { email: "why@example.com", phone: "+14155550160" } } } });
    const plain = await callApi("GET", `${base}/${first}`, { auth: agent });
    expect(plain.body.resolution).toBeUndefined();
    const explained = await callApi("GET", `${base}/${first}?include=resolution`, { auth: agent });
    expect(explained.body.resolution.map((record: { outcome: string }) => record.outcome)).toEqual(["MERGED", "CREATED", "CREATED"]);
    expect(JSON.stringify(explained.body.resolution[0].reasons)).toContain(`merged ${second} into ${first}`);
    expect((await callApi("GET", `${base}/${first}?include=everything`, { auth: agent })).status).toBe(400);
  });
});
