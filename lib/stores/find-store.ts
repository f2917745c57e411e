import { getPrisma } from "../db/client";
import type { Store } from "../db/generated/client";
import { isIdOf } from "../ids";

/** The active store with this id, or null (also for a malformed id or one being deleted). */
export async function findStore(storeId: string): Promise<Store | null> {
  if (!isIdOf("store", storeId)) return null;
  const prisma = await getPrisma();
  const store = await prisma.store.findUnique({ where: { id: storeId } });
  return store && store.status === "ACTIVE" ? store : null;
}
