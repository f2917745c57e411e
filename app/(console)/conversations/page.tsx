import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Conversations" };

// Conversations: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function ConversationsPage() {
  const { user, area, isAllowed } = await requireConsoleUser("conversations");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will browse the store’s conversations by channel, status (active, inactive, closed) and date, and open one to read its participants and messages, with links to the profiles it resolved to.
      </p>
    </PlannedArea>
  );
}
