/**
 * The one error type domain code throws. Only lib/http turns it into a response, using the table
 * below: an HTTP status and a Twilio-style numeric error code per kind of failure.
 */
export const errorKinds = {
  bad_request: { status: 400, code: 520046 },
  unauthorized: { status: 401, code: 20003 },
  forbidden: { status: 403, code: 20403 },
  not_found: { status: 404, code: 20404 },
  method_not_allowed: { status: 405, code: 20004 },
  conflict: { status: 409, code: 20409 },
  precondition_failed: { status: 412, code: 20412 },
  payload_too_large: { status: 413, code: 20413 },
  unprocessable: { status: 422, code: 20422 },
  rate_limited: { status: 429, code: 20429 },
  unavailable: { status: 503, code: 20503 },
  internal: { status: 500, code: 20500 },
} as const;

export type ErrorKind = keyof typeof errorKinds;

/** A field-level problem with the input, as returned in a 400's `details`. */
export type FieldIssue = { path: string; message: string };

/**
 * Twilio's product-specific codes where its Memory API documents one (docs/reference); the
 * kind's generic code otherwise.
 */
export const twilioCodes = {
  storeNotFound: 520041,
  versionConflict: 520043,
  storeNameTaken: 520045,
  invalidRequest: 520046,
  traitGroupNotFound: 520047,
  traitGroupNameTaken: 520055,
} as const;

export type AppErrorOptions = { code?: number; details?: FieldIssue[] };

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly details?: FieldIssue[];
  readonly code: number;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.details = options.details;
    this.code = options.code ?? errorKinds[kind].code;
  }

  get status(): number {
    return errorKinds[this.kind].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * The profile id names a profile that was merged into another. Not a failure: lib/http answers
 * 301 (reads) or 308 (writes) with `Location` and `Canonical-Profile-Id`, as Twilio does.
 */
export class ProfileMovedError extends Error {
  readonly canonicalProfileId: string;

  constructor(
    readonly profileId: string,
    canonicalProfileId: string,
  ) {
    super(`Profile ${profileId} was merged into ${canonicalProfileId}`);
    this.name = "ProfileMovedError";
    this.canonicalProfileId = canonicalProfileId;
  }
}
