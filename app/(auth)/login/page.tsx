import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { findConsoleUser } from "@/app/(console)/console-session";
import { safeRedirectPath } from "@/lib/console/safe-redirect-path";
import { flattenSearchParams, type SearchParams } from "@/lib/console/search-params";
import { logIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends its own failures here as ?error=<type>.
const authErrorMessages: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Please sign in to continue.",
};

// Sign-in: email and password, then back to where the user was going.
export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = flattenSearchParams(await searchParams);
  const callbackUrl = safeRedirectPath(query.callbackUrl);
  if (await findConsoleUser()) redirect(callbackUrl);
  const initialError = query.error ? (authErrorMessages[query.error] ?? "Sign-in failed. Please try again.") : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span aria-hidden className="mx-auto grid size-10 place-items-center rounded-lg bg-indigo-600 text-lg font-semibold text-white">
            K
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Kith</h1>
          <p className="mt-1 text-sm text-slate-600">Conversation memory console</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm action={logIn} callbackUrl={callbackUrl} initialError={initialError} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          First start? The server log shows the admin account it created. Ask an admin for an account otherwise.
        </p>
      </div>
    </main>
  );
}
