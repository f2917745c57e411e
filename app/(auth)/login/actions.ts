"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/next-auth";
import { safeRedirectPath } from "@/lib/console/safe-redirect-path";
import type { LoginState } from "@/components/auth/login-form";

const loginSchema = z.object({
  email: z.string().trim().email("Enter the email address you sign in with"),
  password: z.string().min(1, "Enter your password").max(200),
  callbackUrl: z.string().max(2000).optional(),
});

/**
 * Signs in with email and password. On success Auth.js sets the session cookie and redirects
 * (by throwing Next's redirect, which must pass through); a wrong pair answers one message that
 * never says which half was wrong.
 */
export async function logIn(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    callbackUrl: formData.get("callbackUrl") || undefined,
  });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Enter your email and password" };
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) return { status: "error", message: "Wrong email or password." };
    throw error;
  }
  return { status: "idle" };
}
