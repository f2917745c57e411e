import { getPrisma } from "../db/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { recordGuardExclusions, type GuardExclusion } from "./record-guard-exclusions";
import { screenSensitiveContent } from "./screen-sensitive-content";

export type ScreenEditedContentOptions = {
  storeId: string;
  resourceType: GuardExclusion["resourceType"];
  /** Finds the edited resource (404/301 as its reads do) and answers whose it is. */
  findProfileId(tx: Tx): Promise<string>;
  actor: Actor;
  requestId?: string;
};

/**
 * The guard on an edit (PATCH of an observation or a summary): the new content as it may be
 * stored — unchanged, or with a card number or a sensitive sentence removed — or a 400 when it is
 * about special-category data. A refusal or redaction is recorded (categories only) even though
 * the edit itself may store nothing. `undefined` (no new content) passes through.
 */
export async function screenEditedContent(content: string | undefined, { storeId, resourceType, findProfileId, actor, requestId }: ScreenEditedContentOptions): Promise<string | undefined> {
  if (content === undefined) return undefined;
  const verdict = screenSensitiveContent(content);
  if (verdict.outcome === "keep") return content;
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const profileId = await findProfileId(tx);
    await recordGuardExclusions(tx, { storeId, profileId, exclusions: [{ resourceType, outcome: verdict.outcome, categories: verdict.categories }], origin: { source: "api" }, actor, requestId });
  });
  if (verdict.outcome === "redact") return verdict.text;
  const categories = verdict.categories.join(", ");
  throw new AppError("bad_request", `The content holds data Kith does not store (${categories})`, { details: [{ path: "content", message: `special-category or payment data: ${categories}` }] });
}
