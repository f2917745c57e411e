/** Shown while a conversation loads: the header, the participants and a thread's worth of messages. */
export default function ConversationLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading the conversation…</span>
      <div className="h-8 w-72 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="h-48 rounded-lg bg-slate-200" />
        <div className="space-y-2 lg:col-span-2">
          {Array.from({ length: 6 }, (_, index) => (
            <div key={index} className="h-14 rounded bg-slate-200" />
          ))}
        </div>
      </div>
    </div>
  );
}
