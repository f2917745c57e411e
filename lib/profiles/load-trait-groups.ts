import type { TraitDefinition, TraitGroup } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import { toTraitGroupView, type TraitGroupView } from "../traits/trait-group-view";
import { dateFromJson, settingsJsonColumns, settingsRowsFromJson, toIdentitySettingsView, type IdentityResolutionSettingsView } from "../identity/identity-settings-view";

/** Every trait group of a store with its definitions (what trait values are validated against). */
export async function loadTraitGroups(db: DbClient, storeId: string): Promise<TraitGroupView[]> {
  const groups = await db.traitGroup.findMany({ where: { storeId }, include: { traits: true } });
  return groups.map((group) => toTraitGroupView(group, group.traits));
}

/**
 * The trait groups with their definitions and the identity resolution settings with their
 * identifier configs, in one round trip: everything a profile write is validated and resolved
 * against (the hot ingest path reads them once per request).
 */
export async function loadTraitGroupsAndSettings(db: DbClient, storeId: string): Promise<{ groups: TraitGroupView[]; settings: IdentityResolutionSettingsView | null }> {
  type GroupJson = { group: Record<string, unknown>; traits: Record<string, unknown>[] };
  const [row] = await db.$queryRaw<{ settings: Record<string, unknown> | null; configs: Record<string, unknown>[]; groups: GroupJson[] }[]>`
    SELECT ${settingsJsonColumns(storeId)},
      (SELECT coalesce(json_agg(json_build_object('group', row_to_json(g), 'traits',
          (SELECT coalesce(json_agg(d), '[]'::json) FROM "trait_definitions" d WHERE d."storeId" = g."storeId" AND d."groupId" = g."id"))), '[]'::json)
        FROM "trait_groups" g WHERE g."storeId" = ${storeId}) AS "groups"`;
  const groups = row.groups.map(({ group, traits }) =>
    toTraitGroupView({ ...group, createdAt: dateFromJson(group.createdAt as string), updatedAt: dateFromJson(group.updatedAt as string) } as TraitGroup, traits as TraitDefinition[]),
  );
  return { groups, settings: row.settings ? toIdentitySettingsView(...settingsRowsFromJson(row.settings, row.configs)) : null };
}

