import type { ActionFailure, ActionResult } from "@/lib/console/action-result";

/** A failed action, thrown so TanStack Query sees an error; keeps the field errors for the form. */
export class ActionError extends Error {
  constructor(readonly failure: ActionFailure) {
    super(failure.message);
  }
}

/** The data of a successful server action; throws ActionError for a failed one (query and mutation functions use it). */
export function unwrapAction<T>(result: ActionResult<T>): T {
  if (result.status === "error") throw new ActionError(result);
  if (result.status === "idle") throw new Error("The action did not run");
  return result.data;
}
