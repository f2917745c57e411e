import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";

export type ListProfilesOptions = { storeId: string; page: PageRequest };

/** The store's profile ids, newest first by default (TypeIDs sort in creation order), as Twilio lists them. */
export async function listProfiles({ storeId, page }: ListProfilesOptions): Promise<Page<string>> {
  const prisma = await getPrisma();
  const profiles = await keysetPage(page, (where, orderBy, take) => prisma.profile.findMany({ where: { storeId, ...where }, orderBy, take, select: { id: true } }));
  return { ...profiles, items: profiles.items.map((profile) => profile.id) };
}
