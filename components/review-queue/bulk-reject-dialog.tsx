"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";

/** Asks before rejecting many observations at once (native <dialog>: focus trapped, Escape cancels). */
export function BulkRejectDialog({ open, count, onConfirm, onCancel }: { open: boolean; count: number; onConfirm(): void; onCancel(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const noun = `${count} observation${count === 1 ? "" : "s"}`;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={() => {
        if (open) onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Reject {noun}?
        </h2>
        <p className="text-sm text-slate-600">
          Rejected observations are never recalled, and extraction will not add the same fact again. They stay in the store (and its audit trail) so a reviewer can see what was turned down.
        </p>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm}>
            Reject {noun}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
