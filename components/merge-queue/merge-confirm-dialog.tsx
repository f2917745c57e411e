"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type MergeConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  isWorking: boolean;
  /** The confirm button is off (the dialog's text says why). */
  isConfirmDisabled?: boolean;
  onConfirm(): void;
  onCancel(): void;
};

/**
 * Asks before approving (which folds one profile into another) or undoing a merge, on the native
 * <dialog>: focus is trapped and Escape cancels. While the action runs the buttons say so and
 * cannot be pressed twice.
 */
export function MergeConfirmDialog({ open, title, children, confirmLabel, tone = "primary", isWorking, isConfirmDisabled = false, onConfirm, onCancel }: MergeConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onCancel={(event) => {
        if (isWorking) event.preventDefault();
      }}
      onClose={() => {
        if (open) onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div className="space-y-2 text-sm text-slate-600">{children}</div>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onCancel} disabled={isWorking}>
            Cancel
          </Button>
          <Button variant={tone} onClick={onConfirm} disabled={isWorking || isConfirmDisabled} aria-busy={isWorking}>
            {isWorking ? "Working…" : confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
