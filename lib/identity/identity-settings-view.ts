import type { IdentifierConfig, IdentityResolutionSettings } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import type { IdentityResolutionSettingsInput } from "./identity-settings-schemas";

export type IdentityResolutionSettingsView = IdentityResolutionSettingsInput & { version: number; updatedAt: Date };

/** Database rows → the API's lower-case vocabulary, configs in matching-rule order then by name. */
export function toIdentitySettingsView(settings: IdentityResolutionSettings, configs: IdentifierConfig[]): IdentityResolutionSettingsView {
  const rank = (idType: string) => {
    const index = settings.matchingRules.indexOf(idType);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const ordered = [...configs].sort((a, b) => rank(a.idType) - rank(b.idType) || a.idType.localeCompare(b.idType));
  return {
    identifierConfigs: ordered.map((config) => ({
      idType: config.idType,
      matchingAlgo: "exact" as const,
      normalization: config.normalization.toLowerCase() as "email" | "phone" | "trim" | "none",
      limit: config.limit,
      limitPolicy: config.limitPolicy.toLowerCase() as "fifo" | "lifo" | "block",
      enforceUnique: config.enforceUnique,
      blockedValues: config.blockedValues,
    })),
    matchingRules: settings.matchingRules,
    mergeMode: settings.mergeMode.toLowerCase() as "auto" | "review",
    version: settings.version,
    updatedAt: settings.updatedAt,
  };
}

/** Reads one store's settings as the API shows them; null when the store has none. */
export async function readIdentitySettingsView(db: DbClient, storeId: string): Promise<IdentityResolutionSettingsView | null> {
  const [settings, configs] = await Promise.all([
    db.identityResolutionSettings.findUnique({ where: { storeId } }),
    db.identifierConfig.findMany({ where: { storeId } }),
  ]);
  return settings ? toIdentitySettingsView(settings, configs) : null;
}
