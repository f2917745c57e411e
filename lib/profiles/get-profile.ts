import { getPrisma } from "../db/client";
import { findProfileOrThrow } from "./find-profile-or-throw";
import { toProfileView, type ProfileView } from "./profile-view";
import { listProfileResolutions, type ProfileResolutionView } from "./list-profile-resolutions";

export type GetProfileOptions = {
  storeId: string;
  profileId: string;
  /** Only these groups' traits (Twilio's `traitGroups` filter); all when absent. */
  traitGroups?: string[];
  /** `resolution`: add how the profile was resolved (latest 50 outcomes with their reasons). */
  include?: "resolution"[];
};

/** One profile with its traits; a merged-away id throws ProfileMovedError. */
export async function getProfile({ storeId, profileId, traitGroups, include = [] }: GetProfileOptions): Promise<ProfileView & { resolution?: ProfileResolutionView[] }> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const traits = await prisma.traitValue.findMany({
    where: { storeId, profileId: profile.id, ...(traitGroups ? { groupName: { in: traitGroups } } : {}) },
    select: { groupName: true, traitName: true, value: true },
  });
  const view = toProfileView(profile, traits);
  return include.includes("resolution") ? { ...view, resolution: await listProfileResolutions(prisma, storeId, profile.id) } : view;
}
