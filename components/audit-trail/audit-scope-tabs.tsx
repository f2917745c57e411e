import Link from "next/link";

/** Switches the audit trail between the current store's events and account-wide ones. */
export function AuditScopeTabs({ scope, storeName }: { scope: "store" | "account"; storeName: string }) {
  const tab = (value: "store" | "account", label: string) => (
    <Link
      href={value === "account" ? "/audit-trail?scope=account" : "/audit-trail"}
      aria-current={scope === value ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
        scope === value ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"
      }`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Audit scope" className="mb-4 flex gap-2">
      {tab("store", `Store: ${storeName}`)}
      {tab("account", "Account (users, all-stores keys)")}
    </nav>
  );
}
