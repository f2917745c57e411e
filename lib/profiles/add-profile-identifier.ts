import { getPrisma } from "../db/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { resolveRecord, withResolutionRetry } from "../identity/resolve-record";
import type { ResolutionDecision } from "../identity/resolution-types";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type AddProfileIdentifierOptions = { storeId: string; profileId: string; idType: string; value: string; actor: Actor; requestId?: string };

export type AddProfileIdentifierResult = {
  /** The profile that holds the value now (the survivor, when adding it merged two profiles). */
  profileId: string;
  normalizedValue: string;
  /** False when a rule kept the value off this profile (see `conflicts`). */
  attached: boolean;
  outcome: ResolutionDecision["outcome"];
  conflicts: string[];
};

/**
 * POST …/Identifiers: adds one value to a profile through identity resolution, so adding a value
 * another profile owns has the consequences SPEC §4 gives it: a merge (the earliest survives), a
 * proposed merge in review mode, or a refusal when a `block` limit (user_id) forbids it.
 */
export async function addProfileIdentifier(options: AddProfileIdentifierOptions): Promise<AddProfileIdentifierResult> {
  requireRole(options.actor, "AGENT");
  const prisma = await getPrisma();
  const normalizedValue = await normalizeForStore(options.storeId, options.idType, options.value, "value");
  return withResolutionRetry(prisma, async (tx) => {
    await findProfileOrThrow(tx, options);
    return addIdentifierInTransaction(tx, { ...options, normalizedValue });
  });
}

/** The value normalised with its type's config, or a 400 naming `path`. */
export async function normalizeForStore(storeId: string, idType: string, value: string, path: string): Promise<string> {
  const settings = await readIdentitySettingsView(await getPrisma(), storeId);
  const config = settings?.identifierConfigs.find((candidate) => candidate.idType === idType);
  if (!config) throw new AppError("bad_request", `No identifier type "${idType}" is configured for this store`, { details: [{ path: "idType", message: "unknown identifier type" }] });
  const normalized = normalizeIdentifier(value, config.normalization);
  if (!normalized.ok) throw new AppError("bad_request", `Invalid ${idType}: ${normalized.reason}`, { details: [{ path, message: normalized.reason }] });
  return normalized.value;
}

/** The resolution step of adding a value, inside the caller's transaction (replace uses it too). */
export async function addIdentifierInTransaction(tx: Tx, options: AddProfileIdentifierOptions & { normalizedValue: string }): Promise<AddProfileIdentifierResult> {
  const { storeId, profileId, idType, value, normalizedValue, actor, requestId } = options;
  const resolution = await resolveRecord(tx, { storeId, incoming: [{ idType, value }], anchorProfileId: profileId, source: "API", createIfMissing: true, actor, requestId });
  const holder = await tx.identifier.findFirst({ where: { storeId, idType, value: normalizedValue, profileId: resolution.profileId! }, select: { id: true } });
  return {
    profileId: resolution.profileId!,
    normalizedValue,
    attached: holder !== null,
    outcome: resolution.decision.outcome,
    conflicts: resolution.decision.conflicts.map((conflict) => conflict.message),
  };
}
