import { AppError, twilioCodes } from "../errors";

/** An opaque, quoted ETag for one version of one resource. */
export function formatEtag(resourceId: string, version: number): string {
  return `"${Buffer.from(JSON.stringify({ id: resourceId, v: version })).toString("base64url")}"`;
}

/**
 * The version an `If-Match` header asks for: undefined when absent or `*` (Twilio makes it
 * optional). A tag that is not one of ours for this resource can never match: 412 at once.
 * The comparison with the current version happens in the domain write, inside its transaction.
 */
export function parseIfMatch(ifMatch: string | null, resourceId: string): number | undefined {
  if (ifMatch === null || ifMatch.trim() === "" || ifMatch.trim() === "*") return undefined;
  const tag = ifMatch.split(",")[0].trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  try {
    const decoded = JSON.parse(Buffer.from(tag, "base64url").toString("utf8")) as { id?: unknown; v?: unknown };
    if (decoded.id === resourceId && typeof decoded.v === "number" && Number.isInteger(decoded.v)) return decoded.v;
  } catch {
    // not one of our tags
  }
  throw new AppError("precondition_failed", "If-Match does not match the resource's ETag: read it again and retry", { code: twilioCodes.versionConflict });
}
