/**
 * Twilio answers control-plane writes with 202 `{message, statusUrl}` and an operation to poll.
 * Kith has already applied the write, so it answers the same way and adds the resource itself.
 */
/** `operationId` is the request id: GET /v1/ControlPlane/Operations/{it} finds the write's audit event. */
export function acceptedResponse(req: Request, message: string, operationId: string, resource: Record<string, unknown> = {}): Response {
  const statusUrl = new URL(`/v1/ControlPlane/Operations/${operationId}`, req.url).toString();
  return Response.json(
    { message, statusUrl, ...resource },
    { status: 202, headers: { "Operation-Id": operationId, Location: statusUrl, "Retry-After": "0" } },
  );
}
