"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type LoginState = { status: "idle" } | { status: "error"; message: string };

export type LoginFormProps = {
  action: (previous: LoginState, formData: FormData) => Promise<LoginState>;
  /** Where to go after signing in (checked again on the server). */
  callbackUrl: string;
  /** An error handed over in the URL by Auth.js (e.g. after an expired form). */
  initialError?: string;
};

export function LoginForm({ action, callbackUrl, initialError }: LoginFormProps) {
  const [state, formAction] = useActionState<LoginState, FormData>(action, initialError ? { status: "error", message: initialError } : { status: "idle" });
  // Controlled so that the email survives a failed attempt (React resets uncontrolled fields).
  const [email, setEmail] = useState("");
  return (
    <form action={formAction} className="space-y-5" aria-label="Sign in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
