import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { keysetPage, type Page, type PageRequest } from "../paging";
import { toStoreView, type StoreView } from "./store-view";

export type ListStoresOptions = { actor: Actor; page: PageRequest };

/** The stores the actor may see: all, or only its own for a store-scoped key. */
export async function listStores({ actor, page }: ListStoresOptions): Promise<Page<StoreView>> {
  const prisma = await getPrisma();
  const stores = await keysetPage(page, (where, orderBy, take) =>
    prisma.store.findMany({
      where: { status: "ACTIVE", ...(actor.storeId !== null ? { id: actor.storeId } : {}), ...where },
      orderBy,
      take,
    }),
  );
  return { ...stores, items: stores.items.map(toStoreView) };
}
