import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import { newId } from "../ids";
import type { TraitDefinitionInput, TraitGroupCreateInput } from "./trait-schemas";

/** Every `idTypePromotion` must name an identifier type the store has a config for. */
export async function assertPromotionsKnown(tx: Tx, storeId: string, traits: Record<string, TraitDefinitionInput>): Promise<void> {
  const promoted = Object.entries(traits).filter(([, trait]) => trait.idTypePromotion);
  if (promoted.length === 0) return;
  const known = new Set((await tx.identifierConfig.findMany({ where: { storeId }, select: { idType: true } })).map((config) => config.idType));
  const details = promoted
    .filter(([, trait]) => !known.has(trait.idTypePromotion!))
    .map(([name, trait]) => ({ path: `traits.${name}.idTypePromotion`, message: `"${trait.idTypePromotion}" is not an identifier type of this store` }));
  if (details.length > 0) throw new AppError("bad_request", "Unknown identifier type in idTypePromotion", { details });
}

export function traitDefinitionRows(storeId: string, groupId: string, traits: Record<string, TraitDefinitionInput>, firstPosition = 0) {
  return Object.entries(traits).map(([name, trait], index) => ({
    storeId,
    id: newId("trait"),
    groupId,
    name,
    dataType: trait.dataType,
    description: trait.description ?? null,
    validationRule: (trait.validationRule ?? undefined) as Prisma.InputJsonValue | undefined,
    idTypePromotion: trait.idTypePromotion ?? null,
    position: firstPosition + index,
  }));
}

/** Inserts a group and its trait definitions inside the caller's transaction. */
export async function insertTraitGroup(tx: Tx, storeId: string, input: TraitGroupCreateInput): Promise<string> {
  await assertPromotionsKnown(tx, storeId, input.traits);
  const groupId = newId("traitGroup");
  await tx.traitGroup.create({ data: { storeId, id: groupId, name: input.displayName, description: input.description ?? null } });
  await tx.traitDefinition.createMany({ data: traitDefinitionRows(storeId, groupId, input.traits) });
  return groupId;
}
