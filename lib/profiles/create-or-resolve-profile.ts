import { getPrisma } from "../db/client";
import { AppError, type FieldIssue } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { validateTraitValues, type TraitPromotion, type TraitValuesInput } from "../traits/validate-trait-values";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import type { ResolutionSource } from "../identity/resolve-record";
import type { ResolutionDecision, ResolutionSettings } from "../identity/resolution-types";
import { loadTraitGroupsAndSettings } from "./load-trait-groups";
import type { TraitValueSource } from "./write-trait-values";
import { createOrResolveProfiles, type ProfileWrite } from "./create-or-resolve-profiles";

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

export type ProfileWriteSchema = Awaited<ReturnType<typeof loadTraitGroupsAndSettings>>;

/** The trait schema and identity settings profile writes are validated and resolved against (one read). */
export async function loadProfileWriteSchema(storeId: string): Promise<ProfileWriteSchema> {
  return loadTraitGroupsAndSettings(await getPrisma(), storeId);
}

/**
 * Validates a profile's traits against the store's trait schema and turns promoted traits into
 * identifiers, checking each against its identifier type (a value that cannot be normalised is a
 * 400 on its trait's path, never stored raw). Shared by create-or-resolve, bulk and PATCH.
 */
export async function prepareProfileTraits(storeId: string, traits: TraitValuesInput, basePath = "traits", schema?: ProfileWriteSchema) {
  const { groups, settings } = schema ?? (await loadProfileWriteSchema(storeId));
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
 * A create-or-resolve write checked against the schema: a 400 (AppError) for invalid traits or
 * when no trait promoted to an identifier has a value (Twilio requires one, so a profile can
 * always be found again).
 */
export function toProfileWriteOrThrow(prepared: Awaited<ReturnType<typeof prepareProfileTraits>>, sourceRef?: string): ProfileWrite {
  if (!prepared.ok) throw new AppError("bad_request", "Invalid traits", { details: prepared.issues });
  if (prepared.promotions.length === 0) {
    throw new AppError("bad_request", "At least one trait promoted to an identifier (e.g. Contact.email or Contact.phone) is required", {
      details: [{ path: "traits", message: "no trait with idTypePromotion has a value" }],
    });
  }
  return { incoming: prepared.promotions.map(({ idType, value }) => ({ idType, value })), values: prepared.values, sourceRef };
}

/** The store's resolution settings, which every store gets with its creation. */
export function requireResolutionSettings(storeId: string, schema: ProfileWriteSchema): ResolutionSettings {
  if (!schema.settings) throw new Error(`Store ${storeId} has no identity resolution settings`);
  return schema.settings;
}

/**
 * POST …/Profiles: identity resolution runs on the promoted traits (SPEC §4), then the traits are
 * written to the profile the record resolved to — a new one, an existing one, or the survivor of
 * a merge. Twilio requires at least one promoted trait, so a profile can always be found again.
 */
export async function createOrResolveProfile({ storeId, traits, actor, requestId, source = "API", sourceRef }: CreateOrResolveProfileOptions): Promise<CreateOrResolveProfileResult> {
  requireRole(actor, "AGENT");
  const schema = await loadProfileWriteSchema(storeId);
  const write = toProfileWriteOrThrow(await prepareProfileTraits(storeId, traits, "traits", schema), sourceRef);
  const [result] = await createOrResolveProfiles({ storeId, writes: [write], settings: requireResolutionSettings(storeId, schema), actor, requestId, source });
  return result;
}
