import { Prisma, type IdentifierConfig, type IdentityResolutionSettings } from "../db/generated/client";
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

/** A `timestamp(3)` column as `row_to_json` writes it (UTC wall-clock time, no zone) → Date. */
export function dateFromJson(value: string): Date {
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
}

/** The settings row and the config rows as `row_to_json` gives them, typed as Prisma's rows. */
export function settingsRowsFromJson(settings: Record<string, unknown>, configs: Record<string, unknown>[]): [IdentityResolutionSettings, IdentifierConfig[]] {
  return [{ ...settings, updatedAt: dateFromJson(settings.updatedAt as string) } as IdentityResolutionSettings, configs as IdentifierConfig[]];
}

/** The SQL expressions of one store's settings row and config rows, as JSON (for one-round-trip reads). */
export function settingsJsonColumns(storeId: string) {
  return Prisma.sql`(SELECT row_to_json(s) FROM "identity_resolution_settings" s WHERE s."storeId" = ${storeId}) AS "settings",
    (SELECT coalesce(json_agg(c), '[]'::json) FROM "identifier_configs" c WHERE c."storeId" = ${storeId}) AS "configs"`;
}

/** Reads one store's settings as the API shows them (one round trip); null when the store has none. */
export async function readIdentitySettingsView(db: DbClient, storeId: string): Promise<IdentityResolutionSettingsView | null> {
  const [row] = await db.$queryRaw<{ settings: Record<string, unknown> | null; configs: Record<string, unknown>[] }[]>`SELECT ${settingsJsonColumns(storeId)}`;
  return row.settings ? toIdentitySettingsView(...settingsRowsFromJson(row.settings, row.configs)) : null;
}
