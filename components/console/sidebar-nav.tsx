"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx, focusRing } from "@/components/ui/class-names";
import { consoleSections, type ConsoleArea } from "@/lib/console/console-areas";

/** The console's navigation: the areas the user's role may open, grouped, the current one marked. */
export function SidebarNav({ areas }: { areas: ConsoleArea[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="space-y-6">
      {consoleSections.map((section) => {
        const sectionAreas = areas.filter((area) => area.section === section);
        if (sectionAreas.length === 0) return null;
        return (
          <div key={section}>
            <h2 className="px-3 text-xs font-semibold uppercase tracking-wider text-slate-400">{section}</h2>
            <ul className="mt-2 space-y-0.5">
              {sectionAreas.map((area) => {
                const isCurrent = pathname === area.href || pathname.startsWith(`${area.href}/`);
                return (
                  <li key={area.href}>
                    <Link
                      href={area.href}
                      title={area.description}
                      aria-current={isCurrent ? "page" : undefined}
                      className={cx(
                        "block rounded-md px-3 py-2 text-sm font-medium transition-colors",
                        focusRing,
                        isCurrent ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
                      )}
                    >
                      {area.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
