"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { CURRENT_STORE_COOKIE, requireConsoleActor } from "./console-session";

const selectStoreSchema = z.object({ storeId: z.string().trim().min(1).max(64) });

/** Remembers the store the console shows (only one the user may see), then re-renders. */
export async function selectStore(formData: FormData): Promise<void> {
  const actor = await requireConsoleActor("AGENT");
  const { storeId } = selectStoreSchema.parse({ storeId: formData.get("storeId") });
  await getStoreOrThrow({ storeId, actor });
  (await cookies()).set(CURRENT_STORE_COOKIE, storeId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}

export async function signOutOfConsole(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
