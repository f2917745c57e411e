import { getPrisma } from "../db/client";
import { findProfileOrThrow } from "./find-profile-or-throw";
import { toProfileView, type ProfileView } from "./profile-view";

export type GetProfileOptions = {
  storeId: string;
  profileId: string;
  /** Only these groups' traits (Twilio's `traitGroups` filter); all when absent. */
  traitGroups?: string[];
};

/** One profile with its traits; a merged-away id throws ProfileMovedError. */
export async function getProfile({ storeId, profileId, traitGroups }: GetProfileOptions): Promise<ProfileView> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const traits = await prisma.traitValue.findMany({
    where: { storeId, profileId: profile.id, ...(traitGroups ? { groupName: { in: traitGroups } } : {}) },
    select: { groupName: true, traitName: true, value: true },
  });
  return toProfileView(profile, traits);
}
