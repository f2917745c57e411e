import type { TraitDefinition, TraitGroup } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import type { TraitDefinitionInput } from "./trait-schemas";

export type TraitGroupView = {
  displayName: string;
  description: string | null;
  traits?: Record<string, TraitDefinitionInput>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toTraitGroupView(group: TraitGroup, traits: TraitDefinition[] | null): TraitGroupView {
  return {
    displayName: group.name,
    description: group.description,
    ...(traits
      ? {
          traits: Object.fromEntries(
            [...traits]
              .sort((a, b) => a.position - b.position)
              .map((trait) => [
                trait.name,
                {
                  dataType: trait.dataType,
                  ...(trait.description ? { description: trait.description } : {}),
                  ...(trait.validationRule ? { validationRule: trait.validationRule as TraitDefinitionInput["validationRule"] } : {}),
                  ...(trait.idTypePromotion ? { idTypePromotion: trait.idTypePromotion } : {}),
                },
              ]),
          ),
        }
      : {}),
    version: group.version,
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
  };
}

/** One group with its traits, by name; null when the store has no such group. */
export async function readTraitGroupView(db: DbClient, storeId: string, name: string): Promise<TraitGroupView | null> {
  const group = await db.traitGroup.findUnique({ where: { storeId_name: { storeId, name } }, include: { traits: true } });
  return group ? toTraitGroupView(group, group.traits) : null;
}
