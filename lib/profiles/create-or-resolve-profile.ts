import { getPrisma } from "../db/client";
import { AppError, type FieldIssue } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { validateTraitValues, type TraitPromotion, type TraitValuesInput } from "../traits/validate-trait-values";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { resolveRecord, withResolutionRetry, type ResolutionSource } from "../identity/resolve-record";
import type { ResolutionDecision } from "../identity/resolution-types";
import { loadTraitGroupsAndSettings } from "./load-trait-groups";
import { proposeDuplicateMerges } from "../merges/propose-duplicate-merges";
import { writeTraitValues, type TraitValueSource } from "./write-trait-values";

export type CreateOrResolveProfileOptions = {
  storeId: string;
  traits: TraitValuesInput;
  actor: Actor;
  requestId?: string;
  source?: ResolutionSource & TraitValueSource;
  sourceRef?: string;
};

export type CreateOrResolveProfileResult = {
  profileId: string;
  created: boolean;
  outcome: ResolutionDecision["outcome"];
  conflicts: string[];
};

/**
 * Validates a profile's traits against the store's trait schema and turns promoted traits into
 * identifiers, checking each against its identifier type (a value that cannot be normalised is a
 * 400 on its trait's path, never stored raw). Shared by create-or-resolve and bulk.
 */
export async function prepareProfileTraits(storeId: string, traits: TraitValuesInput, basePath = "traits") {
  const prisma = await getPrisma();
  const { groups, settings } = await loadTraitGroupsAndSettings(prisma, storeId);
  const validated = validateTraitValues(groups, traits, basePath);
  if (!validated.ok) return { ok: false as const, issues: validated.issues };
  const configs = new Map((settings?.identifierConfigs ?? []).map((config) => [config.idType, config]));
  const issues: FieldIssue[] = [];
  const promotions: TraitPromotion[] = [];
  for (const promotion of validated.promotions) {
    const config = configs.get(promotion.idType);
    const normalized = config ? normalizeIdentifier(promotion.value, config.normalization) : { ok: false as const, reason: `has no identifier config for "${promotion.idType}"` };
    if (normalized.ok) promotions.push(promotion);
    else issues.push({ path: `${basePath}.${promotion.groupName}.${promotion.traitName}`, message: `not a valid ${promotion.idType}: ${normalized.reason}` });
  }
  if (issues.length > 0) return { ok: false as const, issues };
  return { ok: true as const, values: validated.values.filter((change) => change.value !== null), promotions, settings: settings ?? undefined };
}

/**
 * POST …/Profiles: identity resolution runs on the promoted traits (SPEC §4), then the traits are
 * written to the profile the record resolved to — a new one, an existing one, or the survivor of
 * a merge. Twilio requires at least one promoted trait, so a profile can always be found again.
 */
export async function createOrResolveProfile({ storeId, traits, actor, requestId, source = "API", sourceRef }: CreateOrResolveProfileOptions): Promise<CreateOrResolveProfileResult> {
  requireRole(actor, "AGENT");
  const prepared = await prepareProfileTraits(storeId, traits);
  if (!prepared.ok) throw new AppError("bad_request", "Invalid traits", { details: prepared.issues });
  if (prepared.promotions.length === 0) {
    throw new AppError("bad_request", "At least one trait promoted to an identifier (e.g. Contact.email or Contact.phone) is required", {
      details: [{ path: "traits", message: "no trait with idTypePromotion has a value" }],
    });
  }
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    const resolution = await resolveRecord(tx, {
      storeId,
      incoming: prepared.promotions.map(({ idType, value }) => ({ idType, value })),
      source,
      sourceRef,
      createIfMissing: true,
      actor,
      requestId,
      settings: prepared.settings,
    });
    const profileId = resolution.profileId!;
    const written = await writeTraitValues(tx, storeId, profileId, prepared.values, source);
    await proposeDuplicateMerges(tx, storeId, profileId, actor, written);
    return { profileId, created: resolution.created, outcome: resolution.decision.outcome, conflicts: resolution.decision.conflicts.map((conflict) => conflict.message) };
  });
}
