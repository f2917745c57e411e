import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "./actor";
import { requireRole } from "./roles";
import { generateApiKeySecret, hashApiKeySecret } from "./api-key-secrets";
import type { ApiKeyCreateInput } from "./api-key-schemas";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";

export type CreateApiKeyOptions = ApiKeyCreateInput & { actor: Actor; requestId?: string };

export type CreatedApiKey = ApiKeyView & {
  /** Shown once: only its hash is stored. */
  secret: string;
  /** `keyId:secret`, the HTTP Basic credentials. */
  credentials: string;
};

/** Creates an API key; the secret is returned once and stored only as a hash. */
export async function createApiKey({ name, role, storeId, actor, requestId }: CreateApiKeyOptions): Promise<CreatedApiKey> {
  requireRole(actor, "ADMIN");
  const scope = storeId ?? null;
  // A store-scoped admin may only make keys for its own store.
  if (actor.storeId !== null && scope !== actor.storeId) {
    throw new AppError("forbidden", "A store-scoped key can only create keys for its own store");
  }
  const prisma = await getPrisma();
  if (scope && !(await prisma.store.findUnique({ where: { id: scope }, select: { id: true } }))) {
    throw new AppError("bad_request", "Unknown store", { details: [{ path: "storeId", message: "no such store" }] });
  }
  const secret = generateApiKeySecret();
  const key = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: newId("apiKey"),
        name,
        role,
        storeId: scope,
        secretHash: hashApiKeySecret(secret),
        createdByType: actor.type,
        createdById: actor.id,
      },
    });
    await recordAuditEvent(tx, {
      storeId: scope,
      actor,
      action: "apiKey.create",
      resourceType: "apiKey",
      resourceId: created.id,
      after: toApiKeyView(created),
      requestId,
    });
    return created;
  });
  return { ...toApiKeyView(key), secret, credentials: `${key.id}:${secret}` };
}
