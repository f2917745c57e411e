/** Shown while a profile loads: its header and the two columns of cards. */
export default function ProfileLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading profile…</span>
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <div className="h-96 rounded-lg bg-slate-200" />
        <div className="h-96 rounded-lg bg-slate-200" />
      </div>
    </div>
  );
}
