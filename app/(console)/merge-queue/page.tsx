import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Merge queue" };

// Merge queue: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function MergeQueuePage() {
  const { user, area, isAllowed } = await requireConsoleUser("mergeQueue");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will list proposed merges side by side — identifiers, traits and observations of both profiles, and the reason for the proposal — to approve or reject, and the merges already applied, each of which can be undone.
      </p>
    </PlannedArea>
  );
}
