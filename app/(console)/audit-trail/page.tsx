import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable, type AuditEventRow } from "@/components/audit-trail/audit-event-table";
import { AuditFilters } from "@/components/audit-trail/audit-filters";
import { AuditScopeTabs } from "@/components/audit-trail/audit-scope-tabs";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { consoleAuditQuery } from "@/lib/audit/audit-schemas";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import type { AuditEvent } from "@/lib/db/generated/client";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/console/format-date-time";
import { flattenSearchParams, toQueryString, type SearchParams } from "@/lib/console/search-params";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Audit trail" };

const AUDIT_PAGE_SIZE = 25;

function prettyJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}

function toRow(event: AuditEvent): AuditEventRow {
  return {
    id: event.id,
    occurredAt: formatDateTime(event.createdAt),
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    actorType: event.actorType,
    actorLabel: event.actorLabel ?? event.actorId ?? "unknown",
    requestId: event.requestId,
    before: prettyJson(event.before),
    after: prettyJson(event.after),
  };
}

// Audit trail: the current store's events, newest first, paged and filtered through the URL.
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

  const query = consoleAuditQuery.safeParse({ pageSize: AUDIT_PAGE_SIZE, ...flattenSearchParams(await searchParams) });
  if (!query.success) {
    return (
      <>
        {header}
        <Alert tone="error" title="This audit trail address is not valid">
          <Link href="/audit-trail" className="underline">
            Start again from the newest events
          </Link>
        </Alert>
      </>
    );
  }
  const { action, resourceType, pageToken, pageSize, orderBy } = query.data;
  // Account-wide events (users, all-stores keys) belong to no store: all-stores admins see them.
  const canSeeAccount = user.actor.storeId === null && user.role === "ADMIN";
  const scope = canSeeAccount ? query.data.scope : "store";
  const filters = { action, resourceType, ...(scope === "account" ? { scope } : {}) };

  let page;
  try {
    page = await listAuditEvents({ storeId: scope === "account" ? null : current.id, actor: user.actor, page: { pageSize, pageToken, orderBy }, action, resourceType });
  } catch (error) {
    if (!isAppError(error) || error.kind !== "bad_request") throw error;
    return (
      <>
        {header}
        <AuditFilters {...filters} />
        <Alert tone="error" title="This page link is no longer valid">
          <Link href={`/audit-trail${toQueryString(filters)}`} className="underline">
            Start again from the newest events
          </Link>
        </Alert>
      </>
    );
  }

  const hasFilters = Boolean(action || resourceType);
  return (
    <>
      {header}
      {canSeeAccount ? <AuditScopeTabs scope={scope} storeName={current.displayName} /> : null}
      <AuditFilters {...filters} />
      {page.items.length === 0 ? (
        <EmptyState title={hasFilters ? "No events match these filters" : "No audit events yet"}>
          <p>
            {hasFilters
              ? "Try another action or resource type, or clear the filters."
              : scope === "account"
                ? "Changes to users and to all-stores API keys will be listed here."
                : `Every change to ${current.displayName} — by a user, an API key or Kith itself — will be listed here.`}
          </p>
        </EmptyState>
      ) : (
        <>
          <AuditEventTable events={page.items.map(toRow)} />
          <Pagination
            label="Audit trail pages"
            previousLabel="Newer"
            nextLabel="Older"
            previousHref={page.previousToken ? `/audit-trail${toQueryString({ ...filters, pageToken: page.previousToken })}` : null}
            nextHref={page.nextToken ? `/audit-trail${toQueryString({ ...filters, pageToken: page.nextToken })}` : null}
          />
        </>
      )}
    </>
  );
}
