import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";
import { getPrisma } from "@/lib/db/client";

const groupsPath = (storeId: string) => `/v1/ControlPlane/Stores/${storeId}/TraitGroups`;

const loyalty = {
  displayName: "Loyalty",
  description: "Loyalty programme",
  traits: {
    tier: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "^(bronze|silver|gold)$" } },
    points: { dataType: "NUMBER", validationRule: { ruleType: "NUMBER", min: 0 } },
    optedIn: { dataType: "BOOLEAN" },
    cardNumber: { dataType: "STRING", idTypePromotion: "user_id" },
  },
};

describe("control plane: trait groups", () => {
  let admin: string;
  let storeId: string;
  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
    storeId = (await createTestStore()).id;
  });

  it("has the default Contact group with identifier promotions", async () => {
    const response = await callApi("GET", `${groupsPath(storeId)}/Contact`, { auth: admin });
    expect(response.status).toBe(200);
    expect(response.body.traitGroup.traits.email).toMatchObject({ dataType: "STRING", idTypePromotion: "email" });
    expect(response.body.traitGroup.traits.phone.idTypePromotion).toBe("phone");
    expect(response.body.traitGroup.traits.whatsapp.idTypePromotion).toBe("whatsapp");
    expect(response.body.traitGroup.traits.firstName.idTypePromotion).toBeUndefined();
    expect(response.body.meta).toEqual({ key: "traits", pageSize: 6 });
  });

  it("creates, lists, reads, patches and deletes a group", async () => {
    const created = await callApi("POST", groupsPath(storeId), { auth: admin, json: loyalty });
    expect(created.status).toBe(202);
    expect(Object.keys(created.body.traitGroup.traits)).toEqual(["tier", "points", "optedIn", "cardNumber"]);

    const list = await callApi("GET", groupsPath(storeId), { auth: admin });
    expect(list.body.traitGroups.map((group: { displayName: string }) => group.displayName).sort()).toEqual(["Contact", "Loyalty"]);
    expect(list.body.traitGroups[0].traits).toBeUndefined();
    const withTraits = await callApi("GET", `${groupsPath(storeId)}?includeTraits=true`, { auth: admin });
    expect(withTraits.body.traitGroups.every((group: { traits?: object }) => group.traits)).toBe(true);

    const read = await callApi("GET", `${groupsPath(storeId)}/Loyalty`, { auth: admin });
    const etag = read.headers.get("etag")!;
    const patched = await callApi("PATCH", `${groupsPath(storeId)}/Loyalty`, {
      auth: admin,
      headers: { "if-match": etag },
      json: { description: "Rewards", traits: { optedIn: { dataType: "" }, points: { dataType: "NUMBER", validationRule: { ruleType: "NUMBER", min: 0, max: 100000 } }, since: { dataType: "STRING" } } },
    });
    expect(patched.status).toBe(202);
    expect(patched.body.traitGroup.description).toBe("Rewards");
    expect(patched.body.traitGroup.version).toBe(2);
    expect(Object.keys(patched.body.traitGroup.traits)).toEqual(["tier", "points", "cardNumber", "since"]);
    expect(patched.body.traitGroup.traits.points.validationRule.max).toBe(100000);

    const stale = await callApi("PATCH", `${groupsPath(storeId)}/Loyalty`, { auth: admin, headers: { "if-match": etag }, json: { description: "Lost" } });
    expect(stale.status).toBe(412);

    expect((await callApi("DELETE", `${groupsPath(storeId)}/Loyalty`, { auth: admin })).status).toBe(202);
    const gone = await callApi("GET", `${groupsPath(storeId)}/Loyalty`, { auth: admin });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(520047);
  });

  it("refuses a duplicate group name (409, 520055)", async () => {
    const response = await callApi("POST", groupsPath(storeId), { auth: admin, json: { displayName: "Contact" } });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe(520055);
  });

  it.each([
    ["an unknown data type", { displayName: "G1", traits: { a: { dataType: "DATE" } } }, "traits.a.dataType"],
    ["a rule for another type", { displayName: "G2", traits: { a: { dataType: "NUMBER", validationRule: { ruleType: "STRING" } } } }, "traits.a.validationRule.ruleType"],
    ["an invalid regular expression", { displayName: "G3", traits: { a: { dataType: "STRING", validationRule: { ruleType: "STRING", pattern: "(" } } } }, "traits.a.validationRule.pattern"],
    ["a promotion to an unknown identifier type", { displayName: "G4", traits: { a: { dataType: "STRING", idTypePromotion: "passport" } } }, "traits.a.idTypePromotion"],
    ["a bad trait name", { displayName: "G5", traits: { "first name": { dataType: "STRING" } } }, "traits.first name"],
    ["a bad group name", { displayName: "has space" }, "displayName"],
    ["96 traits", { displayName: "G6", traits: Object.fromEntries(Array.from({ length: 96 }, (_, i) => [`t${i}`, { dataType: "STRING" }])) }, "traits"],
  ])("answers 400 for %s", async (_label, body, path) => {
    const response = await callApi("POST", groupsPath(storeId), { auth: admin, json: body });
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it("will not delete a group whose values profiles still hold (409)", async () => {
    const { id } = await createTestStore();
    const prisma = await getPrisma();
    await prisma.profile.create({ data: { storeId: id, id: "mem_profile_01h455vb4pex5vsknk084sn02q" } });
    await prisma.traitValue.create({ data: { storeId: id, profileId: "mem_profile_01h455vb4pex5vsknk084sn02q", groupName: "Contact", traitName: "firstName", value: "Ada", source: "API" } });
    const response = await callApi("DELETE", `${groupsPath(id)}/Contact`, { auth: admin });
    expect(response.status).toBe(409);
    expect((await callApi("GET", `${groupsPath(id)}/Contact`, { auth: admin })).status).toBe(200);
  });

  it("lets AGENT keys read but not write, and 404s other stores' groups", async () => {
    const agent = await createTestKey("AGENT");
    expect((await callApi("GET", `${groupsPath(storeId)}/Contact`, { auth: agent })).status).toBe(200);
    expect((await callApi("POST", groupsPath(storeId), { auth: agent, json: { displayName: "X" } })).status).toBe(403);
    expect((await callApi("PATCH", `${groupsPath(storeId)}/Contact`, { auth: agent, json: { description: "x" } })).status).toBe(403);
    expect((await callApi("DELETE", `${groupsPath(storeId)}/Contact`, { auth: agent })).status).toBe(403);
    const other = await createTestStore();
    const scoped = await createTestKey("ADMIN", other.id);
    expect((await callApi("GET", `${groupsPath(storeId)}/Contact`, { auth: scoped })).status).toBe(404);
    expect((await callApi("GET", `${groupsPath(storeId)}/Nope`, { auth: admin })).status).toBe(404);
  });
});
