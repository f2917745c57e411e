"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { generatePassword } from "@/lib/console/generate-password";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { userCreateSchema } from "@/lib/users/user-schemas";
import type { NewUser } from "@/components/users/create-user-form";
import { requireConsoleActor } from "../console-session";

/** Creates a console user; with no password given, generates one and answers it (shown once). */
export async function createUserAction(_previous: ActionResult<NewUser>, formData: FormData): Promise<ActionResult<NewUser>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const typedPassword = String(formData.get("password") ?? "");
    const generatedPassword = typedPassword === "" ? generatePassword() : null;
    const input = userCreateSchema.parse({
      email: formData.get("email"),
      name: formData.get("name") || undefined,
      role: formData.get("role"),
      password: generatedPassword ?? typedPassword,
    });
    const user = await createUser({ ...input, actor });
    revalidatePath("/users");
    return { status: "success", data: { userId: user.id, email: user.email, generatedPassword } };
  } catch (error) {
    return toActionFailure(error);
  }
}

const userIdField = z.string().min(1).max(64);

/**
 * An admin may not demote or disable their own account from the console: it would lock them
 * out mid-session. Another admin does it (the domain still keeps one active admin).
 */
function refuseSelfChange(actorId: string | null, userId: string, what: string): void {
  if (actorId === userId) throw new AppError("forbidden", `You cannot ${what} your own account; ask another admin`);
}

const changeRoleSchema = z.object({ userId: userIdField, role: z.enum(roles) });

export async function changeUserRoleAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { userId, role } = changeRoleSchema.parse({ userId: formData.get("userId"), role: formData.get("role") });
    refuseSelfChange(actor.id, userId, "change the role of");
    await updateUser({ userId, role, actor });
    revalidatePath("/users");
    return { status: "success", message: "Role changed", data: undefined };
  } catch (error) {
    return toActionFailure(error);
  }
}

const setDisabledSchema = z.object({ userId: userIdField, disabled: z.enum(["true", "false"]).transform((value) => value === "true") });

export async function setUserDisabledAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { userId, disabled } = setDisabledSchema.parse({ userId: formData.get("userId"), disabled: formData.get("disabled") });
    refuseSelfChange(actor.id, userId, "disable");
    await updateUser({ userId, disabled, actor });
    revalidatePath("/users");
    return { status: "success", message: disabled ? "User disabled" : "User enabled", data: undefined };
  } catch (error) {
    return toActionFailure(error);
  }
}
