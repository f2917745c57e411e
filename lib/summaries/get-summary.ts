import { getPrisma } from "../db/client";
import { findSummaryOrThrow, type FindSummaryOrThrowOptions } from "./find-summary-or-throw";
import { toSummaryView, type SummaryView } from "./summary-view";

export async function getSummary(options: FindSummaryOrThrowOptions): Promise<SummaryView> {
  const prisma = await getPrisma();
  return toSummaryView(await findSummaryOrThrow(prisma, options));
}
