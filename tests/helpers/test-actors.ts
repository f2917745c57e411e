import { randomBytes } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/auth/create-api-key";
import { createStore } from "@/lib/stores/create-store";
import type { Role } from "@/lib/db/generated/enums";

/** A new API key; returns its `keyId:secret`. */
export async function createTestKey(role: Role, storeId: string | null = null): Promise<string> {
  const key = await createApiKey({ name: `test ${role} ${storeId ?? "all"}`, role, storeId, actor: systemActor });
  return key.credentials;
}

/** A unique store name per call: test files share one database. */
export function uniqueStoreName(prefix = "test"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/** A fresh store (with its default settings), created as the system. */
export async function createTestStore(prefix = "test") {
  return createStore({ input: { displayName: uniqueStoreName(prefix) }, actor: systemActor });
}
