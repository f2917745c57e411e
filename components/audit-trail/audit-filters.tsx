import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** Filters for the audit trail: a plain GET form, so the filter lives in the URL. */
export function AuditFilters({ action, resourceType, scope }: { action?: string; resourceType?: string; scope?: "account" }) {
  return (
    <form method="get" action="/audit-trail" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" role="search" aria-label="Filter audit events">
      {scope ? <input type="hidden" name="scope" value={scope} /> : null}
      <Field id="action" label="Action" className="w-56">
        <Input id="action" name="action" defaultValue={action} placeholder="e.g. apiKey.create" autoComplete="off" />
      </Field>
      <Field id="resourceType" label="Resource type" className="w-56">
        <Input id="resourceType" name="resourceType" defaultValue={resourceType} placeholder="e.g. store, apiKey, user" autoComplete="off" />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Apply filters
        </button>
        {action || resourceType ? (
          <Link href={scope ? `/audit-trail?scope=${scope}` : "/audit-trail"} className={buttonClasses("secondary")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
