import type { DbClient } from "../db/transaction";
import { toTraitGroupView, type TraitGroupView } from "../traits/trait-group-view";

/** Every trait group of a store with its definitions (what trait values are validated against). */
export async function loadTraitGroups(db: DbClient, storeId: string): Promise<TraitGroupView[]> {
  const groups = await db.traitGroup.findMany({ where: { storeId }, include: { traits: true } });
  return groups.map((group) => toTraitGroupView(group, group.traits));
}
