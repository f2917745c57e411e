import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, uniqueStoreName } from "../helpers/test-actors";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { createUser } from "@/lib/users/create-user";
import { systemActor, type Actor } from "@/lib/auth/actor";

describe("audit trail and operations", () => {
  let admin: string;
  let storeId: string;
  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
    const created = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName: uniqueStoreName() } });
    storeId = created.body.id;
    await callApi("PATCH", `/v1/ControlPlane/Stores/${storeId}`, { auth: admin, json: { description: "Audited" } });
    await callApi("POST", `/v1/ControlPlane/Stores/${storeId}/TraitGroups`, { auth: admin, json: { displayName: "Prefs", traits: { seat: { dataType: "STRING" } } } });
  });

  it("records every write with actor, action, resource and before/after, newest first", async () => {
    const response = await callApi("GET", `/v1/Stores/${storeId}/AuditEvents`, { auth: admin });
    expect(response.status).toBe(200);
    const actions = response.body.auditEvents.map((event: { action: string }) => event.action);
    expect(actions).toEqual(["traitGroup.create", "store.update", "store.create"]);
    const update = response.body.auditEvents[1];
    expect(update).toMatchObject({ actorType: "API_KEY", actorId: admin.split(":")[0], resourceType: "store", resourceId: storeId });
    expect(update.before.description).toBeNull();
    expect(update.after.description).toBe("Audited");
    expect(update.requestId).toMatch(/^RQ/);
    expect(response.body.meta.key).toBe("auditEvents");
  });

  it("filters by action and resource, and pages", async () => {
    const filtered = await callApi("GET", `/v1/Stores/${storeId}/AuditEvents?action=store.update`, { auth: admin });
    expect(filtered.body.auditEvents).toHaveLength(1);
    const byResource = await callApi("GET", `/v1/Stores/${storeId}/AuditEvents?resourceType=traitGroup`, { auth: admin });
    expect(byResource.body.auditEvents.map((event: { action: string }) => event.action)).toEqual(["traitGroup.create"]);
    const firstPage = await callApi("GET", `/v1/Stores/${storeId}/AuditEvents?pageSize=2`, { auth: admin });
    expect(firstPage.body.auditEvents).toHaveLength(2);
    const secondPage = await callApi("GET", `/v1/Stores/${storeId}/AuditEvents?pageSize=2&pageToken=${firstPage.body.meta.nextToken}`, { auth: admin });
    expect(secondPage.body.auditEvents.map((event: { action: string }) => event.action)).toEqual(["store.create"]);
    expect(secondPage.body.meta.nextToken).toBeUndefined();
  });

  it("is for supervisors and admins of the store only", async () => {
    expect((await callApi("GET", `/v1/Stores/${storeId}/AuditEvents`, { auth: await createTestKey("AGENT") })).status).toBe(403);
    expect((await callApi("GET", `/v1/Stores/${storeId}/AuditEvents`, { auth: await createTestKey("SUPERVISOR") })).status).toBe(200);
    expect((await callApi("GET", `/v1/Stores/${storeId}/AuditEvents`)).status).toBe(401);
    const elsewhere = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName: uniqueStoreName() } });
    const scoped = await createTestKey("ADMIN", elsewhere.body.id);
    expect((await callApi("GET", `/v1/Stores/${storeId}/AuditEvents`, { auth: scoped })).status).toBe(404);
  });

  it("answers every control-plane write's statusUrl with a COMPLETED operation, within the caller's scope", async () => {
    const patched = await callApi("PATCH", `/v1/ControlPlane/Stores/${storeId}`, { auth: admin, json: { description: "Again" } });
    expect(patched.headers.get("operation-id")).toBe(patched.headers.get("x-request-id"));
    const path = new URL(patched.body.statusUrl).pathname;
    const operation = await callApi("GET", path, { auth: admin });
    expect(operation.body).toMatchObject({ status: "COMPLETED", action: "store.update", result: { id: storeId } });

    const elsewhere = await callApi("POST", "/v1/ControlPlane/Stores", { auth: admin, json: { displayName: uniqueStoreName() } });
    const scoped = await createTestKey("AGENT", elsewhere.body.id);
    expect((await callApi("GET", path, { auth: scoped })).status).toBe(404);
    expect((await callApi("GET", "/v1/ControlPlane/Operations/RQ00000000000000000000000000000000", { auth: admin })).status).toBe(404);
    expect((await callApi("GET", "/v1/ControlPlane/Operations/nonsense", { auth: admin })).status).toBe(404);
  });

  it("keeps account-wide events (users, all-stores keys) for all-stores admins", async () => {
    const user = await createUser({ email: `audit-${Date.now()}@example.test`, role: "AGENT", password: "password-1", actor: systemActor });
    const account = await listAuditEvents({ storeId: null, actor: systemActor, page: { pageSize: 100, orderBy: "DESC" }, action: "user.create" });
    expect(account.items.map((event) => event.resourceId)).toContain(user.id);
    const inStore = await listAuditEvents({ storeId, actor: systemActor, page: { pageSize: 100, orderBy: "DESC" } });
    expect(inStore.items.every((event) => event.storeId === storeId)).toBe(true);
    const supervisor: Actor = { ...systemActor, role: "SUPERVISOR" };
    await expect(listAuditEvents({ storeId: null, actor: supervisor, page: { pageSize: 10, orderBy: "DESC" } })).rejects.toMatchObject({ status: 403 });
    const scopedAdmin: Actor = { ...systemActor, storeId };
    await expect(listAuditEvents({ storeId: null, actor: scopedAdmin, page: { pageSize: 10, orderBy: "DESC" } })).rejects.toMatchObject({ status: 403 });
  });
});
