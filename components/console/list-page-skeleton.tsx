/** A list page's loading state: the header, its filter form and a table's worth of rows. */
export function ListPageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{label}</span>
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-6 h-24 rounded-lg bg-slate-200" />
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="h-12 rounded bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
