import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/**
 * A paged list's answer to a page token it cannot read (edited by hand, or from an older list):
 * say so, and link back to where the list starts.
 */
export function StalePageLinkAlert({ restartHref, restartLabel }: { restartHref: string; restartLabel: string }) {
  return (
    <Alert tone="error" title="This page link is no longer valid">
      <Link href={restartHref} className="underline">
        {restartLabel}
      </Link>
    </Alert>
  );
}
