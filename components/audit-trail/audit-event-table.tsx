"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cx, focusRing } from "@/components/ui/class-names";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import type { FieldChange, FieldChangeKind } from "@/lib/console/diff-audit-values";

/** One audit event as the table shows it: the diff is computed on the server, the raw JSON kept for reference. */
export type AuditEventRow = {
  id: string;
  occurredAt: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  actorType: string;
  actorLabel: string;
  /** Links that narrow the trail to this event's actor and to its resource (null when it has none). */
  actorHref: string | null;
  resourceHref: string | null;
  requestId: string | null;
  changes: FieldChange[];
  before: string | null;
  after: string | null;
};

const kindStyles: Record<FieldChangeKind, { label: string; tone: BadgeTone; row: string }> = {
  added: { label: "Added", tone: "green", row: "bg-emerald-50" },
  removed: { label: "Removed", tone: "red", row: "bg-red-50" },
  changed: { label: "Changed", tone: "amber", row: "bg-amber-50" },
  unchanged: { label: "Same", tone: "neutral", row: "" },
};

function ValueText({ value, struck }: { value: string | undefined; struck?: boolean }) {
  if (value === undefined) return <span className="text-slate-400">—</span>;
  return <code className={cx("whitespace-pre-wrap break-all text-xs", struck ? "text-red-800 line-through decoration-red-400" : "text-slate-900")}>{value}</code>;
}

/** Before → after, field by field: added, removed and changed fields highlighted, unchanged ones on request. */
export function AuditDiff({ eventId, changes, before, after }: { eventId: string; changes: FieldChange[]; before: string | null; after: string | null }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const unchanged = changes.filter((change) => change.kind === "unchanged").length;
  const shown = showUnchanged ? changes : changes.filter((change) => change.kind !== "unchanged");
  return (
    <div className="space-y-3">
      {changes.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing was recorded before or after this event.</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-500">No field changed ({unchanged} recorded fields are the same).</p>
      ) : (
        <table className="w-full table-fixed text-left text-sm" aria-label={`Changes recorded by event ${eventId}`}>
          <thead>
            <tr className="text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="w-1/4 py-1 pr-3 font-semibold">
                Field
              </th>
              <th scope="col" className="w-24 py-1 pr-3 font-semibold">
                Change
              </th>
              <th scope="col" className="py-1 pr-3 font-semibold">
                Before
              </th>
              <th scope="col" className="py-1 font-semibold">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((change) => (
              <tr key={change.path} className={cx("border-t border-slate-200 align-top", kindStyles[change.kind].row)} data-change={change.kind}>
                <td className="py-1.5 pr-3">
                  <code className="break-all text-xs font-semibold text-slate-800">{change.path}</code>
                </td>
                <td className="py-1.5 pr-3">
                  <Badge tone={kindStyles[change.kind].tone}>{kindStyles[change.kind].label}</Badge>
                </td>
                <td className="py-1.5 pr-3">
                  <ValueText value={change.before} struck={change.kind === "changed" || change.kind === "removed"} />
                </td>
                <td className="py-1.5">
                  <ValueText value={change.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {unchanged > 0 ? (
          <Button variant="ghost" size="sm" aria-pressed={showUnchanged} onClick={() => setShowUnchanged((value) => !value)}>
            {showUnchanged ? "Hide unchanged fields" : `Show ${unchanged} unchanged field${unchanged === 1 ? "" : "s"}`}
          </Button>
        ) : null}
        <details className="text-xs">
          <summary className={cx("cursor-pointer rounded text-slate-600", focusRing)}>Raw JSON</summary>
          <div className="mt-2 flex flex-col gap-3 lg:flex-row">
            {[
              ["Before (JSON)", before],
              ["After (JSON)", after],
            ].map(([label, json]) => (
              <div key={label} className="min-w-0 flex-1">
                <p className="mb-1 font-semibold uppercase tracking-wide text-slate-500">{label}</p>
                {json ? <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 leading-relaxed text-slate-100">{json}</pre> : <p className="text-slate-500">Nothing recorded</p>}
              </div>
            ))}
          </div>
        </details>
      </div>
    </div>
  );
}

function changeSummary(changes: FieldChange[]): string {
  const count = (kind: FieldChangeKind) => changes.filter((change) => change.kind === kind).length;
  const parts = [
    [count("changed"), "changed"],
    [count("added"), "added"],
    [count("removed"), "removed"],
  ].filter(([n]) => Number(n) > 0);
  return parts.length === 0 ? "no field changes" : parts.map(([n, label]) => `${n} ${label}`).join(", ");
}

/** The audit events of one page; each row expands to its before/after diff. */
export function AuditEventTable({ events }: { events: AuditEventRow[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }
  return (
    <Table caption="Audit events, newest first">
      <TableHead>
        <HeaderCell>When</HeaderCell>
        <HeaderCell>Action</HeaderCell>
        <HeaderCell>Resource</HeaderCell>
        <HeaderCell>By</HeaderCell>
        <HeaderCell>Request</HeaderCell>
        <HeaderCell>
          <span className="sr-only">Changes</span>
        </HeaderCell>
      </TableHead>
      <TableBody>
        {events.map((event) => {
          const isExpanded = expanded.has(event.id);
          const detailsId = `audit-${event.id}`;
          return (
            <Fragment key={event.id}>
              <tr data-testid="audit-event-row">
                <Cell className="whitespace-nowrap">{event.occurredAt}</Cell>
                <Cell>
                  <code className="text-xs font-semibold text-slate-900">{event.action}</code>
                  <span className="block text-xs text-slate-500">{changeSummary(event.changes)}</span>
                </Cell>
                <Cell>
                  <span className="block text-xs text-slate-500">{event.resourceType}</span>
                  {event.resourceId && event.resourceHref ? (
                    <Link href={event.resourceHref} className={cx("rounded text-xs text-indigo-700 hover:underline", focusRing)} title="Only this resource's events">
                      <code className="break-all">{event.resourceId}</code>
                    </Link>
                  ) : event.resourceId ? (
                    <code className="break-all text-xs">{event.resourceId}</code>
                  ) : null}
                </Cell>
                <Cell>
                  {event.actorHref ? (
                    <Link href={event.actorHref} className={cx("block rounded text-indigo-700 hover:underline", focusRing)} title="Only this actor's events">
                      {event.actorLabel}
                    </Link>
                  ) : (
                    <span className="block">{event.actorLabel}</span>
                  )}
                  <Badge>{event.actorType}</Badge>
                </Cell>
                <Cell>
                  {/* Request ids are long and rarely read whole: shortened, in full on hover and for copying. */}
                  {event.requestId ? (
                    <code className="block max-w-[7rem] truncate text-xs text-slate-500" title={event.requestId}>
                      {event.requestId}
                    </code>
                  ) : (
                    "—"
                  )}
                </Cell>
                <Cell className="text-right">
                  <Button variant="ghost" size="sm" aria-expanded={isExpanded} aria-controls={detailsId} onClick={() => toggle(event.id)}>
                    {isExpanded ? "Hide changes" : "Show changes"}
                  </Button>
                </Cell>
              </tr>
              {isExpanded ? (
                <tr id={detailsId} className="bg-slate-50">
                  <td colSpan={6} className="px-4 py-4">
                    <AuditDiff eventId={event.id} changes={event.changes} before={event.before} after={event.after} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
