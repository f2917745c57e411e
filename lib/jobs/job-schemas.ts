import { z } from "zod";
import { dataPlanePageQuery } from "../paging";

export const jobStatusSchema = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]);

/** GET …/Jobs: newest first by default; filter by state and type. */
export const jobListQuery = dataPlanePageQuery.extend({
  status: jobStatusSchema.optional(),
  type: z.string().min(1).max(100).optional(),
});

export type JobListFilters = Pick<z.infer<typeof jobListQuery>, "status" | "type">;
