import type { DbClient } from "../../lib/db/transaction";
import { buildProfiles, type BuildProfileOptions, type BuiltProfile } from "./build-profiles";

/** One profile with its traits and identifiers (see buildProfiles for what is written). */
export async function buildProfile(db: DbClient, options: BuildProfileOptions): Promise<BuiltProfile> {
  const { storeId, ...profile } = options;
  const [built] = await buildProfiles(db, storeId, [profile]);
  return built;
}
