import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { readIdentitySettingsView, type IdentityResolutionSettingsView } from "./identity-settings-view";

export type GetIdentityResolutionSettingsOptions = { storeId: string };

export async function getIdentityResolutionSettings({ storeId }: GetIdentityResolutionSettingsOptions): Promise<IdentityResolutionSettingsView> {
  const settings = await readIdentitySettingsView(await getPrisma(), storeId);
  if (!settings) throw new AppError("not_found", "Identity resolution settings not found");
  return settings;
}
