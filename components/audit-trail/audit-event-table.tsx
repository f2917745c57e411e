"use client";

import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";

/** One audit event as the table shows it; before/after arrive already pretty-printed. */
export type AuditEventRow = {
  id: string;
  occurredAt: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  actorType: string;
  actorLabel: string;
  requestId: string | null;
  before: string | null;
  after: string | null;
};

function ChangeBlock({ label, json }: { label: string; json: string | null }) {
  return (
    <div className="min-w-0 flex-1">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h3>
      {json ? (
        <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{json}</pre>
      ) : (
        <p className="rounded-md bg-slate-50 p-3 text-xs text-slate-500">Nothing recorded</p>
      )}
    </div>
  );
}

/** The audit events of one page; each row expands to its before and after. */
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
              <tr>
                <Cell className="whitespace-nowrap">{event.occurredAt}</Cell>
                <Cell>
                  <code className="text-xs font-semibold text-slate-900">{event.action}</code>
                </Cell>
                <Cell>
                  <span className="block text-xs text-slate-500">{event.resourceType}</span>
                  {event.resourceId ? <code className="text-xs">{event.resourceId}</code> : null}
                </Cell>
                <Cell>
                  <span className="block">{event.actorLabel}</span>
                  <Badge>{event.actorType}</Badge>
                </Cell>
                <Cell>{event.requestId ? <code className="text-xs text-slate-500">{event.requestId}</code> : "—"}</Cell>
                <Cell className="text-right">
                  <Button variant="ghost" size="sm" aria-expanded={isExpanded} aria-controls={detailsId} onClick={() => toggle(event.id)}>
                    {isExpanded ? "Hide changes" : "Show changes"}
                  </Button>
                </Cell>
              </tr>
              {isExpanded ? (
                <tr id={detailsId} className="bg-slate-50">
                  <td colSpan={6} className="px-4 py-4">
                    <div className="flex flex-col gap-4 lg:flex-row">
                      <ChangeBlock label="Before" json={event.before} />
                      <ChangeBlock label="After" json={event.after} />
                    </div>
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
