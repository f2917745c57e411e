import { z } from "zod";
import { pageRequestSchema } from "../paging";

export const traitCandidateStatusSchema = z.enum(["PENDING", "APPLIED", "REJECTED", "INVALID"]);

export const traitCandidateListQuery = pageRequestSchema({ maxPageSize: 100 }).extend({ status: traitCandidateStatusSchema.optional() });

export type TraitCandidateListQuery = z.infer<typeof traitCandidateListQuery>;
