import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { IdentityRulesEditor } from "@/components/identity-rules/identity-rules-editor";
import { PageHeader } from "@/components/ui/page-header";
import { DRY_RUN_DEFAULT_RECORDS, DRY_RUN_MAX_RECORDS } from "@/lib/identity/dry-run-identity-settings";
import { getIdentityResolutionSettings } from "@/lib/identity/get-identity-resolution-settings";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { dryRunIdentityRulesAction, saveIdentityRulesAction } from "./actions";

export const metadata: Metadata = { title: "Identity rules" };

const actions = { dryRun: dryRunIdentityRulesAction, save: saveIdentityRulesAction };

// Identity rules (ADMIN): identifier configs and matching-rule priority, dry-run against recent traffic, saved with the loaded version.
export default async function IdentityRulesPage() {
  const { user, area, isAllowed } = await requireConsoleUser("identityRules");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) return <>{header}<NoStoreState /></>;

  const { version, identifierConfigs, matchingRules, mergeMode } = await getIdentityResolutionSettings({ storeId: current.id });
  return (
    <>
      {header}
      <IdentityRulesEditor
        // A reload after someone else's save shows their version in a fresh editor.
        key={`${current.id}:${version}`}
        storeId={current.id}
        settings={{ identifierConfigs, matchingRules, mergeMode }}
        version={version}
        defaultRecordCount={DRY_RUN_DEFAULT_RECORDS}
        maxRecordCount={DRY_RUN_MAX_RECORDS}
        actions={actions}
      />
    </>
  );
}
