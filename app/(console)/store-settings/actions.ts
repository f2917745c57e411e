"use server";

import { revalidatePath } from "next/cache";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { parseStoreSettingsForm } from "@/lib/console/store-settings-form";
import { isAppError } from "@/lib/errors";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { updateStore } from "@/lib/stores/update-store";
import { requireConsoleActor } from "../console-session";

export type SavedStoreSettings = { version: number };

const STALE_SETTINGS_MESSAGE =
  "These settings were changed by someone else after you opened this page, so your changes were not saved. Reload the page to see the current settings, then make your change again.";

/**
 * Saves the store settings form (ADMIN): the same PATCH as the Stores API, validated by its
 * schema, refused when the store's version is no longer the one the form was loaded with.
 */
export async function updateStoreSettingsAction(_previous: ActionResult<SavedStoreSettings>, formData: FormData): Promise<ActionResult<SavedStoreSettings>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, expectedVersion, patch } = parseStoreSettingsForm(formData);
    await getStoreOrThrow({ storeId, actor });
    const store = await updateStore({ storeId, patch, expectedVersion, actor });
    revalidatePath("/store-settings");
    return { status: "success", message: `Settings saved (version ${store.version})`, data: { version: store.version } };
  } catch (error) {
    if (isAppError(error) && error.kind === "precondition_failed") return { status: "error", message: STALE_SETTINGS_MESSAGE, fieldErrors: {} };
    // The only conflict a store update raises is a name another store already has.
    if (isAppError(error) && error.kind === "conflict") return { status: "error", message: error.message, fieldErrors: { displayName: error.message } };
    return toActionFailure(error);
  }
}
