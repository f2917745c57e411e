import { AppError, isAppError, type FieldIssue } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import type { TraitValuesInput } from "../traits/validate-trait-values";
import { loadProfileWriteSchema, prepareProfileTraits, requireResolutionSettings, toProfileWriteOrThrow } from "./create-or-resolve-profile";
import { createOrResolveProfiles, type ProfileWrite } from "./create-or-resolve-profiles";

export const MAX_BULK_PROFILES = 1000;

export type BulkUpsertProfilesOptions = {
  storeId: string;
  profiles: { traits: TraitValuesInput }[];
  actor: Actor;
  requestId?: string;
};

export type BulkRowResult =
  | { index: number; status: "created" | "attached" | "merged" | "proposed"; profileId: string; conflicts: string[] }
  | { index: number; status: "invalid"; errors: FieldIssue[] };

/**
 * PUT …/Profiles/Bulk: each row is resolved and written like a single create, in order (a later
 * row sees the profiles earlier rows made), against the trait schema and identity settings as
 * they were when the call began (read once). Valid rows are written in batches of up to 200 per
 * transaction (`createOrResolveProfiles`). One bad row fails alone: its result says why, and the
 * others are kept.
 */
export async function bulkUpsertProfiles({ storeId, profiles, actor, requestId }: BulkUpsertProfilesOptions): Promise<BulkRowResult[]> {
  requireRole(actor, "AGENT");
  if (profiles.length > MAX_BULK_PROFILES) throw new AppError("bad_request", `At most ${MAX_BULK_PROFILES} profiles per bulk call`);
  const schema = await loadProfileWriteSchema(storeId);
  const results: BulkRowResult[] = [];
  const writes: { index: number; write: ProfileWrite }[] = [];
  for (const [index, row] of profiles.entries()) {
    try {
      writes.push({ index, write: toProfileWriteOrThrow(await prepareProfileTraits(storeId, row.traits, "traits", schema), `bulk row ${index}`) });
    } catch (error) {
      if (!isAppError(error) || error.kind !== "bad_request") throw error;
      const errors = (error.details ?? [{ path: "traits", message: error.message }]).map((issue) => ({ ...issue, path: `profiles.${index}.${issue.path}` }));
      results.push({ index, status: "invalid", errors });
    }
  }
  if (writes.length > 0) {
    const resolved = await createOrResolveProfiles({ storeId, writes: writes.map(({ write }) => write), settings: requireResolutionSettings(storeId, schema), actor, requestId, source: "IMPORT" });
    resolved.forEach((result, position) => {
      const status = result.created ? "created" : result.outcome === "merge" ? "merged" : result.outcome === "propose" ? "proposed" : "attached";
      results.push({ index: writes[position].index, status, profileId: result.profileId, conflicts: result.conflicts });
    });
  }
  return results.sort((a, b) => a.index - b.index);
}
