"use client";

import { Button } from "@/components/ui/button";

/** Last-resort error page outside the console (the console has its own, inside its layout). */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main role="alert" className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-700">Something went wrong</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page could not be shown</h1>
        <p className="mt-2 text-sm text-slate-600">Try again; the server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.</p>
        <div className="mt-6">
          <Button onClick={reset}>Try again</Button>
        </div>
      </div>
    </main>
  );
}
