"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleResult, type ActionResult } from "@/lib/console/action-result";
import { roles } from "@/lib/auth/roles";

/** What the create action answers with; a generated password is in it this once. */
export type NewUser = { userId: string; email: string; generatedPassword: string | null };

export function CreateUserForm({ action }: { action: (previous: ActionResult<NewUser>, formData: FormData) => Promise<ActionResult<NewUser>> }) {
  const [state, formAction] = useActionState(action, idleResult);
  const [dismissedUserId, setDismissedUserId] = useState<string | null>(null);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const created = state.status === "success" && state.data.userId !== dismissedUserId ? state.data : null;

  return (
    <div className="space-y-4">
      {created ? (
        created.generatedPassword ? (
          <Alert tone="warning" title={`${created.email} can now sign in`}>
            <p>Give them this initial password through a safe channel. It is shown only now.</p>
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <code data-testid="new-user-password" className="select-all rounded-md bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-amber-300">
                {created.generatedPassword}
              </code>
              <CopyButton value={created.generatedPassword} label="Copy password" />
              <Button variant="ghost" size="sm" onClick={() => setDismissedUserId(created.userId)}>
                Done
              </Button>
            </div>
          </Alert>
        ) : (
          <Alert tone="success">{created.email} can now sign in with the password you set.</Alert>
        )
      ) : null}
      <form action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-start" aria-label="Add a user">
        <Field id="user-email" label="Email" error={fieldErrors.email}>
          <Input id="user-email" name="email" type="email" required autoComplete="off" invalid={Boolean(fieldErrors.email)} />
        </Field>
        <Field id="user-name" label="Name (optional)" error={fieldErrors.name}>
          <Input id="user-name" name="name" maxLength={100} autoComplete="off" invalid={Boolean(fieldErrors.name)} />
        </Field>
        <Field id="user-role" label="Role" error={fieldErrors.role}>
          <Select id="user-role" name="role" defaultValue="AGENT" invalid={Boolean(fieldErrors.role)}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="user-password" label="Initial password" error={fieldErrors.password} hint="Leave empty to generate one.">
          <Input id="user-password" name="password" type="password" autoComplete="new-password" minLength={8} invalid={Boolean(fieldErrors.password)} hasHint />
        </Field>
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
        </div>
      </form>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
