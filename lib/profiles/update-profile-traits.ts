import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import type { TraitValuesInput } from "../traits/validate-trait-values";
import { resolveRecord, withResolutionRetry } from "../identity/resolve-record";
import type { ResolutionDecision } from "../identity/resolution-types";
import { findProfileOrThrow } from "./find-profile-or-throw";
import { prepareProfileTraits } from "./create-or-resolve-profile";
import { proposeDuplicateMerges } from "../merges/propose-duplicate-merges";
import { writeTraitValues, type TraitValueSource } from "./write-trait-values";

export type UpdateProfileTraitsOptions = {
  storeId: string;
  profileId: string;
  traits: TraitValuesInput;
  actor: Actor;
  requestId?: string;
  /** Where the written values say they came from: the API's PATCH by default, the console's editor. */
  source?: Extract<TraitValueSource, "API" | "CONSOLE">;
};

export type UpdateProfileTraitsResult = {
  /** Where the traits landed: the profile, or the survivor it was merged into by a promoted value. */
  profileId: string;
  outcome: ResolutionDecision["outcome"] | "unchanged";
  conflicts: string[];
};

/**
 * PATCH …/Profiles/{id}: merge semantics (`null` removes a trait). A promoted trait's new value
 * joins the profile's identifiers through identity resolution, with its consequences: it may
 * merge this profile with the one that owned the value (or propose that, in review mode).
 */
export async function updateProfileTraits({ storeId, profileId, traits, actor, requestId, source = "API" }: UpdateProfileTraitsOptions): Promise<UpdateProfileTraitsResult> {
  requireRole(actor, "AGENT");
  const prepared = await prepareProfileTraits(storeId, traits);
  if (!prepared.ok) throw new AppError("bad_request", "Invalid traits", { details: prepared.issues });
  // prepareProfileTraits drops removals; PATCH keeps them.
  const removals = Object.entries(traits).flatMap(([groupName, group]) =>
    Object.entries(group as Record<string, unknown>)
      .filter(([, value]) => value === null)
      .map(([traitName]) => ({ groupName, traitName, value: null })),
  );
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    await findProfileOrThrow(tx, { storeId, profileId });
    let target = profileId;
    let outcome: UpdateProfileTraitsResult["outcome"] = "unchanged";
    let conflicts: string[] = [];
    if (prepared.promotions.length > 0) {
      const resolution = await resolveRecord(tx, {
        storeId,
        incoming: prepared.promotions.map(({ idType, value }) => ({ idType, value })),
        anchorProfileId: profileId,
        source: "TRAIT_PROMOTION",
        createIfMissing: true,
        actor,
        requestId,
        settings: prepared.settings,
      });
      target = resolution.profileId!;
      outcome = resolution.decision.outcome;
      conflicts = resolution.decision.conflicts.map((conflict) => conflict.message);
    }
    const written = await writeTraitValues(tx, storeId, target, [...prepared.values, ...removals], source);
    await proposeDuplicateMerges(tx, storeId, target, actor, written);
    return { profileId: target, outcome, conflicts };
  });
}
