import { getPrisma } from "../db/client";
import { AppError, twilioCodes } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { assertExpectedVersion } from "../versioning";
import { assertPromotionsKnown, traitDefinitionRows } from "./insert-trait-group";
import { MAX_TRAITS_PER_GROUP, type TraitDefinitionInput, type TraitGroupPatchInput } from "./trait-schemas";
import { readTraitGroupView, type TraitGroupView } from "./trait-group-view";

export type UpdateTraitGroupOptions = {
  storeId: string;
  name: string;
  patch: TraitGroupPatchInput;
  expectedVersion?: number;
  actor: Actor;
  requestId?: string;
};

/** Merges trait definitions into a group by name (`dataType: ""` deletes one); bumps its version. */
export async function updateTraitGroup({ storeId, name, patch, expectedVersion, actor, requestId }: UpdateTraitGroupOptions): Promise<TraitGroupView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT "id", "version" FROM "trait_groups" WHERE "storeId" = ${storeId} AND "name" = ${name} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", `Trait group "${name}" not found`, { code: twilioCodes.traitGroupNotFound });
    const { id: groupId, version } = locked[0];
    assertExpectedVersion(version, expectedVersion);
    const before = await readTraitGroupView(tx, storeId, name);

    const entries = Object.entries(patch.traits ?? {});
    const removed = entries.filter(([, trait]) => trait.dataType === "").map(([traitName]) => traitName);
    const upserted = Object.fromEntries(entries.filter(([, trait]) => trait.dataType !== "")) as Record<string, TraitDefinitionInput>;
    await assertPromotionsKnown(tx, storeId, upserted);
    const existing = await tx.traitDefinition.findMany({ where: { storeId, groupId } });
    const finalNames = new Set([...existing.map((trait) => trait.name), ...Object.keys(upserted)]);
    removed.forEach((traitName) => finalNames.delete(traitName));
    if (finalNames.size > MAX_TRAITS_PER_GROUP) throw new AppError("bad_request", `A trait group has at most ${MAX_TRAITS_PER_GROUP} traits`);

    const replaced = [...removed, ...Object.keys(upserted)];
    await tx.traitDefinition.deleteMany({ where: { storeId, groupId, name: { in: replaced } } });
    const nextPosition = existing.reduce((max, trait) => Math.max(max, trait.position + 1), 0);
    const rows = traitDefinitionRows(storeId, groupId, upserted, nextPosition).map((row) => {
      const previous = existing.find((trait) => trait.name === row.name);
      return previous ? { ...row, position: previous.position } : row;
    });
    await tx.traitDefinition.createMany({ data: rows });
    await tx.traitGroup.update({
      where: { storeId_id: { storeId, id: groupId } },
      data: { version: version + 1, ...(patch.description !== undefined ? { description: patch.description } : {}) },
    });
    const after = (await readTraitGroupView(tx, storeId, name))!;
    await recordAuditEvent(tx, { storeId, actor, action: "traitGroup.update", resourceType: "traitGroup", resourceId: groupId, before, after, requestId });
    return after;
  });
}
