"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleResult, type ActionResult } from "@/lib/console/action-result";
import { roles } from "@/lib/auth/roles";

type StoreOption = { id: string; displayName: string };

/** What the create action answers with: the credentials, this once. */
export type NewApiKey = { keyId: string; name: string; credentials: string };

export type CreateApiKeyFormProps = {
  stores: StoreOption[];
  /** Preselected scope: the store the console shows (the narrowest useful choice). */
  defaultStoreId: string | null;
  action: (previous: ActionResult<NewApiKey>, formData: FormData) => Promise<ActionResult<NewApiKey>>;
};

/** Creates an API key, then shows its credentials once with a copy button. */
export function CreateApiKeyForm({ stores, defaultStoreId, action }: CreateApiKeyFormProps) {
  const [state, formAction] = useActionState(action, idleResult);
  const [dismissedKeyId, setDismissedKeyId] = useState<string | null>(null);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const created = state.status === "success" && state.data.keyId !== dismissedKeyId ? state.data : null;

  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="warning" title={`Copy the credentials of “${created.name}” now`}>
          <p>This is the only time the secret is shown: Kith keeps only its hash. Use it as HTTP Basic credentials (<code>keyId:secret</code>).</p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key-credentials" className="select-all break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-amber-300">
              {created.credentials}
            </code>
            <CopyButton value={created.credentials} label="Copy credentials" />
            <Button variant="ghost" size="sm" onClick={() => setDismissedKeyId(created.keyId)}>
              I have saved it
            </Button>
          </div>
        </Alert>
      ) : null}
      <form action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start" aria-label="Create an API key">
        <Field id="api-key-name" label="Name" error={fieldErrors.name} hint="Who or what uses it, e.g. “Support bot”.">
          <Input id="api-key-name" name="name" required maxLength={100} invalid={Boolean(fieldErrors.name)} hasHint autoComplete="off" />
        </Field>
        <Field id="api-key-role" label="Role" error={fieldErrors.role} hint="AGENT reads and writes memory; ADMIN also manages stores and keys.">
          <Select id="api-key-role" name="role" defaultValue="AGENT" invalid={Boolean(fieldErrors.role)} hasHint>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="api-key-store" label="Scope" error={fieldErrors.storeId} hint="A key for one store cannot see any other.">
          <Select id="api-key-store" name="storeId" defaultValue={defaultStoreId ?? ""} invalid={Boolean(fieldErrors.storeId)} hasHint>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.displayName}
              </option>
            ))}
            <option value="">All stores</option>
          </Select>
        </Field>
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </div>
      </form>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
