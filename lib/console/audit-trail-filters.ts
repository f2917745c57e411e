import type { ActorType } from "../db/generated/enums";

/** The audit trail's filters as they stand in the URL (after consoleAuditQuery validated them). */
export type AuditTrailFilters = {
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  /** First and last UTC day, `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
};

export type AuditEventFilterOptions = {
  actorId?: string;
  actorType?: ActorType;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  createdFrom?: Date;
  createdBefore?: Date;
};

/** The actor filter's value for Kith itself, which records events without an actor id. */
export const SYSTEM_ACTOR_FILTER = "system";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The URL's filters as listAuditEvents' options: `system` is the actor type, days become instants. */
export function toAuditEventFilterOptions(filters: AuditTrailFilters): AuditEventFilterOptions {
  const isSystem = filters.actor === SYSTEM_ACTOR_FILTER;
  return {
    actorId: isSystem ? undefined : filters.actor,
    actorType: isSystem ? "SYSTEM" : undefined,
    resourceType: filters.resourceType,
    resourceId: filters.resourceId,
    action: filters.action,
    createdFrom: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    // The last day is included: everything before the start of the next one.
    createdBefore: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) : undefined,
  };
}

/** The actor filter value that selects an event's actor. */
export function actorFilterValue(actorType: ActorType, actorId: string | null): string | null {
  if (actorType === "SYSTEM") return SYSTEM_ACTOR_FILTER;
  return actorId;
}

export function hasAuditFilters(filters: AuditTrailFilters): boolean {
  return Object.values(filters).some(Boolean);
}
