"use client";

import { useActionState, useId } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Select } from "@/components/ui/field";
import { idleResult, type ActionResult } from "@/lib/console/action-result";
import { roles } from "@/lib/auth/roles";
import type { Role } from "@/lib/db/generated/enums";

export type ChangeRoleFormProps = {
  userId: string;
  email: string;
  role: Role;
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
};

/** A user's role with a Save button; the domain's refusal (last admin…) shows under it. */
export function ChangeRoleForm({ userId, email, role, action }: ChangeRoleFormProps) {
  const [state, formAction] = useActionState(action, idleResult);
  const selectId = useId();
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role of {email}
        </label>
        <Select id={selectId} name="role" defaultValue={role} className="w-36 py-1.5">
          {roles.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
        <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…" aria-label={`Save role of ${email}`}>
          Save
        </SubmitButton>
      </div>
      {state.status === "error" ? (
        <p role="alert" className="max-w-56 text-xs font-medium text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
