"use client";

import { useActionState, useState } from "react";
import { updateTraitAction, type TraitEditResult } from "@/app/(console)/profiles/[profileId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleResult, type ActionResult } from "@/lib/console/action-result";

export type TraitRow = {
  groupName: string;
  name: string;
  dataType: "STRING" | "NUMBER" | "BOOLEAN" | "ARRAY";
  description: string | null;
  promotesTo: string | null;
  value: unknown;
  source: string | null;
  updatedAt: string | null;
};

function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

const hints: Record<TraitRow["dataType"], string> = {
  STRING: "Text. Leave blank to remove.",
  NUMBER: "A number. Leave blank to remove.",
  BOOLEAN: "true or false. Leave blank to remove.",
  ARRAY: "Items separated by commas. Leave blank to remove.",
};

/** One trait: its value, and for those who may edit, an inline form validated by the trait's definition. */
export function TraitEditor({ profileId, trait, canEdit }: { profileId: string; trait: TraitRow; canEdit: boolean }) {
  const [isEditing, setEditing] = useState(false);
  const [state, formAction] = useActionState<ActionResult<TraitEditResult>, FormData>(async (previous, formData) => {
    const result = await updateTraitAction(previous, formData);
    if (result.status === "success") setEditing(false);
    return result;
  }, idleResult);
  const inputId = `trait-${trait.groupName}-${trait.name}`;
  const label = `${trait.groupName}.${trait.name}`;

  return (
    <div className="grid grid-cols-1 gap-2 py-2.5 sm:grid-cols-[12rem_1fr]" data-testid={`trait-${label}`}>
      <div>
        <p className="text-sm font-medium text-slate-800">{trait.name}</p>
        <p className="text-xs text-slate-500">
          {trait.dataType.toLowerCase()}
          {trait.promotesTo ? ` · becomes a ${trait.promotesTo} identifier` : ""}
        </p>
      </div>
      {isEditing ? (
        <form action={formAction} className="space-y-2" aria-label={`Edit ${label}`}>
          <input type="hidden" name="profileId" value={profileId} />
          <input type="hidden" name="groupName" value={trait.groupName} />
          <input type="hidden" name="traitName" value={trait.name} />
          <input type="hidden" name="dataType" value={trait.dataType} />
          <label htmlFor={inputId} className="sr-only">
            {label}
          </label>
          <div className="flex flex-wrap items-start gap-2">
            <Input
              id={inputId}
              name="value"
              defaultValue={displayValue(trait.value)}
              invalid={Boolean(state.status === "error" && state.fieldErrors.value)}
              hasHint
              className="max-w-md flex-1"
              autoFocus
              onKeyDown={(event) => {
                if (event.key === "Escape") setEditing(false);
              }}
            />
            <SubmitButton size="sm" pendingLabel="Saving…">
              Save
            </SubmitButton>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
          {state.status === "error" ? (
            <p id={`${inputId}-error`} role="alert" className="text-xs font-medium text-red-700">
              {state.fieldErrors.value ?? state.message}
            </p>
          ) : (
            <p id={`${inputId}-hint`} className="text-xs text-slate-500">
              {trait.description ? `${trait.description} · ` : ""}
              {hints[trait.dataType]}
            </p>
          )}
        </form>
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            {trait.value === undefined ? (
              <span className="text-sm text-slate-400">Not set</span>
            ) : (
              <span className="break-words text-sm text-slate-900" data-testid="trait-value">
                {displayValue(trait.value)}
              </span>
            )}
            {trait.source ? (
              <p className="text-xs text-slate-500">
                from {trait.source}
                {trait.updatedAt ? ` · ${trait.updatedAt}` : ""}
              </p>
            ) : null}
            {state.status === "success" && state.message ? (
              <Alert tone={state.data.profileId !== profileId || state.data.conflicts.length ? "warning" : "success"} className="mt-2 py-1.5">
                {state.message}
                {state.data.conflicts.map((conflict) => (
                  <p key={conflict}>{conflict}</p>
                ))}
              </Alert>
            ) : null}
          </div>
          {canEdit ? (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>
              Edit
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
