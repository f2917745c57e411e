import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "./actor";
import { requireRole } from "./roles";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";
import { forgetApiKey } from "./authenticate-api-key";

export type RevokeApiKeyOptions = { keyId: string; actor: Actor; requestId?: string };

/** Revokes a key at once; revoking twice is harmless and keeps the first revocation time. */
export async function revokeApiKey({ keyId, actor, requestId }: RevokeApiKeyOptions): Promise<ApiKeyView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const view = await prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!key || (actor.storeId !== null && key.storeId !== actor.storeId)) throw new AppError("not_found", "API key not found");
    if (key.revokedAt) return toApiKeyView(key);
    const revoked = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      storeId: key.storeId,
      actor,
      action: "apiKey.revoke",
      resourceType: "apiKey",
      resourceId: keyId,
      before: toApiKeyView(key),
      after: toApiKeyView(revoked),
      requestId,
    });
    return toApiKeyView(revoked);
  });
  forgetApiKey(keyId); // this process refuses it from now on; others within API_KEY_CACHE_MS
  return view;
}
