/** Shown while the handoff context is read (recall ranks the customer's memories for the conversation). */
export default function HandoffPreviewLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Reading the handoff context…</span>
      <div className="h-8 w-56 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 xl:grid-cols-[22rem_1fr]">
        <div className="h-96 rounded-lg bg-slate-200" />
        <div className="space-y-4">
          <div className="h-20 rounded-lg bg-slate-200" />
          <div className="h-64 rounded-lg bg-slate-200" />
        </div>
      </div>
    </div>
  );
}
