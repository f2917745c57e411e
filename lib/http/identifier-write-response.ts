import { AppError } from "../errors";

type IdentifierWrite = { profileId: string; normalizedValue: string; attached: boolean; outcome: string; conflicts: string[] };

/**
 * Twilio's 202 for an identifier write, plus what happened: the profile that holds the value now
 * (the survivor, after a merge) and the outcome. A value a rule kept off the profile (it belongs
 * to a profile with another user_id, say) is a 409 that says why; the decision is on record.
 */
export function identifierWriteResponse(result: IdentifierWrite, message: string): Response {
  if (!result.attached) {
    throw new AppError("conflict", `The value was not added: ${result.conflicts.join("; ") || "an identity rule kept it off this profile"}`);
  }
  return Response.json(
    { message, profileId: result.profileId, normalizedValue: result.normalizedValue, outcome: result.outcome, conflicts: result.conflicts },
    { status: 202, headers: { "Canonical-Profile-Id": result.profileId } },
  );
}
