"use client";

import { useEffect } from "react";

/**
 * Shown instead of the console when nobody is signed in: goes to the login page and asks it to
 * come back to this exact address (path and query) afterwards.
 */
export function SignInRedirect() {
  useEffect(() => {
    const here = `${window.location.pathname}${window.location.search}`;
    window.location.replace(`/login?callbackUrl=${encodeURIComponent(here)}`);
  }, []);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <p className="text-sm text-slate-600">
        You are signed out. Redirecting to <a href="/login" className="font-medium text-indigo-700 underline">the sign-in page</a>…
      </p>
    </main>
  );
}
