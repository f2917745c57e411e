import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { StoreSettingsView } from "@/components/store-settings/store-settings-view";
import { PageHeader } from "@/components/ui/page-header";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { StoreUsageView } from "@/components/store-settings/store-usage-view";
import { getStoreUsage } from "@/lib/usage/get-store-usage";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Store settings" };

// Store settings: the current store, read-only (writes go through the control-plane API), and its usage.
export default async function StoreSettingsPage() {
  const { user, area, isAllowed } = await requireConsoleUser("storeSettings");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  if (!current) {
    return (
      <>
        <PageHeader title={area.label} description={area.description} />
        <NoStoreState />
      </>
    );
  }
  const [store, usage] = await Promise.all([getStoreOrThrow({ storeId: current.id, actor: user.actor }), getStoreUsage({ storeId: current.id })]);
  return (
    <>
      <PageHeader
        title={area.label}
        description={
          <>
            Read-only here; change these with <code className="text-xs">PATCH /v1/ControlPlane/Stores/{store.id}</code>.
          </>
        }
      />
      <StoreSettingsView store={store} />
      <h2 className="mb-3 mt-8 text-lg font-semibold text-slate-900">Usage</h2>
      <StoreUsageView usage={usage} />
    </>
  );
}
