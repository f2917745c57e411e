import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";
import { getPrisma } from "@/lib/db/client";

const settingsPath = (storeId: string) => `/v1/ControlPlane/Stores/${storeId}/IdentityResolutionSettings`;

const customSettings = {
  identifierConfigs: [
    { idType: "user_id", normalization: "trim", limit: 1, limitPolicy: "block", enforceUnique: true },
    { idType: "email", normalization: "email", limit: 5, limitPolicy: "lifo", blockedValues: ["info@shop.example"] },
    { idType: "phone", normalization: "phone", limit: 3, limitPolicy: "fifo", blockedValues: ["(415) 555-0000"] },
    { idType: "loyalty_card", normalization: "none", limit: 2, enforceUnique: false },
  ],
  matchingRules: ["user_id", "loyalty_card", "email", "phone"],
  mergeMode: "review",
};

describe("control plane: identity resolution settings", () => {
  let admin: string;
  let storeId: string;
  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
    storeId = (await createTestStore()).id;
  });

  it("starts with SPEC §4's defaults", async () => {
    const response = await callApi("GET", settingsPath(storeId), { auth: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBeTruthy();
    expect(response.body.matchingRules).toEqual(["user_id", "email", "whatsapp", "phone", "chat"]);
    expect(response.body.mergeMode).toBe("auto");
    const byType = Object.fromEntries(response.body.identifierConfigs.map((config: { idType: string }) => [config.idType, config]));
    expect(byType.user_id).toMatchObject({ limit: 1, limitPolicy: "block", normalization: "trim", enforceUnique: true });
    expect(byType.email).toMatchObject({ normalization: "email" });
    expect(byType.phone).toMatchObject({ normalization: "phone" });
    expect(byType.whatsapp).toMatchObject({ normalization: "phone" });
    expect(byType.chat).toMatchObject({ normalization: "trim", limit: 100, limitPolicy: "fifo" });
  });

  it("replaces the settings as a whole, applying defaults to omitted fields, and audits before/after", async () => {
    const { id } = await createTestStore();
    const etag = (await callApi("GET", settingsPath(id), { auth: admin })).headers.get("etag")!;
    const saved = await callApi("PUT", settingsPath(id), { auth: admin, json: customSettings, headers: { "if-match": etag } });
    expect(saved.status).toBe(202);
    expect(saved.body.identityResolutionSettings.version).toBe(2);
    const read = await callApi("GET", settingsPath(id), { auth: admin });
    expect(read.body.matchingRules).toEqual(customSettings.matchingRules);
    expect(read.body.mergeMode).toBe("review");
    expect(read.body.identifierConfigs.map((config: { idType: string }) => config.idType)).toEqual(["user_id", "loyalty_card", "email", "phone"]);
    expect(read.body.identifierConfigs[1]).toEqual({
      idType: "loyalty_card", matchingAlgo: "exact", normalization: "none", limit: 2, limitPolicy: "fifo", enforceUnique: false, blockedValues: [],
    });
    expect(read.headers.get("etag")).toBe(saved.headers.get("etag"));
    // Blocked values are stored normalised, as identifiers are.
    expect(read.body.identifierConfigs.find((config: { idType: string }) => config.idType === "phone").blockedValues).toEqual(["+14155550000"]);

    const prisma = await getPrisma();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { storeId: id, action: "identityResolutionSettings.update" } });
    expect((event.before as { matchingRules: string[] }).matchingRules).toEqual(["user_id", "email", "whatsapp", "phone", "chat"]);
    expect((event.after as { matchingRules: string[] }).matchingRules).toEqual(customSettings.matchingRules);
  });

  it("refuses a stale If-Match with 412 and keeps the newer settings", async () => {
    const { id } = await createTestStore();
    const etag = (await callApi("GET", settingsPath(id), { auth: admin })).headers.get("etag")!;
    expect((await callApi("PUT", settingsPath(id), { auth: admin, json: customSettings, headers: { "if-match": etag } })).status).toBe(202);
    const stale = await callApi("PUT", settingsPath(id), {
      auth: admin,
      json: { ...customSettings, matchingRules: ["email"] },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe(520043);
    expect((await callApi("GET", settingsPath(id), { auth: admin })).body.matchingRules).toEqual(customSettings.matchingRules);
  });

  it("lets one of several concurrent writers with the same ETag win", async () => {
    const { id } = await createTestStore();
    const etag = (await callApi("GET", settingsPath(id), { auth: admin })).headers.get("etag")!;
    const responses = await Promise.all(
      ["email", "phone", "user_id"].map((first) =>
        callApi("PUT", settingsPath(id), {
          auth: admin,
          json: { ...customSettings, matchingRules: [first, ...customSettings.matchingRules.filter((rule) => rule !== first)] },
          headers: { "if-match": etag },
        }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([202, 412, 412]);
    expect((await callApi("GET", settingsPath(id), { auth: admin })).body.version).toBe(2);
  });

  it.each([
    ["a duplicate idType", { identifierConfigs: [{ idType: "email" }, { idType: "email" }], matchingRules: ["email"] }, "identifierConfigs.1.idType"],
    ["a rule without a config", { identifierConfigs: [{ idType: "email" }], matchingRules: ["email", "phone"] }, "matchingRules.1"],
    ["fuzzy matching", { identifierConfigs: [{ idType: "email", matchingAlgo: "fuzzy" }], matchingRules: ["email"] }, "identifierConfigs.0.matchingAlgo"],
    ["a limit of 0", { identifierConfigs: [{ idType: "email", limit: 0 }], matchingRules: ["email"] }, "identifierConfigs.0.limit"],
    ["a limit over 100", { identifierConfigs: [{ idType: "email", limit: 101 }], matchingRules: ["email"] }, "identifierConfigs.0.limit"],
    ["an unknown limit policy", { identifierConfigs: [{ idType: "email", limitPolicy: "random" }], matchingRules: ["email"] }, "identifierConfigs.0.limitPolicy"],
    ["a one-letter idType", { identifierConfigs: [{ idType: "e" }], matchingRules: ["e"] }, "identifierConfigs.0.idType"],
    ["16 identifier types", { identifierConfigs: Array.from({ length: 16 }, (_, i) => ({ idType: `type_${i}` })), matchingRules: ["type_0"] }, "identifierConfigs"],
    ["no matching rules", { identifierConfigs: [{ idType: "email" }], matchingRules: [] }, "matchingRules"],
    ["an unknown merge mode", { identifierConfigs: [{ idType: "email" }], matchingRules: ["email"], mergeMode: "sometimes" }, "mergeMode"],
    ["a blocked phone that is not a phone number", { identifierConfigs: [{ idType: "phone", normalization: "phone", blockedValues: ["call me"] }], matchingRules: ["phone"] }, "identifierConfigs.0.blockedValues.0"],
    ["a string for blockedValues", { identifierConfigs: [{ idType: "email", blockedValues: "x@y.z" }], matchingRules: ["email"] }, "identifierConfigs.0.blockedValues"],
  ])("answers 400 for %s and changes nothing", async (_label, body, path) => {
    const response = await callApi("PUT", settingsPath(storeId), { auth: admin, json: body });
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect((await callApi("GET", settingsPath(storeId), { auth: admin })).body.version).toBe(1);
  });

  it("lets AGENT and SUPERVISOR keys read but not write (403), and hides other stores (404)", async () => {
    for (const role of ["AGENT", "SUPERVISOR"] as const) {
      const key = await createTestKey(role);
      expect((await callApi("GET", settingsPath(storeId), { auth: key })).status).toBe(200);
      expect((await callApi("PUT", settingsPath(storeId), { auth: key, json: customSettings })).status).toBe(403);
    }
    const other = await createTestStore();
    const scoped = await createTestKey("ADMIN", other.id);
    expect((await callApi("GET", settingsPath(storeId), { auth: scoped })).status).toBe(404);
    expect((await callApi("PUT", settingsPath(storeId), { auth: scoped, json: customSettings })).status).toBe(404);
    expect((await callApi("GET", settingsPath(storeId))).status).toBe(401);
  });
});
