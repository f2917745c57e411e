"use client";

import { useActionState, useRef, useState, useTransition } from "react";
import { eraseProfileAction, exportProfileAction } from "@/app/(console)/profiles/[profileId]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleResult, type ActionResult } from "@/lib/console/action-result";

/** Export (a JSON download of everything held about the person) and erase (after typing their name or id). */
export function ProfileAdminActions({ profileId, displayName }: { profileId: string; displayName: string | null }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [isExporting, startExport] = useTransition();
  // On success the action redirects to the list; it only answers when the erase was refused.
  const [state, formAction] = useActionState<ActionResult, FormData>(eraseProfileAction, idleResult);
  const expected = displayName ?? profileId;

  function download() {
    setExportError(null);
    startExport(async () => {
      const result = await exportProfileAction(profileId);
      if (result.status !== "success") {
        setExportError(result.status === "error" ? result.message : "Export failed");
        return;
      }
      const url = URL.createObjectURL(new Blob([result.data.json], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = result.data.fileName;
      link.click();
      URL.revokeObjectURL(url);
    });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button variant="secondary" onClick={download} disabled={isExporting}>
          {isExporting ? "Exporting…" : "Export JSON"}
        </Button>
        <Button variant="danger" onClick={() => dialogRef.current?.showModal()}>
          Erase…
        </Button>
      </div>
      {exportError ? <Alert tone="error">{exportError}</Alert> : null}
      <dialog ref={dialogRef} aria-labelledby="erase-title" className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50">
        <form action={formAction} className="space-y-4 p-6">
          <input type="hidden" name="profileId" value={profileId} />
          <h2 id="erase-title" className="text-lg font-semibold text-slate-900">
            Erase {expected}?
          </h2>
          <div className="space-y-2 text-sm text-slate-600">
            <p>
              Deletes this person’s traits, identifiers, observations, summaries, merge and resolution records, and the ids merged into them. Their conversations stay for the other participants, without a link to
              this profile. This cannot be undone.
            </p>
          </div>
          <Field id="erase-confirmation" label={`Type ${displayName ? "the display name" : "the profile id"} to confirm`} hint={expected} error={state.status === "error" ? (state.fieldErrors.confirmation ?? state.message) : undefined}>
            <Input id="erase-confirmation" name="confirmation" autoComplete="off" hasHint invalid={state.status === "error"} />
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Erasing…">
              Erase profile
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
