import { describe, expect, it, beforeAll } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, uniqueStoreName } from "../helpers/test-actors";

describe("control plane: stores", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
  });

  it("creates a store and answers 202 with a mem_store_ TypeID", async () => {
    const displayName = uniqueStoreName();
    const created = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName, description: "A store" } });
    expect(created.status).toBe(202);
    expect(created.body.id).toMatch(/^mem_store_[0-7][0-9a-z]{25}$/);
    expect(created.body.store.displayName).toBe(displayName);
    expect(created.headers.get("x-request-id")).toMatch(/^RQ[0-9a-f]{32}$/);
  });

  it("answers 401 without credentials", async () => {
    const response = await callApi("GET", "/v1/ControlPlane/Stores");
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 20003, status: 401 });
    expect(response.body.more_info).toMatch(/^https:\/\//);
  });

  it("answers 400 with a Twilio-shaped error for malformed JSON", async () => {
    const response = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, body: "{not json", headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(["code", "message", "more_info", "status"]);
    expect(response.body.message).toMatch(/Malformed JSON/);
  });
});
