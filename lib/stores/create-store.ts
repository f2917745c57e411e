import { getPrisma } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, twilioCodes } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { defaultIdentitySettings } from "../identity/default-identity-settings";
import { writeIdentitySettings } from "../identity/write-identity-settings";
import { defaultTraitGroups } from "../traits/default-trait-groups";
import { insertTraitGroup } from "../traits/insert-trait-group";
import { defaultConversationTimeouts, type StoreCreateInput } from "./store-schemas";
import { toStoreView, type StoreView } from "./store-view";

export type CreateStoreOptions = { input: StoreCreateInput; actor: Actor; requestId?: string };

function nameTaken(displayName: string): AppError {
  return new AppError("conflict", `A memory store named "${displayName}" already exists`, { code: twilioCodes.storeNameTaken });
}

/** Creates a store with SPEC §4's default identity settings and the default `Contact` trait group. */
export async function createStore({ input, actor, requestId }: CreateStoreOptions): Promise<StoreView> {
  requireRole(actor, "ADMIN");
  if (actor.storeId !== null) throw new AppError("forbidden", "A store-scoped key cannot create stores");
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.store.findUnique({ where: { displayName: input.displayName }, select: { id: true } })) throw nameTaken(input.displayName);
      const store = await tx.store.create({
        data: {
          id: newId("store"),
          displayName: input.displayName,
          description: input.description ?? null,
          autoApproveObservations: input.autoApproveObservations ?? false,
          allowExtractedTraits: input.allowExtractedTraits ?? false,
          screenCommunications: input.screenCommunications ?? true,
          conversationTimeouts: { ...defaultConversationTimeouts, ...input.conversationTimeouts },
          twilioAuthToken: input.twilioAuthToken ?? null,
        },
      });
      await writeIdentitySettings(tx, store.id, defaultIdentitySettings, 1);
      for (const group of defaultTraitGroups) await insertTraitGroup(tx, store.id, group);
      const view = toStoreView(store);
      await recordAuditEvent(tx, { storeId: store.id, actor, action: "store.create", resourceType: "store", resourceId: store.id, after: view, requestId });
      return view;
    });
  } catch (error) {
    // Two concurrent creates with one name: the unique index decides, the loser hears why.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(input.displayName);
    throw error;
  }
}
