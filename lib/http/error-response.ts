import { ZodError } from "zod";
import { AppError, ProfileMovedError, errorKinds, type FieldIssue } from "../errors";
import { isUniqueViolation } from "../db/database-error";

/** Twilio's error body, plus `details` with field-level issues when the input was invalid. */
export type ErrorBody = { code: number; message: string; more_info: string; status: number; details?: FieldIssue[] };

function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/api/errors/${code}`;
}

function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

/** Maps any thrown value to Twilio's error shape; unexpected errors are logged, never echoed. */
export function toErrorBody(error: unknown, requestId: string): ErrorBody {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, more_info: moreInfo(error.code), status: error.status, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof ZodError) {
    const details = zodIssues(error);
    const { status, code } = errorKinds.bad_request;
    const summary = details.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    return { code, message: `Invalid request: ${summary}`, more_info: moreInfo(code), status, details };
  }
  // From the query builder (P2002) or from hand-written SQL on the hot paths (P2010, 23505) alike.
  if (isUniqueViolation(error)) {
    const { status, code } = errorKinds.conflict;
    return { code, message: "Conflict: the resource already exists", more_info: moreInfo(code), status };
  }
  console.error(`[${requestId}] unhandled error`, error);
  const { status, code } = errorKinds.internal;
  return { code, message: "Internal error", more_info: moreInfo(code), status };
}

/**
 * A merged-away profile id: 301 for reads, 308 for writes (the client repeats the same method and
 * body), with the canonical id in `Canonical-Profile-Id` and the same URL rewritten in `Location`.
 */
function profileMovedResponse(error: ProfileMovedError, req: Request): Response {
  const url = new URL(req.url);
  url.pathname = url.pathname.split("/").map((segment) => (segment === error.profileId ? error.canonicalProfileId : segment)).join("/");
  const status = req.method === "GET" || req.method === "HEAD" ? 301 : 308;
  return Response.json(
    { message: "This resource has moved.", uri: url.toString() },
    { status, headers: { Location: url.toString(), "Canonical-Profile-Id": error.canonicalProfileId } },
  );
}

export function errorResponse(error: unknown, requestId: string, req?: Request): Response {
  if (error instanceof ProfileMovedError && req) return profileMovedResponse(error, req);
  const body = toErrorBody(error, requestId);
  return Response.json(body, { status: body.status });
}
