import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Review queue" };

// Review queue: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function ReviewQueuePage() {
  const { user, area, isAllowed } = await requireConsoleUser("reviewQueue");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will list the observations extracted from closed conversations that wait for review, with the messages each came from, and let you approve, edit or reject them one by one or in bulk, entirely from the keyboard.
      </p>
    </PlannedArea>
  );
}
