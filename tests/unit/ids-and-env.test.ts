import { afterEach, describe, expect, it } from "vitest";
import { assertIdOf, idPrefixes, isIdOf, newId } from "@/lib/ids";
import { readEnv, resetEnvCache } from "@/lib/env";
import { generateApiKeySecret, hashApiKeySecret, secretMatchesHash } from "@/lib/auth/api-key-secrets";
import { canAccessStore, hasRole } from "@/lib/auth/roles";
import { toVectorLiteral, fromVectorLiteral, EMBEDDING_DIMENSIONS } from "@/lib/db/vector";

describe("TypeIDs", () => {
  it("makes Twilio-prefixed ids: prefix, underscore, 26 base32 characters starting 0–7", () => {
    expect(newId("store")).toMatch(/^mem_store_[0-7][0-9a-hjkmnp-tv-z]{25}$/);
    expect(newId("conversation")).toMatch(/^conv_conversation_[0-7]/);
    expect(idPrefixes.profile).toBe("mem_profile");
  });

  it("sorts in creation order and recognises only its own kind", () => {
    const ids = Array.from({ length: 50 }, () => newId("profile"));
    expect([...ids].sort()).toEqual(ids);
    expect(isIdOf("profile", ids[0])).toBe(true);
    expect(isIdOf("store", ids[0])).toBe(false);
    expect(isIdOf("store", "mem_store_81h455vb4pex5vsknk084sn02q")).toBe(false);
    expect(() => assertIdOf("store", "garbage", "Store")).toThrow("Store not found");
  });
});

describe("environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("applies defaults and rejects bad values with the variable's name", () => {
    resetEnvCache();
    delete process.env.PORT;
    expect(readEnv().PORT).toBe(3000);
    resetEnvCache();
    process.env.PORT = "not-a-port";
    expect(() => readEnv()).toThrow(/PORT/);
    resetEnvCache();
    process.env.PORT = "3000";
    process.env.KITH_BOOTSTRAP_API_KEY = "no-colon";
    expect(() => readEnv()).toThrow(/KITH_BOOTSTRAP_API_KEY/);
    resetEnvCache();
    delete process.env.KITH_BOOTSTRAP_API_KEY;
    process.env.DATABASE_URL = "mysql://x";
    expect(() => readEnv()).toThrow(/DATABASE_URL/);
    resetEnvCache();
    process.env.DATABASE_URL = "";
    process.env.KITH_SEED_DEMO = "0";
    expect(readEnv()).toMatchObject({ DATABASE_URL: undefined, KITH_SEED_DEMO: false });
  });
});

describe("API key secrets and roles", () => {
  it("stores only a hash and compares in constant time", () => {
    const secret = generateApiKeySecret();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    const hash = hashApiKeySecret(secret);
    expect(hash).not.toContain(secret);
    expect(secretMatchesHash(secret, hash)).toBe(true);
    expect(secretMatchesHash(secret + "x", hash)).toBe(false);
  });

  it("orders roles and scopes", () => {
    expect(hasRole({ role: "ADMIN" }, "SUPERVISOR")).toBe(true);
    expect(hasRole({ role: "AGENT" }, "SUPERVISOR")).toBe(false);
    expect(canAccessStore({ storeId: null }, "mem_store_a")).toBe(true);
    expect(canAccessStore({ storeId: "mem_store_a" }, "mem_store_b")).toBe(false);
  });
});

describe("vector literals", () => {
  it("round-trips and checks the dimension", () => {
    const vector = Array.from({ length: EMBEDDING_DIMENSIONS }, (_, index) => index / 1000);
    expect(Array.from(fromVectorLiteral(toVectorLiteral(vector)))).toEqual(vector.map((value) => Math.fround(value)));
    expect(() => toVectorLiteral([1, 2, 3])).toThrow(/384/);
    expect(() => toVectorLiteral(vector.map((value, index) => (index === 5 ? Number.NaN : value)))).toThrow(/finite/);
  });
});
