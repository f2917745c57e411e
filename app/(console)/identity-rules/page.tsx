import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { PlannedArea } from "@/components/console/planned-area";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Identity rules" };

// Identity rules: planned (SPEC §7); an honest placeholder until the feature ships.
export default async function IdentityRulesPage() {
  const { user, area, isAllowed } = await requireConsoleUser("identityRules");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  return (
    <PlannedArea area={area} storeName={current?.displayName ?? null}>
      <p>
        This page will edit how each identifier type is normalised, limited and kept unique, reorder the matching rules by dragging, and dry-run a change against recent traffic before it is saved.
      </p>
    </PlannedArea>
  );
}
