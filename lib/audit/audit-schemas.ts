import { z } from "zod";
import { dataPlanePageQuery } from "../paging";

export const auditEventListQuery = dataPlanePageQuery.extend({
  actorId: z.string().max(100).optional(),
  resourceType: z.string().max(100).optional(),
  resourceId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
});

/** The console's audit trail adds a scope: the current store's events, or account-wide ones. */
export const consoleAuditQuery = auditEventListQuery.extend({
  scope: z.enum(["store", "account"]).default("store"),
});
