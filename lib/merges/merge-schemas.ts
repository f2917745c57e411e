import { z } from "zod";
import { dataPlanePageQuery } from "../paging";

export const mergeListQuery = dataPlanePageQuery.extend({
  status: z.enum(["PENDING", "APPLIED", "REJECTED", "UNDONE"]).optional(),
  profileId: z.string().max(64).optional(),
});

export const manualMergeSchema = z.strictObject({
  /** The profile folded into the one in the path (which survives). */
  sourceProfileId: z.string().min(1).max(64),
});
