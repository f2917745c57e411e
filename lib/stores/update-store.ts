import { getPrisma } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, twilioCodes } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { assertExpectedVersion } from "../versioning";
import type { StorePatchInput } from "./store-schemas";
import { storeNotFoundError } from "./get-store";
import { toStoreView, type StoreView } from "./store-view";

export type UpdateStoreOptions = { storeId: string; patch: StorePatchInput; expectedVersion?: number; actor: Actor; requestId?: string };

export async function updateStore({ storeId, patch, expectedVersion, actor, requestId }: UpdateStoreOptions): Promise<StoreView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ version: number }[]>`SELECT "version" FROM "stores" WHERE "id" = ${storeId} FOR UPDATE`;
      if (locked.length === 0) throw storeNotFoundError(storeId);
      assertExpectedVersion(locked[0].version, expectedVersion);
      const before = await tx.store.findUniqueOrThrow({ where: { id: storeId } });
      const updated = await tx.store.update({
        where: { id: storeId },
        data: {
          displayName: patch.displayName,
          description: patch.description,
          autoApproveObservations: patch.autoApproveObservations,
          allowExtractedTraits: patch.allowExtractedTraits,
          screenCommunications: patch.screenCommunications,
          conversationTimeouts: patch.conversationTimeouts ? { ...(before.conversationTimeouts as object), ...patch.conversationTimeouts } : undefined,
          twilioAuthToken: patch.twilioAuthToken,
          version: { increment: 1 },
        },
      });
      const view = toStoreView(updated);
      await recordAuditEvent(tx, { storeId, actor, action: "store.update", resourceType: "store", resourceId: storeId, before: toStoreView(before), after: view, requestId });
      return view;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `A memory store named "${patch.displayName}" already exists`, { code: twilioCodes.storeNameTaken });
    }
    throw error;
  }
}
