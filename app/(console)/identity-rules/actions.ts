"use server";

import { z } from "zod";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { isAppError } from "@/lib/errors";
import { dryRunIdentitySettings, DRY_RUN_MAX_RECORDS, type DryRunIdentitySettingsResult } from "@/lib/identity/dry-run-identity-settings";
import { identityResolutionSettingsSchema } from "@/lib/identity/identity-settings-schemas";
import type { IdentityResolutionSettingsView } from "@/lib/identity/identity-settings-view";
import { putIdentityResolutionSettings } from "@/lib/identity/put-identity-resolution-settings";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { requireConsoleActor } from "../console-session";

// The identity rules page's actions (ADMIN). Each checks the role itself: the page's guard does
// not protect an action's endpoint. The store is named by the page and checked against the actor.

const storeIdSchema = z.string().trim().min(1).max(64);

const dryRunSchema = z.strictObject({
  storeId: storeIdSchema,
  settings: z.unknown(),
  recordCount: z.number({ error: "Enter how many records to replay" }).int("Enter a whole number").min(1, "Replay at least 1 record").max(DRY_RUN_MAX_RECORDS, `Replay at most ${DRY_RUN_MAX_RECORDS.toLocaleString("en-US")} records`),
});

export type DryRunInput = z.input<typeof dryRunSchema>;

/** Replays recent traffic under the current and the edited rules; writes nothing. */
export async function dryRunIdentityRulesAction(input: DryRunInput): Promise<ActionResult<DryRunIdentitySettingsResult>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, settings, recordCount } = dryRunSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const edited = identityResolutionSettingsSchema.parse(settings);
    return { status: "success", data: await dryRunIdentitySettings({ storeId, settings: edited, recordCount, actor }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

const saveSchema = z.strictObject({
  storeId: storeIdSchema,
  settings: z.unknown(),
  /** The version the page loaded: the save is refused if someone saved since (If-Match). */
  expectedVersion: z.number().int().min(1),
});

export type SaveIdentityRulesInput = z.input<typeof saveSchema>;

/** Saves the edited rules if they are still the version the page loaded. */
export async function saveIdentityRulesAction(input: SaveIdentityRulesInput): Promise<ActionResult<IdentityResolutionSettingsView>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, settings, expectedVersion } = saveSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const edited = identityResolutionSettingsSchema.parse(settings);
    const saved = await putIdentityResolutionSettings({ storeId, settings: edited, expectedVersion, actor });
    // No revalidatePath: the editor takes the saved rules from this answer. A re-render would
    // remount it (it is keyed by version) and lose the confirmation it shows.
    return { status: "success", message: `Rules saved (version ${saved.version}).`, data: saved };
  } catch (error) {
    if (isAppError(error) && error.kind === "precondition_failed") {
      // `version` marks the failure as stale for the page (it offers a reload).
      return { status: "error", message: "Someone else changed these rules since you opened the page — reload to see their changes.", fieldErrors: { version: "stale" } };
    }
    return toActionFailure(error);
  }
}
