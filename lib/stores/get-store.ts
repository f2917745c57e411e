import type { Store } from "../db/generated/client";
import { AppError, twilioCodes } from "../errors";
import type { Actor } from "../auth/actor";
import { canAccessStore } from "../auth/roles";
import { findStore } from "./find-store";
import { toStoreView, type StoreView } from "./store-view";

export type GetStoreOptions = { storeId: string; actor: Actor };

/** The one "store not found" (Twilio's 520041), for unknown stores and other stores' ids alike. */
export function storeNotFoundError(storeId: string): AppError {
  return new AppError("not_found", `Memory store ${storeId} not found`, { code: twilioCodes.storeNotFound });
}

/** The store row, if it exists and the actor may see it; otherwise 404 either way. */
export async function findAccessibleStoreOrThrow({ storeId, actor }: GetStoreOptions): Promise<Store> {
  const store = canAccessStore(actor, storeId) ? await findStore(storeId) : null;
  if (!store) throw storeNotFoundError(storeId);
  return store;
}

/** The store as the API shows it, if it exists and the actor may see it; otherwise 404 either way. */
export async function getStoreOrThrow(options: GetStoreOptions): Promise<StoreView> {
  return toStoreView(await findAccessibleStoreOrThrow(options));
}
