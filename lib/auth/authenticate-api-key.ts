import { getPrisma } from "../db/client";
import type { Actor } from "./actor";
import { secretMatchesHash } from "./api-key-secrets";

// lastUsedAt is informational: refresh it at most once a minute, not on every request.
const LAST_USED_REFRESH_MS = 60_000;

/** The actor behind `keyId:secret`, or null when the pair is unknown, wrong or revoked. */
export async function authenticateApiKey(keyId: string, secret: string): Promise<Actor | null> {
  const prisma = await getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { id: keyId } });
  if (!key || key.revokedAt || !secretMatchesHash(secret, key.secretHash)) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_REFRESH_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { type: "API_KEY", id: key.id, label: key.name, role: key.role, storeId: key.storeId };
}
