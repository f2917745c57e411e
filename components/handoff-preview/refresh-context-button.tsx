"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Reads the context again: it changes as the conversation goes on and memories are extracted or reviewed. */
export function RefreshContextButton() {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <Button variant="secondary" size="sm" onClick={() => startTransition(() => router.refresh())} disabled={isPending} aria-busy={isPending || undefined}>
      {isPending ? "Refreshing…" : "Refresh"}
    </Button>
  );
}
