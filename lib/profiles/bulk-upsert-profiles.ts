import { AppError, isAppError, type FieldIssue } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import type { TraitValuesInput } from "../traits/validate-trait-values";
import { createOrResolveProfile } from "./create-or-resolve-profile";

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
 * PUT …/Profiles/Bulk: each row is resolved and written like a single create, in its own
 * transaction, in order (a later row sees the profiles earlier rows made). One bad row fails
 * alone: its result says why, and the others are kept.
 */
export async function bulkUpsertProfiles({ storeId, profiles, actor, requestId }: BulkUpsertProfilesOptions): Promise<BulkRowResult[]> {
  requireRole(actor, "AGENT");
  if (profiles.length > MAX_BULK_PROFILES) throw new AppError("bad_request", `At most ${MAX_BULK_PROFILES} profiles per bulk call`);
  const results: BulkRowResult[] = [];
  for (const [index, row] of profiles.entries()) {
    try {
      const resolved = await createOrResolveProfile({ storeId, traits: row.traits, actor, requestId, source: "IMPORT", sourceRef: `bulk row ${index}` });
      const status = resolved.created ? "created" : resolved.outcome === "merge" ? "merged" : resolved.outcome === "propose" ? "proposed" : "attached";
      results.push({ index, status, profileId: resolved.profileId, conflicts: resolved.conflicts });
    } catch (error) {
      if (!isAppError(error) || error.kind !== "bad_request") throw error;
      const errors = (error.details ?? [{ path: "traits", message: error.message }]).map((issue) => ({ ...issue, path: `profiles.${index}.${issue.path}` }));
      results.push({ index, status: "invalid", errors });
    }
  }
  return results;
}
