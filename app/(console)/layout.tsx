import Link from "next/link";
import type { ReactNode } from "react";
import { SidebarNav } from "@/components/console/sidebar-nav";
import { StoreSwitcher } from "@/components/console/store-switcher";
import { JobStatusBadge } from "@/components/console/job-status-badge";
import { SignInRedirect } from "@/components/console/sign-in-redirect";
import { Button } from "@/components/ui/button";
import { RoleBadge } from "@/components/ui/role-badge";
import { focusRing } from "@/components/ui/class-names";
import { hasRole } from "@/lib/auth/roles";
import { consoleAreas } from "@/lib/console/console-areas";
import { countJobsByStatus } from "@/lib/jobs/count-jobs-by-status";
import { findConsoleUser, getStoreSelection } from "./console-session";
import { selectStore, signOutOfConsole } from "./actions";

export const dynamic = "force-dynamic";

/** Every console page: a signed-in, enabled user; navigation for their role; the store switcher. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await findConsoleUser();
  if (!user) return <SignInRedirect />;
  const { stores, current } = await getStoreSelection(user.actor);
  const areas = Object.values(consoleAreas).filter((area) => hasRole(user, area.minimumRole));
  const storeOptions = stores.map((store) => ({ id: store.id, displayName: store.displayName }));
  const jobCounts = current && hasRole(user, "SUPERVISOR") ? await countJobsByStatus(current.id) : null;

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className={`sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 ${focusRing}`}>
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 flex-col bg-slate-900 px-3 py-5 lg:flex">
        <Link href="/profiles" className={`mb-8 flex items-center gap-2 rounded-md px-3 text-lg font-semibold text-white ${focusRing}`}>
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-500 text-sm">K</span>
          Kith
        </Link>
        <SidebarNav areas={areas} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
          <div className="flex items-center gap-3">
            <details className="relative lg:hidden">
              <summary className={`cursor-pointer list-none rounded-md px-2 py-1 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 ${focusRing}`}>Menu</summary>
              <div className="absolute left-0 z-20 mt-2 w-64 rounded-lg bg-slate-900 p-3 shadow-xl">
                <SidebarNav areas={areas} />
              </div>
            </details>
            <StoreSwitcher stores={storeOptions} currentStoreId={current?.id ?? null} action={selectStore} />
            {jobCounts ? <JobStatusBadge counts={jobCounts} /> : null}
          </div>
          <div className="flex items-center gap-3">
            <div className="text-right text-sm leading-tight">
              <p className="font-medium text-slate-900" data-testid="signed-in-user">
                {user.name ?? user.email}
              </p>
              {user.name ? <p className="text-xs text-slate-500">{user.email}</p> : null}
            </div>
            <RoleBadge role={user.role} />
            <form action={signOutOfConsole}>
              <Button type="submit" variant="ghost" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
