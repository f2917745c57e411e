import type { ObservationStatusCounts } from "@/lib/observations/review-queue-views";
import { cx } from "@/components/ui/class-names";

const statuses: { status: keyof ObservationStatusCounts; label: string; tone: string }[] = [
  { status: "PENDING", label: "Pending", tone: "text-amber-700" },
  { status: "APPROVED", label: "Approved", tone: "text-emerald-700" },
  { status: "REJECTED", label: "Rejected", tone: "text-red-700" },
];

/** The store's observations by review status. */
export function StatusCounts({ counts }: { counts: ObservationStatusCounts }) {
  return (
    <section aria-label="Observations by status">
      <dl className="grid grid-cols-3 gap-3">
        {statuses.map(({ status, label, tone }) => (
          <div key={status} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={`count-${status}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className={cx("mt-1 text-2xl font-semibold tabular-nums", tone)}>{counts[status].toLocaleString("en-GB")}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
