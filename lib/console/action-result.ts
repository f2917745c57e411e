import { ZodError } from "zod";
import { isAppError } from "../errors";

/** What a console server action answers: the form shows `message` and each field's error. */
export type ActionFailure = { status: "error"; message: string; fieldErrors: Record<string, string> };
export type ActionResult<TData = undefined> = { status: "idle" } | ActionFailure | { status: "success"; message?: string; data: TData };

export const idleResult = { status: "idle" } as const;

/**
 * Turns what a domain call threw into a message a person can act on: the AppError's own message
 * and field details, zod's issues per field. Anything else is a bug: logged, never shown raw.
 */
export function toActionFailure(error: unknown): ActionFailure {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = issue.path.join(".") || "form";
      fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: "Please correct the highlighted fields.", fieldErrors };
  }
  if (isAppError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const detail of error.details ?? []) fieldErrors[detail.path] ??= detail.message;
    return { status: "error", message: error.message, fieldErrors };
  }
  console.error("Console action failed", error);
  return { status: "error", message: "Something went wrong. Please try again.", fieldErrors: {} };
}
