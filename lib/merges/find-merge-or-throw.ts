import type { Merge } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import { isIdOf } from "../ids";

/** The merge row, locked for the decision about to be made; 404 when unknown or another store's. */
export async function findMergeForUpdateOrThrow(tx: Tx, storeId: string, mergeId: string): Promise<Merge> {
  if (isIdOf("merge", mergeId)) {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "merges" WHERE "storeId" = ${storeId} AND "id" = ${mergeId} FOR UPDATE`;
    if (locked.length === 1) return tx.merge.findUniqueOrThrow({ where: { storeId_id: { storeId, id: mergeId } } });
  }
  throw new AppError("not_found", `Merge ${mergeId} not found`);
}
