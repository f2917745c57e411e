import { z } from "zod";
import { dataPlanePageQuery } from "../paging";

export const auditEventListQuery = dataPlanePageQuery.extend({
  actorId: z.string().max(100).optional(),
  resourceType: z.string().max(100).optional(),
  resourceId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
});

const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "not a calendar date");

/**
 * The console's audit trail adds a scope (the current store's events, or account-wide ones), one
 * actor filter for users, keys and Kith itself, and a range of UTC days, both ends included.
 */
export const consoleAuditQuery = auditEventListQuery
  .extend({
    scope: z.enum(["store", "account"]).default("store"),
    /** A user's or API key's id, or `system` for Kith itself (which has no id). */
    actor: z.string().max(100).optional(),
    from: calendarDay.optional(),
    to: calendarDay.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "the first day must not be after the last", path: ["to"] });
