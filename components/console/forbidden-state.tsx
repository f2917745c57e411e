import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import type { ConsoleArea } from "@/lib/console/console-areas";
import type { Role } from "@/lib/db/generated/enums";

/** The 403 state: the page exists, but the signed-in user's role may not open it. */
export function ForbiddenState({ area, role }: { area: ConsoleArea; role: Role }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-amber-200 bg-white px-6 py-12 text-center shadow-sm" role="alert">
      <p className="text-sm font-semibold text-amber-700">403 · Not allowed</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">You don’t have access to {area.label}</h1>
      <p className="mt-2 text-sm text-slate-600">
        This page needs the <strong>{area.minimumRole}</strong> role; you are signed in as <strong>{role}</strong>. Ask an
        administrator if you need it.
      </p>
      <div className="mt-6">
        <Link href="/profiles" className={buttonClasses("secondary")}>
          Back to profiles
        </Link>
      </div>
    </div>
  );
}
