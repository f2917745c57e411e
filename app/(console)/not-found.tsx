import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

// What a console page shows when what it was asked for does not exist in the current store (a
// profile id never issued, erased, or another store's): inside the console's layout and its one
// <main>, where the app-wide 404 page brought a second, full-screen <main>.
export default function ConsoleNotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <EmptyState title="Nothing here in this store" action={<Link href="/profiles" className={buttonClasses("primary")}>Go to profiles</Link>}>
        <p>There is nothing at this address in the current store. It may have been erased, or it may belong to another store: switch stores above.</p>
      </EmptyState>
    </>
  );
}
