import { getPrisma } from "../db/client";
import type { ApiKey } from "../db/generated/client";
import type { Actor } from "./actor";
import { secretMatchesHash } from "./api-key-secrets";

// lastUsedAt is informational: refresh it at most once a minute, not on every request.
const LAST_USED_REFRESH_MS = 60_000;

/**
 * How long this process trusts an API key row it read: a key revoked (or its secret replaced) by
 * ANOTHER process — a second server process, `npm run kith` against PostgreSQL — stops working
 * within this bound. In the process that revoked it, at once (forgetApiKey). Every request still
 * checks its secret against the row's SHA-256; only the row's lookup is saved (one statement per
 * request — docs/PERFORMANCE.md). Unknown key ids are never remembered.
 */
export const API_KEY_CACHE_MS = 5_000;
const MAX_CACHED_KEYS = 1_000;

type CachedKey = { key: Pick<ApiKey, "id" | "name" | "role" | "storeId" | "secretHash" | "revokedAt" | "lastUsedAt">; readAt: number };

// Shared by every module copy in the process (Next bundles route code separately), so that a
// revocation in the console's bundle is seen by the API routes' at once.
const holder = globalThis as unknown as { kithApiKeyCache?: Map<string, CachedKey> };
const cache = (holder.kithApiKeyCache ??= new Map());

/** Drops this process's copy of a key (after revoking it or replacing its secret). */
export function forgetApiKey(keyId: string): void {
  cache.delete(keyId);
}

async function readKey(keyId: string, now: number): Promise<CachedKey["key"] | null> {
  const cached = cache.get(keyId);
  if (cached && now - cached.readAt < API_KEY_CACHE_MS && now >= cached.readAt) return cached.key;
  const prisma = await getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { id: keyId }, select: { id: true, name: true, role: true, storeId: true, secretHash: true, revokedAt: true, lastUsedAt: true } });
  if (!key) {
    cache.delete(keyId);
    return null;
  }
  if (cache.size >= MAX_CACHED_KEYS) cache.clear();
  cache.set(keyId, { key, readAt: now });
  return key;
}

/** The actor behind `keyId:secret`, or null when the pair is unknown, wrong or revoked. */
export async function authenticateApiKey(keyId: string, secret: string): Promise<Actor | null> {
  const now = Date.now();
  const key = await readKey(keyId, now);
  if (!key || key.revokedAt || !secretMatchesHash(secret, key.secretHash)) return null;
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_REFRESH_MS) {
    const prisma = await getPrisma();
    key.lastUsedAt = new Date(now);
    await prisma.apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: key.lastUsedAt } });
  }
  return { type: "API_KEY", id: key.id, label: key.name, role: key.role, storeId: key.storeId };
}
