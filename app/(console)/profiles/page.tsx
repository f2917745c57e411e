import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Profiles" };

// Profiles: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function ProfilesPage() {
  const { user, area, isAllowed } = await requireConsoleUser("profiles");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will search the store’s customers by name, by any identifier value (phone, email, WhatsApp, chat, custom ids) or by trait, page through any number of profiles on the server, and open a profile: traits editable inline, identifiers, observations with their provenance and review status, summaries, the conversation timeline, merge history and a recall playground.
      </p>
    </PlannedArea>
  );
}
