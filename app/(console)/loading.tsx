/** Shown while a console page loads its data. */
export default function ConsoleLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-8 h-64 rounded-lg bg-slate-200" />
    </div>
  );
}
