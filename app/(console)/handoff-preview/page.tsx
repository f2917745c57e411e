import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Handoff preview" };

// Handoff preview: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function HandoffPreviewPage() {
  const { user, area, isAllowed } = await requireConsoleUser("handoffPreview");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will take a live conversation and show the exact context an AI or human agent would receive before a handoff — the recalled observations, summaries and recent messages — each with a citation back to the conversation it came from.
      </p>
    </PlannedArea>
  );
}
