import { AppError, twilioCodes } from "./errors";

/** Optimistic concurrency: a write that names a version must find exactly that version. */
export function assertExpectedVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError("precondition_failed", "The resource changed since you read it (version mismatch): read it again and retry", {
      code: twilioCodes.versionConflict,
    });
  }
}
