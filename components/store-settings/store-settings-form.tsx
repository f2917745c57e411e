"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { focusRing } from "@/components/ui/class-names";
import { idleResult, type ActionResult } from "@/lib/console/action-result";
import { timeoutFieldName, type StoreSettingsFormValues } from "@/lib/console/store-settings-form";
import { channels } from "@/lib/stores/store-schemas";
import { StoreId } from "./store-settings-view";

export type StoreSettingsFormProps = {
  storeId: string;
  /** The version the values were read at: a save against a newer version is refused. */
  version: number;
  initialValues: StoreSettingsFormValues;
  action: (previous: ActionResult<{ version: number }>, formData: FormData) => Promise<ActionResult<{ version: number }>>;
};

type BooleanSetting = "autoApproveObservations" | "allowExtractedTraits" | "screenCommunications";

const booleanSettings: { name: BooleanSetting; label: string; hint: string }[] = [
  { name: "autoApproveObservations", label: "Auto-approve extracted observations", hint: "When off, observations from extraction wait in the review queue." },
  { name: "allowExtractedTraits", label: "Write extracted traits", hint: "When off, trait candidates (name, email, phone) are only proposed." },
  {
    name: "screenCommunications",
    label: "Screen communications",
    hint: "When on, health, religion and other special-category sentences and card or bank numbers are removed from messages as they are stored.",
  },
];

/**
 * The store's editable settings (ADMIN). The inputs are controlled, so a refused save keeps what
 * was typed; the version travels with the form so a save over someone else's change is refused.
 */
export function StoreSettingsForm({ storeId, version, initialValues, action }: StoreSettingsFormProps) {
  const [state, formAction] = useActionState(action, idleResult);
  const [values, setValues] = useState(initialValues);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const setTimeoutValue = (name: string, value: string) => setValues((current) => ({ ...current, timeouts: { ...current.timeouts, [name]: value } }));

  return (
    <form action={formAction} className="space-y-6" aria-label="Store settings" noValidate>
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {state.status === "error" ? (
        <Alert tone="error" title="Not saved">
          {state.message}
        </Alert>
      ) : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}

      <Card title="Store">
        <p className="mb-4 text-sm text-slate-600">
          Id <StoreId id={storeId} />
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="displayName" label="Name" error={fieldErrors.displayName} hint="Letters, digits and hyphens; unique among stores.">
            <Input
              id="displayName"
              name="displayName"
              value={values.displayName}
              onChange={(event) => setValues({ ...values, displayName: event.target.value })}
              maxLength={64}
              required
              invalid={Boolean(fieldErrors.displayName)}
              hasHint
              autoComplete="off"
            />
          </Field>
          <Field id="description" label="Description" error={fieldErrors.description} hint="Optional, up to 128 characters.">
            <Input
              id="description"
              name="description"
              value={values.description}
              onChange={(event) => setValues({ ...values, description: event.target.value })}
              maxLength={128}
              invalid={Boolean(fieldErrors.description)}
              hasHint
              autoComplete="off"
            />
          </Field>
        </div>
      </Card>

      <Card title="Memory settings">
        <div className="space-y-4">
          {booleanSettings.map((setting) => (
            <div key={setting.name} className="flex items-start gap-3">
              <input
                id={setting.name}
                name={setting.name}
                type="checkbox"
                checked={values[setting.name]}
                onChange={(event) => setValues({ ...values, [setting.name]: event.target.checked })}
                aria-describedby={`${setting.name}-hint`}
                className={`mt-0.5 size-4 rounded border-slate-300 text-indigo-600 ${focusRing}`}
              />
              <div>
                <label htmlFor={setting.name} className="text-sm font-medium text-slate-800">
                  {setting.label}
                </label>
                <p id={`${setting.name}-hint`} className="text-xs text-slate-500">
                  {setting.hint}
                </p>
                {fieldErrors[setting.name] ? (
                  <p className="text-xs font-medium text-red-700" role="alert">
                    {fieldErrors[setting.name]}
                  </p>
                ) : null}
              </div>
            </div>
          ))}
        </div>
      </Card>

      <Card
        title="Conversation timeouts"
        description="Minutes without a message before a conversation becomes inactive, then closed (closing runs extraction). Closed must be at least inactive."
      >
        {fieldErrors.conversationTimeouts ? (
          <p className="mb-3 text-sm font-medium text-red-700" role="alert">
            {fieldErrors.conversationTimeouts}
          </p>
        ) : null}
        <Table caption="Conversation timeouts per channel, in minutes">
          <TableHead>
            <HeaderCell>Channel</HeaderCell>
            <HeaderCell>Inactive after (minutes)</HeaderCell>
            <HeaderCell>Closed after (minutes)</HeaderCell>
          </TableHead>
          <TableBody>
            {channels.map((channel) => (
              <tr key={channel}>
                <Cell className="font-medium text-slate-900">{channel}</Cell>
                {(["inactiveAfterMinutes", "closedAfterMinutes"] as const).map((which) => {
                  const name = timeoutFieldName(channel, which);
                  const id = `timeout-${channel}-${which}`;
                  const error = fieldErrors[name];
                  return (
                    <Cell key={which}>
                      <label htmlFor={id} className="sr-only">
                        {channel} {which === "inactiveAfterMinutes" ? "inactive after (minutes)" : "closed after (minutes)"}
                      </label>
                      <Input
                        id={id}
                        name={name}
                        inputMode="numeric"
                        value={values.timeouts[name]}
                        onChange={(event) => setTimeoutValue(name, event.target.value)}
                        invalid={Boolean(error)}
                        className="w-32"
                        autoComplete="off"
                      />
                      {error ? (
                        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700" role="alert">
                          {error}
                        </p>
                      ) : null}
                    </Cell>
                  );
                })}
              </tr>
            ))}
          </TableBody>
        </Table>
      </Card>

      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
        <p className="text-xs text-slate-500">Version {version}. Saving changes the store for the API too.</p>
      </div>
    </form>
  );
}
