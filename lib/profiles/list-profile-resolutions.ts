import type { DbClient } from "../db/transaction";

export const PROFILE_RESOLUTION_LIMIT = 50;

export type ProfileResolutionView = {
  id: string;
  outcome: string;
  source: string;
  sourceRef: string | null;
  /** E's identifiers as received and as normalised. */
  input: unknown;
  /** Human sentences: which identifier matched which profile, what was skipped and why. */
  reasons: unknown;
  createdAt: Date;
};

/**
 * How a profile came to be what it is: the latest resolutions that created it, attached records
 * to it or merged into it — including those recorded under ids merged into it since.
 */
export async function listProfileResolutions(db: DbClient, storeId: string, profileId: string): Promise<ProfileResolutionView[]> {
  const aliases = await db.profileAlias.findMany({ where: { storeId, profileId }, select: { aliasId: true } });
  const records = await db.resolutionRecord.findMany({
    where: { storeId, profileId: { in: [profileId, ...aliases.map((alias) => alias.aliasId)] } },
    orderBy: { id: "desc" },
    take: PROFILE_RESOLUTION_LIMIT,
  });
  return records.map(({ id, outcome, source, sourceRef, input, reasons, createdAt }) => ({ id, outcome, source, sourceRef, input, reasons, createdAt }));
}
