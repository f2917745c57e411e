import { getPrisma } from "../db/client";
import type { Actor } from "./actor";
import { requireRole } from "./roles";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";

export type ListApiKeysOptions = { actor: Actor; includeRevoked?: boolean };

/** Keys the actor may manage: all of them for an all-store admin, its store's for a scoped one. */
export async function listApiKeys({ actor, includeRevoked = true }: ListApiKeysOptions): Promise<ApiKeyView[]> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const keys = await prisma.apiKey.findMany({
    where: {
      ...(actor.storeId !== null ? { storeId: actor.storeId } : {}),
      ...(includeRevoked ? {} : { revokedAt: null }),
    },
    orderBy: { createdAt: "desc" },
  });
  return keys.map(toApiKeyView);
}
