import { z } from "zod";
import { roles } from "./roles";

export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles),
  /** A store id, or null/absent for every store. */
  storeId: z.string().min(1).max(64).nullable().optional(),
});

export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateSchema>;
