import { getPrisma } from "../db/client";
import { AppError, twilioCodes } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { readTraitGroupView } from "./trait-group-view";

export type DeleteTraitGroupOptions = { storeId: string; name: string; actor: Actor; requestId?: string };

/**
 * Deletes a trait group's schema. Refused (409) while profiles still hold values of it: deleting
 * the schema must not silently erase customer data.
 */
export async function deleteTraitGroup({ storeId, name, actor, requestId }: DeleteTraitGroupOptions): Promise<void> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const before = await readTraitGroupView(tx, storeId, name);
    const group = await tx.traitGroup.findUnique({ where: { storeId_name: { storeId, name } }, select: { id: true } });
    if (!before || !group) throw new AppError("not_found", `Trait group "${name}" not found`, { code: twilioCodes.traitGroupNotFound });
    const valuesHeld = await tx.traitValue.count({ where: { storeId, groupName: name } });
    if (valuesHeld > 0) {
      throw new AppError("conflict", `Trait group "${name}" still has values on ${valuesHeld} profile trait(s); remove them first`);
    }
    await tx.traitGroup.delete({ where: { storeId_id: { storeId, id: group.id } } });
    await recordAuditEvent(tx, { storeId, actor, action: "traitGroup.delete", resourceType: "traitGroup", resourceId: group.id, before, requestId });
  });
}
