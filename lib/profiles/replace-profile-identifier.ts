import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { withResolutionRetry } from "../identity/resolve-record";
import { addIdentifierInTransaction, normalizeForStore, type AddProfileIdentifierResult } from "./add-profile-identifier";
import { removeIdentifiersInTransaction } from "./remove-profile-identifiers";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type ReplaceProfileIdentifierOptions = {
  storeId: string;
  profileId: string;
  idType: string;
  oldValue: string;
  newValue: string;
  actor: Actor;
  requestId?: string;
};

/**
 * PATCH …/Identifiers/{idType} `{oldValue, newValue}`, in one transaction: the old value goes and
 * the new one is added through identity resolution (it may merge, or be refused by a rule: then
 * `attached` is false and the caller answers 409). The old value must be on the profile (404).
 */
export async function replaceProfileIdentifier({ storeId, profileId, idType, oldValue, newValue, actor, requestId }: ReplaceProfileIdentifierOptions): Promise<AddProfileIdentifierResult> {
  requireRole(actor, "AGENT");
  const normalizedValue = await normalizeForStore(storeId, idType, newValue, "newValue");
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    await findProfileOrThrow(tx, { storeId, profileId });
    await removeIdentifiersInTransaction(tx, { storeId, profileId, idType, value: oldValue, actor, requestId });
    return addIdentifierInTransaction(tx, { storeId, profileId, idType, value: newValue, normalizedValue, actor, requestId });
  });
}
