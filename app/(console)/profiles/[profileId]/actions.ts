"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { AppError } from "@/lib/errors";
import { addProfileIdentifier } from "@/lib/profiles/add-profile-identifier";
import { eraseProfile } from "@/lib/profiles/erase-profile";
import { exportProfile } from "@/lib/profiles/export-profile";
import { findProfileOrThrow } from "@/lib/profiles/find-profile-or-throw";
import { removeProfileIdentifiers } from "@/lib/profiles/remove-profile-identifiers";
import { updateProfileTraits } from "@/lib/profiles/update-profile-traits";
import { getPrisma } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { recall } from "@/lib/recall/recall";
import type { RecallResult } from "@/lib/recall/recall-views";
import { MAX_RECALL_QUERY_CHARS } from "@/lib/recall/recall-limits";
import { profileRoles } from "@/lib/console/profile-roles";
import { getStoreSelection, requireConsoleActor } from "../../console-session";

// The profile page's actions; each checks its role (lib/console/profile-roles.ts) on the server.

const profileIdSchema = z.string().trim().min(1).max(64);

/** The acting user and the store the console shows: every profile action works in that store only. */
async function actInCurrentStore(minimumRole: Role): Promise<{ actor: Actor; storeId: string }> {
  const actor = await requireConsoleActor(minimumRole);
  const { current } = await getStoreSelection(actor);
  if (!current) throw new AppError("not_found", "No memory store is selected");
  return { actor, storeId: current.id };
}

export type TraitEditResult = { profileId: string; outcome: string; conflicts: string[] };

const traitEditSchema = z.object({
  profileId: profileIdSchema,
  groupName: z.string().min(1).max(100),
  traitName: z.string().min(1).max(100),
  dataType: z.enum(["STRING", "NUMBER", "BOOLEAN", "ARRAY"]),
  value: z.string().max(10_000),
});

/** The form's text as the trait's type: blank removes the trait; an array is one item per line or comma. */
function parseTraitInput(dataType: "STRING" | "NUMBER" | "BOOLEAN" | "ARRAY", text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  switch (dataType) {
    case "STRING":
      return text;
    case "NUMBER": {
      const number = Number(trimmed);
      if (!Number.isFinite(number)) throw new AppError("bad_request", "Invalid traits", { details: [{ path: "value", message: "must be a number" }] });
      return number;
    }
    case "BOOLEAN":
      if (trimmed !== "true" && trimmed !== "false") throw new AppError("bad_request", "Invalid traits", { details: [{ path: "value", message: "must be true or false" }] });
      return trimmed === "true";
    case "ARRAY":
      return trimmed
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean);
  }
}

/** Sets (or, when blank, removes) one trait through PATCH's own path, with its identity consequences. */
export async function updateTraitAction(_previous: ActionResult<TraitEditResult>, formData: FormData): Promise<ActionResult<TraitEditResult>> {
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.edit);
    const input = traitEditSchema.parse(Object.fromEntries(formData));
    const value = parseTraitInput(input.dataType, input.value);
    const result = await updateProfileTraits({ storeId, profileId: input.profileId, traits: { [input.groupName]: { [input.traitName]: value } }, actor, source: "CONSOLE" });
    revalidatePath(`/profiles/${input.profileId}`);
    if (result.profileId !== input.profileId) revalidatePath(`/profiles/${result.profileId}`);
    const message =
      result.profileId !== input.profileId
        ? `Saved. The new value belonged to another profile: this profile was merged into ${result.profileId}.`
        : result.outcome === "propose"
          ? "Saved. The new value belongs to another profile too: a merge was proposed for review."
          : value === null
            ? "Removed."
            : "Saved.";
    return { status: "success", message, data: { profileId: result.profileId, outcome: result.outcome, conflicts: result.conflicts } };
  } catch (error) {
    const failure = toActionFailure(error);
    // The domain names the field `traits.Group.trait` (or `Group.trait`); the inline form has one field.
    const first = Object.values(failure.fieldErrors)[0];
    return first ? { ...failure, fieldErrors: { value: first } } : failure;
  }
}

export type IdentifierChangeResult = { profileId: string; attached: boolean; outcome: string; conflicts: string[]; normalizedValue: string };

const identifierAddSchema = z.object({ profileId: profileIdSchema, idType: z.string().trim().min(1).max(64), value: z.string().trim().min(1, "Enter a value").max(1024) });

/** Adds a value through identity resolution anchored on the profile: it may merge, be proposed, or be refused. */
export async function addIdentifierAction(_previous: ActionResult<IdentifierChangeResult>, formData: FormData): Promise<ActionResult<IdentifierChangeResult>> {
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.edit);
    const input = identifierAddSchema.parse(Object.fromEntries(formData));
    const result = await addProfileIdentifier({ storeId, ...input, actor });
    revalidatePath(`/profiles/${input.profileId}`);
    if (result.profileId !== input.profileId) revalidatePath(`/profiles/${result.profileId}`);
    const message = !result.attached
      ? `Not added: ${result.conflicts.join("; ") || "a rule kept the value off this profile"}.`
      : result.profileId !== input.profileId
        ? `Added ${result.normalizedValue}. It belonged to another profile, so this profile was merged into ${result.profileId}.`
        : result.outcome === "merge"
          ? `Added ${result.normalizedValue}; the profile that held it was merged into this one.`
          : result.outcome === "propose"
            ? `Added ${result.normalizedValue}. Another profile holds it too: a merge was proposed for review.`
            : `Added ${result.normalizedValue}.`;
    if (!result.attached) return { status: "error", message, fieldErrors: { value: message } };
    return { status: "success", message, data: result };
  } catch (error) {
    return toActionFailure(error);
  }
}

const identifierRemoveSchema = z.object({ profileId: profileIdSchema, idType: z.string().min(1).max(64), value: z.string().min(1).max(1024) });

export async function removeIdentifierAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.edit);
    const input = identifierRemoveSchema.parse(Object.fromEntries(formData));
    const removed = await removeProfileIdentifiers({ storeId, profileId: input.profileId, idType: input.idType, value: input.value, actor });
    revalidatePath(`/profiles/${input.profileId}`);
    return { status: "success", message: `Removed ${removed.join(", ")}`, data: undefined };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** Everything held about the person, as the API's Export answers it, for the browser to download. */
export async function exportProfileAction(profileId: string): Promise<ActionResult<{ fileName: string; json: string }>> {
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.export);
    const id = profileIdSchema.parse(profileId);
    const document = await exportProfile({ storeId, profileId: id, actor });
    return { status: "success", data: { fileName: `${id}.json`, json: JSON.stringify(document, null, 2) } };
  } catch (error) {
    return toActionFailure(error);
  }
}

const eraseSchema = z.object({ profileId: profileIdSchema, confirmation: z.string().trim().max(300) });

/** Erases the person once the typed confirmation equals their display name or their id. */
export async function eraseProfileAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let erased: string;
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.erase);
    const { profileId, confirmation } = eraseSchema.parse(Object.fromEntries(formData));
    const profile = await findProfileOrThrow(await getPrisma(), { storeId, profileId });
    if (confirmation !== profile.id && (!profile.displayName || confirmation !== profile.displayName)) {
      return { status: "error", message: "The confirmation does not match.", fieldErrors: { confirmation: `Type ${profile.displayName ? `“${profile.displayName}” or ` : ""}the profile id exactly` } };
    }
    await eraseProfile({ storeId, profileId: profile.id, actor });
    erased = profile.id;
  } catch (error) {
    return toActionFailure(error);
  }
  // Straight to the list: re-rendering this page would find the profile gone (a 404).
  revalidatePath("/profiles");
  redirect(`/profiles?erased=${encodeURIComponent(erased)}`);
}

const playgroundSchema = z.object({
  profileId: profileIdSchema,
  query: z.string().max(MAX_RECALL_QUERY_CHARS),
  searchCommunications: z.boolean(),
  relevanceThreshold: z.number().min(0).max(1),
});
export type RecallPlaygroundInput = z.input<typeof playgroundSchema>;

/** The recall playground: lib/recall's own ranking, with every item's explanation. */
export async function recallPlaygroundAction(input: RecallPlaygroundInput): Promise<ActionResult<RecallResult>> {
  try {
    const { actor, storeId } = await actInCurrentStore(profileRoles.recall);
    const { profileId, query, searchCommunications, relevanceThreshold } = playgroundSchema.parse(input);
    const result = await recall({ storeId, profileId, caller: actor, query, searchCommunications, relevanceThreshold, explain: true, observationsLimit: 10, summariesLimit: 5, communicationsLimit: 10 });
    return { status: "success", data: result };
  } catch (error) {
    return toActionFailure(error);
  }
}
