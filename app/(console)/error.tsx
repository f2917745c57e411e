"use client";

import { Button } from "@/components/ui/button";

/** A console page failed: say so plainly, offer a retry; the details stay in the server log. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white px-6 py-12 text-center shadow-sm">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Try again; if it keeps failing, the server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <div className="mt-6">
        <Button onClick={reset}>Try again</Button>
      </div>
    </div>
  );
}
