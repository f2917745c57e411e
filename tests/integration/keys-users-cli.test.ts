import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/auth/create-api-key";
import { listApiKeys } from "@/lib/auth/list-api-keys";
import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { upsertBootstrapApiKey } from "@/lib/auth/upsert-bootstrap-api-key";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { authenticateUser } from "@/lib/users/authenticate-user";
import { findActiveUserActor } from "@/lib/users/find-active-user";
import { runCliCommand } from "@/lib/cli/run-cli-command";
import { getPrisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { callApi } from "../helpers/call-api";
import { createTestStore } from "../helpers/test-actors";

const email = () => `user-${randomBytes(4).toString("hex")}@example.test`;

describe("API keys", () => {
  it("shows the secret once, stores only its hash, and authenticates with keyId:secret", async () => {
    const key = await createApiKey({ name: "integration", role: "SUPERVISOR", actor: systemActor });
    expect(key.credentials).toBe(`${key.id}:${key.secret}`);
    expect(key.id).toMatch(/^kith_key_[0-7]/);
    const prisma = await getPrisma();
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).not.toContain(key.secret);
    expect(JSON.stringify(await listApiKeys({ actor: systemActor }))).not.toContain(row.secretHash);
    expect(await authenticateApiKey(key.id, key.secret)).toMatchObject({ type: "API_KEY", id: key.id, role: "SUPERVISOR", storeId: null });
    expect(await authenticateApiKey(key.id, "wrong")).toBeNull();
  });

  it("revokes at once, keeps the first revocation time, and audits it", async () => {
    const key = await createApiKey({ name: "to revoke", role: "AGENT", actor: systemActor });
    const revoked = await revokeApiKey({ keyId: key.id, actor: systemActor });
    expect(await authenticateApiKey(key.id, key.secret)).toBeNull();
    const again = await revokeApiKey({ keyId: key.id, actor: systemActor });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    const prisma = await getPrisma();
    expect(await prisma.auditEvent.count({ where: { resourceId: key.id, action: "apiKey.revoke" } })).toBe(1);
  });

  it("keeps store-scoped admins inside their store and non-admins out", async () => {
    const mine = await createTestStore();
    const theirs = await createTestStore();
    const scopedAdmin: Actor = { type: "API_KEY", id: "k", label: "k", role: "ADMIN", storeId: mine.id };
    await expect(createApiKey({ name: "x", role: "AGENT", storeId: theirs.id, actor: scopedAdmin })).rejects.toMatchObject({ status: 403 });
    await expect(createApiKey({ name: "x", role: "AGENT", storeId: null, actor: scopedAdmin })).rejects.toMatchObject({ status: 403 });
    const inside = await createApiKey({ name: "x", role: "AGENT", storeId: mine.id, actor: scopedAdmin });
    expect(inside.storeId).toBe(mine.id);
    expect((await listApiKeys({ actor: scopedAdmin })).every((key) => key.storeId === mine.id)).toBe(true);
    const outsider = await createApiKey({ name: "y", role: "AGENT", storeId: theirs.id, actor: systemActor });
    await expect(revokeApiKey({ keyId: outsider.id, actor: scopedAdmin })).rejects.toMatchObject({ status: 404 });
    const supervisor: Actor = { ...systemActor, role: "SUPERVISOR" };
    await expect(createApiKey({ name: "x", role: "AGENT", actor: supervisor })).rejects.toMatchObject({ status: 403 });
    await expect(createApiKey({ name: "x", role: "AGENT", storeId: newId("store"), actor: systemActor })).rejects.toMatchObject({ status: 400 });
  });

  it("upserts the bootstrap key: created, then replaced when the secret changes, un-revoked", async () => {
    const keyId = newId("apiKey");
    expect(await upsertBootstrapApiKey(`${keyId}:first-secret-0123456789`)).toEqual({ keyId, changed: true });
    expect(await upsertBootstrapApiKey(`${keyId}:first-secret-0123456789`)).toEqual({ keyId, changed: false });
    await revokeApiKey({ keyId, actor: systemActor });
    expect(await upsertBootstrapApiKey(`${keyId}:second-secret-0123456789`)).toEqual({ keyId, changed: true });
    expect(await authenticateApiKey(keyId, "first-secret-0123456789")).toBeNull();
    expect(await authenticateApiKey(keyId, "second-secret-0123456789")).toMatchObject({ role: "ADMIN", storeId: null });
    const response = await callApi("POST", "/v1/ControlPlane/Stores", { auth: `${keyId}:second-secret-0123456789`, json: { displayName: `boot-${randomBytes(3).toString("hex")}` } });
    expect(response.status).toBe(202);
  });
});

describe("users", () => {
  it("creates users with hashed passwords and authenticates them; duplicates are 409", async () => {
    const address = email();
    const user = await createUser({ email: address.toUpperCase(), role: "AGENT", password: "correct horse", actor: systemActor });
    expect(user.email).toBe(address);
    expect(JSON.stringify(user)).not.toContain("correct horse");
    expect(await authenticateUser(address, "correct horse")).toMatchObject({ email: address, role: "AGENT" });
    const prisma = await getPrisma();
    expect(await prisma.auditEvent.count({ where: { resourceId: user.id, action: "user.login", actorId: user.id } })).toBe(1);
    expect(await authenticateUser(address, "wrong")).toBeNull();
    await expect(createUser({ email: address, role: "ADMIN", password: "another one", actor: systemActor })).rejects.toMatchObject({ status: 409 });
  });

  it("applies role changes and disabling at once, and never removes the last active admin", async () => {
    const prisma = await getPrisma();
    const user = await createUser({ email: email(), role: "ADMIN", password: "password-1", actor: systemActor });
    await updateUser({ userId: user.id, role: "SUPERVISOR", actor: systemActor });
    expect(await findActiveUserActor(user.id)).toMatchObject({ role: "SUPERVISOR" });
    await updateUser({ userId: user.id, disabled: true, actor: systemActor });
    expect(await findActiveUserActor(user.id)).toBeNull();
    expect(await authenticateUser(user.email, "password-1")).toBeNull();

    const admins = await prisma.user.findMany({ where: { role: "ADMIN", disabledAt: null } });
    for (const admin of admins.slice(1)) await updateUser({ userId: admin.id, disabled: true, actor: systemActor });
    await expect(updateUser({ userId: admins[0].id, role: "AGENT", actor: systemActor })).rejects.toMatchObject({ status: 409 });
    await expect(updateUser({ userId: admins[0].id, disabled: true, actor: systemActor })).rejects.toMatchObject({ status: 409 });
    for (const admin of admins.slice(1)) await updateUser({ userId: admin.id, disabled: false, actor: systemActor });
  });

  it("lets only all-stores admins manage users", async () => {
    const agent: Actor = { type: "USER", id: "u", label: "u", role: "AGENT", storeId: null };
    await expect(createUser({ email: email(), role: "AGENT", password: "password-1", actor: agent })).rejects.toMatchObject({ status: 403 });
    const scopedAdmin: Actor = { type: "API_KEY", id: "k", label: "k", role: "ADMIN", storeId: "mem_store_x" };
    await expect(createUser({ email: email(), role: "AGENT", password: "password-1", actor: scopedAdmin })).rejects.toMatchObject({ status: 403 });
  });
});

describe("npm run kith", () => {
  it("creates, lists and revokes keys, printing the credentials once", async () => {
    const created = await runCliCommand(["keys", "create", "--name", "cli key", "--role", "agent"]);
    expect(created.exitCode).toBe(0);
    const credentials = /(kith_key_\w+:[\w-]+)/.exec(created.output)![1];
    const [keyId, secret] = credentials.split(":");
    expect(await authenticateApiKey(keyId, secret)).toMatchObject({ role: "AGENT" });
    const listed = await runCliCommand(["keys", "list"]);
    expect(listed.output).toContain(keyId);
    expect(listed.output).not.toContain(secret);
    expect((await runCliCommand(["keys", "revoke", keyId])).exitCode).toBe(0);
    expect(await authenticateApiKey(keyId, secret)).toBeNull();
  });

  it("manages users and explains mistakes", async () => {
    const address = email();
    const created = await runCliCommand(["users", "create", "--email", address, "--role", "SUPERVISOR"]);
    expect(created.output).toMatch(/Generated password \(shown once\): \S{12,}/);
    expect((await runCliCommand(["users", "set-role", "--email", address, "--role", "AGENT"])).output).toContain("is now AGENT");
    expect((await runCliCommand(["users", "disable", "--email", address])).output).toContain("disabled");
    expect(await runCliCommand(["keys", "create", "--name", "x", "--role", "OWNER"])).toMatchObject({ exitCode: 1, output: expect.stringContaining("--role must be one of") });
    expect(await runCliCommand(["users", "set-role", "--email", "nobody@example.test", "--role", "AGENT"])).toMatchObject({ exitCode: 1 });
    expect((await runCliCommand(["frobnicate"])).exitCode).toBe(2);
    expect((await runCliCommand([])).output).toContain("Usage");
  });
});
