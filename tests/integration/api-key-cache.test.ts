import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { API_KEY_CACHE_MS, authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { upsertBootstrapApiKey } from "@/lib/auth/upsert-bootstrap-api-key";
import { getPrisma } from "@/lib/db/client";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// A server process remembers an API key row it read for API_KEY_CACHE_MS (lib/auth/authenticate-api-key.ts):
// one statement fewer per request. A revocation in the same process is effective at once; one made
// elsewhere (another server process, the CLI on PostgreSQL — simulated here by writing the row
// directly) within that bound. The secret is checked on every request either way.
describe("API key verification cache", () => {
  let storeId: string;
  const storePath = () => `/v1/ControlPlane/Stores/${storeId}`;

  beforeAll(async () => {
    storeId = (await createTestStore("key-cache")).id;
  });
  afterEach(() => vi.restoreAllMocks());

  it("reads a key's row once within the bound, and still checks the secret every time", async () => {
    const credentials = await createTestKey("AGENT", storeId);
    const [keyId, secret] = credentials.split(":");
    const prisma = await getPrisma();
    const reads = vi.spyOn(prisma.apiKey, "findUnique");
    expect(await authenticateApiKey(keyId, secret)).toMatchObject({ type: "API_KEY", id: keyId, role: "AGENT", storeId });
    expect(await authenticateApiKey(keyId, secret)).toMatchObject({ id: keyId });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await authenticateApiKey(keyId, `${secret}x`)).toBeNull();
    expect(await authenticateApiKey(keyId, "")).toBeNull();
    expect((await callApi("GET", storePath(), { auth: `${keyId}:wrong` })).status).toBe(401);
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(200);
  });

  it("refuses a key revoked in this process at once", async () => {
    const credentials = await createTestKey("AGENT", storeId);
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(200); // now cached
    await revokeApiKey({ keyId: credentials.split(":")[0], actor: systemActor });
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(401);
  });

  it("refuses a key revoked by another process once API_KEY_CACHE_MS has passed, not later", async () => {
    const credentials = await createTestKey("AGENT", storeId);
    const keyId = credentials.split(":")[0];
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(200);
    const prisma = await getPrisma();
    await prisma.$executeRaw`UPDATE "api_keys" SET "revokedAt" = now() WHERE "id" = ${keyId}`;
    clock.mockReturnValue(start + API_KEY_CACHE_MS - 1); // still within the bound: this process has not re-read it
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(200);
    clock.mockReturnValue(start + API_KEY_CACHE_MS);
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(401);
    clock.mockReturnValue(start + API_KEY_CACHE_MS + 60_000);
    expect((await callApi("GET", storePath(), { auth: credentials })).status).toBe(401);
  });

  it("a clock that goes back does not stretch the bound, and a deleted key is forgotten", async () => {
    const credentials = await createTestKey("AGENT", storeId);
    const [keyId, secret] = credentials.split(":");
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    expect(await authenticateApiKey(keyId, secret)).not.toBeNull();
    const prisma = await getPrisma();
    await prisma.apiKey.delete({ where: { id: keyId } });
    clock.mockReturnValue(start - 1_000);
    expect(await authenticateApiKey(keyId, secret)).toBeNull();
  });

  it("a bootstrap key whose secret is replaced in this process takes the new secret at once", async () => {
    const keyId = "kith_key_01jbootstrapcache0000000000";
    expect((await upsertBootstrapApiKey(`${keyId}:first-secret`)).changed).toBe(true);
    expect(await authenticateApiKey(keyId, "first-secret")).toMatchObject({ role: "ADMIN", storeId: null });
    expect((await upsertBootstrapApiKey(`${keyId}:second-secret`)).changed).toBe(true);
    expect(await authenticateApiKey(keyId, "first-secret")).toBeNull();
    expect(await authenticateApiKey(keyId, "second-secret")).toMatchObject({ role: "ADMIN" });
  });
});
