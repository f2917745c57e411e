"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiKeyCreateSchema } from "@/lib/auth/api-key-schemas";
import { createApiKey } from "@/lib/auth/create-api-key";
import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import type { NewApiKey } from "@/components/api-keys/create-api-key-form";
import { requireConsoleActor } from "../console-session";

/** Creates a key; its `keyId:secret` is in the answer, the only time it is ever shown. */
export async function createApiKeyAction(_previous: ActionResult<NewApiKey>, formData: FormData): Promise<ActionResult<NewApiKey>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const input = apiKeyCreateSchema.parse({
      name: formData.get("name"),
      role: formData.get("role"),
      // The form's "All stores" option is the empty value.
      storeId: formData.get("storeId") || null,
    });
    const key = await createApiKey({ ...input, actor });
    revalidatePath("/api-keys");
    return { status: "success", data: { keyId: key.id, name: key.name, credentials: key.credentials } };
  } catch (error) {
    return toActionFailure(error);
  }
}

const revokeApiKeySchema = z.object({ keyId: z.string().min(1).max(64) });

export async function revokeApiKeyAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { keyId } = revokeApiKeySchema.parse({ keyId: formData.get("keyId") });
    await revokeApiKey({ keyId, actor });
    revalidatePath("/api-keys");
    return { status: "success", message: "Key revoked", data: undefined };
  } catch (error) {
    return toActionFailure(error);
  }
}
