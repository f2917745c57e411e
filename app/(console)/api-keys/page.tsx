import type { Metadata } from "next";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/auth/list-api-keys";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

// API keys (ADMIN): list, create (credentials shown once), revoke.
export default async function ApiKeysPage() {
  const { user, area, isAllowed } = await requireConsoleUser("apiKeys");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const [keys, { stores, current }] = await Promise.all([listApiKeys({ actor: user.actor }), getStoreSelection(user.actor)]);
  const storeOptions = stores.map((store) => ({ id: store.id, displayName: store.displayName }));
  const storeNames = Object.fromEntries(stores.map((store) => [store.id, store.displayName]));

  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <div className="space-y-8">
        <Card title="Create a key" description="Machines authenticate with HTTP Basic: the key id as user name, the secret as password.">
          <CreateApiKeyForm stores={storeOptions} defaultStoreId={current?.id ?? null} action={createApiKeyAction} />
        </Card>
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">
            <p>Create one above for each bot, agent or integration, so each can be revoked on its own.</p>
          </EmptyState>
        ) : (
          <ApiKeyTable keys={keys} storeNames={storeNames} revokeAction={revokeApiKeyAction} />
        )}
      </div>
    </>
  );
}
