import { getPrisma } from "../db/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { systemActor } from "./actor";
import { hashApiKeySecret } from "./api-key-secrets";
import { forgetApiKey } from "./authenticate-api-key";

export const BOOTSTRAP_KEY_NAME = "Bootstrap key (KITH_BOOTSTRAP_API_KEY)";

/**
 * Makes `keyId:secret` (from KITH_BOOTSTRAP_API_KEY) a working all-stores ADMIN key, for
 * automation: created if missing, secret replaced and un-revoked if it changed.
 */
export async function upsertBootstrapApiKey(credentials: string): Promise<{ keyId: string; changed: boolean }> {
  const separator = credentials.indexOf(":");
  const keyId = credentials.slice(0, separator);
  const secretHash = hashApiKeySecret(credentials.slice(separator + 1));
  const prisma = await getPrisma();
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { id: keyId } });
    const upToDate = existing && existing.secretHash === secretHash && !existing.revokedAt && existing.role === "ADMIN" && existing.storeId === null;
    if (upToDate) return { keyId, changed: false };
    await tx.apiKey.upsert({
      where: { id: keyId },
      create: { id: keyId, name: BOOTSTRAP_KEY_NAME, role: "ADMIN", storeId: null, secretHash, createdByType: "SYSTEM" },
      update: { secretHash, role: "ADMIN", storeId: null, revokedAt: null },
    });
    await recordAuditEvent(tx, {
      storeId: null,
      actor: systemActor,
      action: existing ? "apiKey.update" : "apiKey.create",
      resourceType: "apiKey",
      resourceId: keyId,
      after: { name: BOOTSTRAP_KEY_NAME, role: "ADMIN", storeId: null },
    });
    return { keyId, changed: true };
  });
  forgetApiKey(keyId); // a replaced secret or role counts at once in this process
  return result;
}
