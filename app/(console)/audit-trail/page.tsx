import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable, type AuditEventRow } from "@/components/audit-trail/audit-event-table";
import { AuditFilters, type AuditActorOption } from "@/components/audit-trail/audit-filters";
import { AuditScopeTabs } from "@/components/audit-trail/audit-scope-tabs";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { consoleAuditQuery } from "@/lib/audit/audit-schemas";
import { listAuditActors } from "@/lib/audit/list-audit-actors";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { toActionFailure } from "@/lib/console/action-result";
import { actorFilterValue, hasAuditFilters, toAuditEventFilterOptions, type AuditTrailFilters } from "@/lib/console/audit-trail-filters";
import { diffAuditValues } from "@/lib/console/diff-audit-values";
import type { AuditEvent } from "@/lib/db/generated/client";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/console/format-date-time";
import { flattenSearchParams, toQueryString, type SearchParams } from "@/lib/console/search-params";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { StalePageLinkAlert } from "@/components/console/stale-page-link-alert";

export const metadata: Metadata = { title: "Audit trail" };

const AUDIT_PAGE_SIZE = 25;

function prettyJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}

function toRow(event: AuditEvent, baseQuery: Record<string, string | undefined>): AuditEventRow {
  const actor = actorFilterValue(event.actorType, event.actorId);
  return {
    id: event.id,
    occurredAt: formatDateTime(event.createdAt),
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    actorType: event.actorType,
    actorLabel: event.actorType === "SYSTEM" ? "Kith (system)" : (event.actorLabel ?? event.actorId ?? "unknown"),
    actorHref: actor ? `/audit-trail${toQueryString({ ...baseQuery, actor })}` : null,
    resourceHref: event.resourceId ? `/audit-trail${toQueryString({ ...baseQuery, resourceType: event.resourceType, resourceId: event.resourceId })}` : null,
    requestId: event.requestId,
    changes: diffAuditValues(event.before, event.after),
    before: prettyJson(event.before),
    after: prettyJson(event.after),
  };
}

// Audit trail: the current store's events (or account-wide ones), newest first, paged and filtered through the URL.
export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("auditTrail");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) {
    return (
      <>
        {header}
        <NoStoreState />
      </>
    );
  }

  // Account-wide events (users, all-stores keys) belong to no store: all-stores admins see them.
  const canSeeAccount = user.actor.storeId === null && user.role === "ADMIN";
  const raw = flattenSearchParams(await searchParams);
  const scope = canSeeAccount && raw.scope === "account" ? "account" : "store";
  const storeId = scope === "account" ? null : current.id;
  const scopeQuery = scope === "account" ? { scope } : {};
  const actors: AuditActorOption[] = (await listAuditActors({ storeId, actor: user.actor })).map((entry) => ({
    value: actorFilterValue(entry.actorType, entry.actorId) ?? "",
    label: entry.label,
    kind: entry.actorType,
  }));
  const tabs = canSeeAccount ? <AuditScopeTabs scope={scope} storeName={current.displayName} /> : null;

  const query = consoleAuditQuery.safeParse({ pageSize: AUDIT_PAGE_SIZE, ...raw });
  if (!query.success) {
    // Keep what was typed in the form, with the problem beside its field.
    const typed: AuditTrailFilters = { actor: raw.actor, action: raw.action, resourceType: raw.resourceType, resourceId: raw.resourceId, from: raw.from, to: raw.to };
    const { fieldErrors } = toActionFailure(query.error);
    const filterFields = new Set(["actor", "action", "resourceType", "resourceId", "from", "to"]);
    const hasFieldProblem = Object.keys(fieldErrors).some((field) => filterFields.has(field));
    return (
      <>
        {header}
        {tabs}
        <AuditFilters filters={typed} actors={actors} scope={scope === "account" ? "account" : undefined} errors={fieldErrors} />
        <Alert tone="error" title={hasFieldProblem ? "These filters are not valid" : "This audit trail address is not valid"}>
          {hasFieldProblem ? (
            "Correct the highlighted filter and apply again."
          ) : (
            <Link href={`/audit-trail${toQueryString(scopeQuery)}`} className="underline">
              Start again from the newest events
            </Link>
          )}
        </Alert>
      </>
    );
  }
  const { pageToken, pageSize, orderBy } = query.data;
  const filters: AuditTrailFilters = {
    actor: query.data.actor,
    action: query.data.action,
    resourceType: query.data.resourceType,
    resourceId: query.data.resourceId,
    from: query.data.from,
    to: query.data.to,
  };
  const baseQuery = { ...scopeQuery, ...filters };
  const filterForm = <AuditFilters filters={filters} actors={actors} scope={scope === "account" ? "account" : undefined} />;

  let page;
  try {
    page = await listAuditEvents({ storeId, actor: user.actor, page: { pageSize, pageToken, orderBy }, ...toAuditEventFilterOptions(filters) });
  } catch (error) {
    if (!isAppError(error) || error.kind !== "bad_request") throw error;
    return (
      <>
        {header}
        {tabs}
        {filterForm}
        <StalePageLinkAlert restartHref={`/audit-trail${toQueryString(baseQuery)}`} restartLabel="Start again from the newest events" />
      </>
    );
  }

  const isFiltered = hasAuditFilters(filters);
  return (
    <>
      {header}
      {tabs}
      {filterForm}
      {page.items.length === 0 ? (
        <EmptyState
          title={isFiltered ? "No events match these filters" : "No audit events yet"}
          action={
            isFiltered ? (
              <Link href={`/audit-trail${toQueryString(scopeQuery)}`} className="text-sm font-medium text-indigo-700 underline">
                Clear the filters
              </Link>
            ) : undefined
          }
        >
          <p>
            {isFiltered
              ? "Try another actor, resource, action or range of days."
              : scope === "account"
                ? "Changes to users and to all-stores API keys will be listed here."
                : `Every change to ${current.displayName} — by a user, an API key or Kith itself — will be listed here.`}
          </p>
        </EmptyState>
      ) : (
        <>
          <AuditEventTable events={page.items.map((event) => toRow(event, baseQuery))} />
          <Pagination
            label="Audit trail pages"
            previousLabel="Newer"
            nextLabel="Older"
            previousHref={page.previousToken ? `/audit-trail${toQueryString({ ...baseQuery, pageToken: page.previousToken })}` : null}
            nextHref={page.nextToken ? `/audit-trail${toQueryString({ ...baseQuery, pageToken: page.nextToken })}` : null}
          />
        </>
      )}
    </>
  );
}
