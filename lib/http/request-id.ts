import { randomBytes } from "node:crypto";

/** A Twilio-style request id (`RQ` + 32 hex), sent back on every response. */
export function newRequestId(): string {
  return `RQ${randomBytes(16).toString("hex")}`;
}

export const REQUEST_ID_HEADERS = ["Twilio-Request-Id", "X-Request-Id"] as const;
