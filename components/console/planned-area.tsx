import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { ConsoleArea } from "@/lib/console/console-areas";

/**
 * An area whose feature is not built yet: an honest page that says what it will do, with no
 * sample data standing in for real data.
 */
export function PlannedArea({ area, storeName, children }: { area: ConsoleArea; storeName: string | null; children: ReactNode }) {
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState title={`${area.label} arrives with a later release`}>
        {children}
        <p className="text-slate-500">
          {storeName ? `Nothing is shown for ${storeName} until then — ` : "Nothing is shown until then — "}
          the HTTP API documented at <a className="font-medium text-indigo-700 underline" href="/openapi.json">/openapi.json</a> is
          the way in today.
        </p>
      </EmptyState>
    </>
  );
}
