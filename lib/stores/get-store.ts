import { AppError, twilioCodes } from "../errors";
import type { Actor } from "../auth/actor";
import { canAccessStore } from "../auth/roles";
import { findStore } from "./find-store";
import { toStoreView, type StoreView } from "./store-view";

export type GetStoreOptions = { storeId: string; actor: Actor };

/** The store, if it exists and the actor may see it; otherwise 404 either way. */
export async function getStoreOrThrow({ storeId, actor }: GetStoreOptions): Promise<StoreView> {
  const store = canAccessStore(actor, storeId) ? await findStore(storeId) : null;
  if (!store) throw new AppError("not_found", `Memory store ${storeId} not found`, { code: twilioCodes.storeNotFound });
  return toStoreView(store);
}
