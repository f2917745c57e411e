import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { StoreSettingsForm } from "@/components/store-settings/store-settings-form";
import { StoreFacts, StoreSettingsView } from "@/components/store-settings/store-settings-view";
import { StoreUsageView } from "@/components/store-settings/store-usage-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { describeProviders } from "@/lib/console/describe-providers";
import { toStoreSettingsFormValues } from "@/lib/console/store-settings-form";
import { readEnv } from "@/lib/env";
import { getIdentityResolutionSettings } from "@/lib/identity/get-identity-resolution-settings";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { getStoreUsage } from "@/lib/usage/get-store-usage";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { updateStoreSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Store settings" };

// Store settings: editable by ADMIN (the action checks again), read-only for SUPERVISOR; usage and providers for both.
export default async function StoreSettingsPage() {
  const { user, area, isAllowed } = await requireConsoleUser("storeSettings");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) {
    return (
      <>
        {header}
        <NoStoreState />
      </>
    );
  }
  const [store, usage, identitySettings] = await Promise.all([
    getStoreOrThrow({ storeId: current.id, actor: user.actor }),
    getStoreUsage({ storeId: current.id }),
    getIdentityResolutionSettings({ storeId: current.id }),
  ]);
  const canEdit = hasRole(user, "ADMIN");
  const providers = describeProviders(readEnv(), usage.providers.embeddings);
  return (
    <>
      {header}
      <div className="space-y-6">
        {canEdit ? (
          <StoreSettingsForm storeId={store.id} version={store.version} initialValues={toStoreSettingsFormValues(store)} action={updateStoreSettingsAction} />
        ) : (
          <>
            <Alert tone="info" title="Read-only">
              Only an ADMIN can change these settings; you are signed in as {user.role}.
            </Alert>
            <StoreSettingsView store={store} />
          </>
        )}
        <StoreFacts store={store} mergeMode={identitySettings.mergeMode} canEditIdentityRules={canEdit} />
      </div>
      <h2 className="mb-3 mt-8 text-lg font-semibold text-slate-900">Usage</h2>
      <StoreUsageView usage={usage} providers={providers} />
    </>
  );
}
