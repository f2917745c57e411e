import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { SYSTEM_ACTOR_FILTER, hasAuditFilters, type AuditTrailFilters } from "@/lib/console/audit-trail-filters";

export type AuditActorOption = { value: string; label: string; kind: "USER" | "API_KEY" | "SYSTEM" };

const kindLabels: Record<AuditActorOption["kind"], string> = { USER: "user", API_KEY: "API key", SYSTEM: "Kith" };

export type AuditFiltersProps = {
  filters: AuditTrailFilters;
  /** Who appears in this trail (the select's options). */
  actors: AuditActorOption[];
  scope?: "account";
  /** Field errors of an invalid filter (e.g. a range that ends before it starts). */
  errors?: Record<string, string>;
};

/** Filters for the audit trail: a plain GET form, so every filter lives in the URL. */
export function AuditFilters({ filters, actors, scope, errors = {} }: AuditFiltersProps) {
  // An actor named by a link may have no event on the first page of actors: keep it selectable.
  const options = filters.actor && !actors.some((option) => option.value === filters.actor) ? [...actors, { value: filters.actor, label: filters.actor, kind: "USER" as const }] : actors;
  const hasSystem = options.some((option) => option.value === SYSTEM_ACTOR_FILTER);
  return (
    <form method="get" action="/audit-trail" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" role="search" aria-label="Filter audit events">
      {scope ? <input type="hidden" name="scope" value={scope} /> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="actor" label="Actor" error={errors.actor}>
          <Select id="actor" name="actor" defaultValue={filters.actor ?? ""} invalid={Boolean(errors.actor)}>
            <option value="">Anyone</option>
            {hasSystem ? null : <option value={SYSTEM_ACTOR_FILTER}>Kith (system)</option>}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.kind === "SYSTEM" ? option.label : `${option.label} (${kindLabels[option.kind]})`}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="action" label="Action" error={errors.action}>
          <Input id="action" name="action" defaultValue={filters.action} placeholder="e.g. store.update" autoComplete="off" invalid={Boolean(errors.action)} />
        </Field>
        <Field id="resourceType" label="Resource type" error={errors.resourceType}>
          <Input id="resourceType" name="resourceType" defaultValue={filters.resourceType} placeholder="e.g. store, profile, apiKey" autoComplete="off" invalid={Boolean(errors.resourceType)} />
        </Field>
        <Field id="resourceId" label="Resource id" error={errors.resourceId}>
          <Input id="resourceId" name="resourceId" defaultValue={filters.resourceId} placeholder="e.g. mem_profile_…" autoComplete="off" invalid={Boolean(errors.resourceId)} />
        </Field>
        <Field id="from" label="From (UTC day)" error={errors.from}>
          <Input id="from" name="from" type="date" defaultValue={filters.from} invalid={Boolean(errors.from)} />
        </Field>
        <Field id="to" label="To (UTC day, included)" error={errors.to}>
          <Input id="to" name="to" type="date" defaultValue={filters.to} invalid={Boolean(errors.to)} />
        </Field>
      </div>
      <div className="mt-4 flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Apply filters
        </button>
        {hasAuditFilters(filters) ? (
          <Link href={scope ? `/audit-trail?scope=${scope}` : "/audit-trail"} className={buttonClasses("secondary")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
