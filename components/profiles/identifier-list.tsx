"use client";

import { useActionState, useRef, useEffect } from "react";
import { addIdentifierAction, removeIdentifierAction, type IdentifierChangeResult } from "@/app/(console)/profiles/[profileId]/actions";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { idleResult, type ActionResult } from "@/lib/console/action-result";

export type IdentifierRow = { id: string; idType: string; value: string; source: string; createdAt: string };

const sourceLabels: Record<string, string> = {
  API: "added through the API or console",
  CONVERSATION: "from a conversation",
  WEBHOOK: "from a Twilio message",
  TRAIT_PROMOTION: "promoted from a trait",
  MERGE: "moved here by a merge",
  IMPORT: "imported",
};

/** The profile's identifiers with when and how each arrived; admins add and remove them. */
export function IdentifierList({ profileId, identifiers, identifierTypes, canEdit }: { profileId: string; identifiers: IdentifierRow[]; identifierTypes: string[]; canEdit: boolean }) {
  const [state, formAction] = useActionState<ActionResult<IdentifierChangeResult>, FormData>(addIdentifierAction, idleResult);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);

  return (
    <div className="space-y-4">
      {identifiers.length === 0 ? (
        <p className="text-sm text-slate-500">No identifiers: nothing links this profile to a phone, email or account yet.</p>
      ) : (
        <Table caption="Identifiers">
          <TableHead>
            <HeaderCell>Type</HeaderCell>
            <HeaderCell>Value</HeaderCell>
            <HeaderCell>Arrived</HeaderCell>
            {canEdit ? <HeaderCell className="sr-only">Actions</HeaderCell> : null}
          </TableHead>
          <TableBody>
            {identifiers.map((identifier) => (
              <tr key={identifier.id} data-testid={`identifier-${identifier.idType}-${identifier.value}`}>
                <Cell className="text-xs uppercase tracking-wide text-slate-500">{identifier.idType}</Cell>
                <Cell className="font-mono text-xs text-slate-900">{identifier.value}</Cell>
                <Cell className="text-xs">
                  {identifier.createdAt}
                  <span className="block text-slate-500">{sourceLabels[identifier.source] ?? identifier.source}</span>
                </Cell>
                {canEdit ? (
                  <Cell className="text-right">
                    <ConfirmDialog
                      triggerLabel="Remove"
                      triggerAccessibleLabel={`Remove ${identifier.idType} ${identifier.value}`}
                      title={`Remove ${identifier.value}?`}
                      description={<p>Records arriving with this {identifier.idType} will no longer find this profile (they may create a new one). The removal is audited.</p>}
                      confirmLabel="Remove identifier"
                      action={removeIdentifierAction}
                      fields={{ profileId, idType: identifier.idType, value: identifier.value }}
                    />
                  </Cell>
                ) : null}
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      {canEdit ? (
        <form ref={formRef} action={formAction} className="flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-3" aria-label="Add an identifier">
          <input type="hidden" name="profileId" value={profileId} />
          <Field id="new-identifier-type" label="Type" className="w-36">
            <Select id="new-identifier-type" name="idType" defaultValue={identifierTypes.includes("email") ? "email" : identifierTypes[0]}>
              {identifierTypes.map((idType) => (
                <option key={idType} value={idType}>
                  {idType}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="new-identifier-value" label="Value" className="min-w-56 flex-1" error={state.status === "error" ? (state.fieldErrors.value ?? state.fieldErrors.idType) : undefined}>
            <Input id="new-identifier-value" name="value" autoComplete="off" invalid={state.status === "error" && Boolean(state.fieldErrors.value)} />
          </Field>
          <SubmitButton pendingLabel="Adding…">Add identifier</SubmitButton>
          <p className="basis-full text-xs text-slate-500">
            Added through identity resolution: a value another profile holds merges the two (or proposes the merge in review mode), and a blocking rule can refuse it.
          </p>
        </form>
      ) : null}
      {state.status === "error" && !state.fieldErrors.value ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone={state.data.outcome === "attach" || state.data.outcome === "create" ? "success" : "warning"}>{state.message}</Alert> : null}
    </div>
  );
}
