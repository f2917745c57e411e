import type { Tx } from "../db/transaction";
import type { IdentityResolutionSettingsInput } from "./identity-settings-schemas";

/** Replaces a store's identifier configs and matching rules (inside the caller's transaction). */
export async function writeIdentitySettings(tx: Tx, storeId: string, settings: IdentityResolutionSettingsInput, version: number): Promise<void> {
  await tx.identifierConfig.deleteMany({ where: { storeId } });
  await tx.identifierConfig.createMany({
    data: settings.identifierConfigs.map((config) => ({
      storeId,
      idType: config.idType,
      normalization: config.normalization.toUpperCase() as "EMAIL" | "PHONE" | "TRIM" | "NONE",
      limit: config.limit,
      limitPolicy: config.limitPolicy.toUpperCase() as "FIFO" | "LIFO" | "BLOCK",
      enforceUnique: config.enforceUnique,
      blockedValues: [...new Set(config.blockedValues)],
    })),
  });
  const mergeMode = settings.mergeMode === "review" ? "REVIEW" : "AUTO";
  await tx.identityResolutionSettings.upsert({
    where: { storeId },
    create: { storeId, matchingRules: settings.matchingRules, mergeMode, version },
    update: { matchingRules: settings.matchingRules, mergeMode, version },
  });
}
