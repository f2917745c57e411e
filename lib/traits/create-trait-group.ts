import { getPrisma } from "../db/client";
import { AppError, twilioCodes } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { insertTraitGroup } from "./insert-trait-group";
import { MAX_TRAIT_GROUPS, type TraitGroupCreateInput } from "./trait-schemas";
import { readTraitGroupView, type TraitGroupView } from "./trait-group-view";

export type CreateTraitGroupOptions = { storeId: string; input: TraitGroupCreateInput; actor: Actor; requestId?: string };

export async function createTraitGroup({ storeId, input, actor, requestId }: CreateTraitGroupOptions): Promise<TraitGroupView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    if (await tx.traitGroup.findUnique({ where: { storeId_name: { storeId, name: input.displayName } }, select: { id: true } })) {
      throw new AppError("conflict", `Trait group "${input.displayName}" already exists`, { code: twilioCodes.traitGroupNameTaken });
    }
    if ((await tx.traitGroup.count({ where: { storeId } })) >= MAX_TRAIT_GROUPS) {
      throw new AppError("bad_request", `A store has at most ${MAX_TRAIT_GROUPS} trait groups`, { code: 520053 });
    }
    const groupId = await insertTraitGroup(tx, storeId, input);
    const view = (await readTraitGroupView(tx, storeId, input.displayName))!;
    await recordAuditEvent(tx, { storeId, actor, action: "traitGroup.create", resourceType: "traitGroup", resourceId: groupId, after: view, requestId });
    return view;
  });
}
