"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { idleResult, type ActionResult } from "@/lib/console/action-result";
import { Alert } from "./alert";
import { Button, type ButtonVariant } from "./button";
import { SubmitButton } from "./submit-button";

export type ConfirmDialogProps = {
  /** The button that opens the dialog. */
  triggerLabel: string;
  /** A fuller name for the trigger when the visible label is ambiguous ("Revoke" → "Revoke key CI"). */
  triggerAccessibleLabel?: string;
  triggerVariant?: ButtonVariant;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  /** The server action run on confirmation, with `fields` as its form data. */
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  fields: Record<string, string>;
};

/**
 * A confirmation step for a destructive action, on the native <dialog> (focus is trapped and
 * Escape cancels). The dialog stays open with the error when the action fails.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerAccessibleLabel,
  triggerVariant = "secondary",
  title,
  description,
  confirmLabel,
  tone = "danger",
  action,
  fields,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, formAction] = useActionState(action, idleResult);

  useEffect(() => {
    if (state.status === "success") dialogRef.current?.close();
  }, [state]);

  return (
    <>
      <Button variant={triggerVariant} size="sm" aria-label={triggerAccessibleLabel} onClick={() => dialogRef.current?.showModal()}>
        {triggerLabel}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50"
      >
        <form action={formAction} className="space-y-4 p-6">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-600">{description}</div>
          {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant={tone} pendingLabel="Working…">
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
