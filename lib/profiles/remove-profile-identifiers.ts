import { getPrisma } from "../db/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type RemoveProfileIdentifiersOptions = {
  storeId: string;
  profileId: string;
  idType: string;
  /** Remove every value of the type. */
  removeAll?: boolean;
  /** Remove this value (Kith's addition); otherwise one value, chosen by the type's limit policy. */
  value?: string;
  actor: Actor;
  requestId?: string;
};

/**
 * DELETE …/Identifiers/{idType}: removes all values (`removeAll`), one named value, or — as
 * Twilio does — one value chosen by the limit policy: the oldest for fifo, the newest for lifo
 * and block. Returns the values removed.
 */
export async function removeProfileIdentifiers(options: RemoveProfileIdentifiersOptions): Promise<string[]> {
  requireRole(options.actor, "AGENT");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await findProfileOrThrow(tx, options);
    return removeIdentifiersInTransaction(tx, options);
  });
}

/** The removal itself, inside the caller's transaction (replace uses it too). */
export async function removeIdentifiersInTransaction(tx: Tx, { storeId, profileId, idType, removeAll, value, actor, requestId }: RemoveProfileIdentifiersOptions): Promise<string[]> {
  const settings = await readIdentitySettingsView(tx, storeId);
  const config = settings?.identifierConfigs.find((candidate) => candidate.idType === idType);
  const held = await tx.identifier.findMany({ where: { storeId, profileId, idType }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (held.length === 0) throw new AppError("not_found", `Profile ${profileId} has no ${idType} identifier`);
  let removed = held;
  if (value !== undefined) {
    const normalized = config ? normalizeIdentifier(value, config.normalization) : { ok: true as const, value: value.trim() };
    removed = held.filter((row) => row.value === (normalized.ok ? normalized.value : value));
    if (removed.length === 0) throw new AppError("not_found", `Profile ${profileId} has no ${idType} ${value}`);
  } else if (!removeAll) {
    removed = [config?.limitPolicy === "fifo" ? held[0] : held[held.length - 1]];
  }
  await tx.identifier.deleteMany({ where: { storeId, id: { in: removed.map((row) => row.id) } } });
  await recordAuditEvent(tx, {
    storeId,
    actor,
    action: "identifier.remove",
    resourceType: "profile",
    resourceId: profileId,
    before: { idType, values: held.map((row) => row.value) },
    after: { idType, values: held.filter((row) => !removed.includes(row)).map((row) => row.value) },
    requestId,
  });
  return removed.map((row) => row.value);
}
