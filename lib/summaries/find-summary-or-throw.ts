import type { Summary } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";

export type FindSummaryOrThrowOptions = { storeId: string; profileId: string; summaryId: string };

/** The summary of this store's profile; 301/308 for a merged-away profile id, 404 for anything else unknown. */
export async function findSummaryOrThrow(db: DbClient, { storeId, profileId, summaryId }: FindSummaryOrThrowOptions): Promise<Summary> {
  const profile = await findProfileOrThrow(db, { storeId, profileId });
  if (isIdOf("summary", summaryId)) {
    const summary = await db.summary.findUnique({ where: { storeId_id: { storeId, id: summaryId } } });
    if (summary && summary.profileId === profile.id) return summary;
  }
  throw new AppError("not_found", `Conversation summary ${summaryId} not found`);
}
