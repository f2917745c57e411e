import Link from "next/link";
import { buttonClasses } from "./button";
import { cx } from "./class-names";

/** Previous / next links for a token-paged list; a missing href means there is no such page. */
export type PaginationProps = {
  previousHref: string | null;
  nextHref: string | null;
  /** Names the navigation landmark ("Audit trail pages"). */
  label: string;
  previousLabel?: string;
  nextLabel?: string;
};

export function Pagination({ previousHref, nextHref, label, previousLabel = "Previous", nextLabel = "Next" }: PaginationProps) {
  const disabled = cx(buttonClasses("secondary", "sm"), "pointer-events-none opacity-50");
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-end gap-2">
      {previousHref ? (
        <Link href={previousHref} className={buttonClasses("secondary", "sm")} rel="prev">
          ← {previousLabel}
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          ← {previousLabel}
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} className={buttonClasses("secondary", "sm")} rel="next">
          {nextLabel} →
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          {nextLabel} →
        </span>
      )}
    </nav>
  );
}
