// The console's one way to ask "who is signed in, may they be here, and which store are they in".
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/next-auth";
import type { Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { findActiveUserActor } from "@/lib/users/find-active-user";
import { listStores } from "@/lib/stores/list-stores";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import type { StoreView } from "@/lib/stores/store-view";
import { whenReady } from "@/lib/startup/readiness";
import { consoleAreas, type ConsoleArea, type ConsoleAreaKey } from "@/lib/console/console-areas";

/** The cookie that remembers which store the console shows. */
export const CURRENT_STORE_COOKIE = "kith-store";

export type ConsoleUser = { actor: Actor; email: string; name: string | null; role: Role };

/**
 * The signed-in console user, re-read from the database on every request so that a disabled
 * account or a changed role applies at once (the session cookie alone would keep them for 12 h).
 */
export const findConsoleUser = cache(async (): Promise<ConsoleUser | null> => {
  await whenReady();
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const actor = await findActiveUserActor(userId);
  if (!actor) return null;
  return { actor, email: actor.label, name: session.user.name ?? null, role: actor.role };
});

export type ConsoleAccess = { user: ConsoleUser; area: ConsoleArea; isAllowed: boolean };

/**
 * For a console page: sends a signed-out visitor to the login page (and back here afterwards);
 * says whether the signed-in user's role may open the area. Pages render the 403 state when not.
 */
export async function requireConsoleUser(areaKey: ConsoleAreaKey): Promise<ConsoleAccess> {
  const area = consoleAreas[areaKey];
  const user = await findConsoleUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(area.href)}`);
  return { user, area, isAllowed: hasRole(user, area.minimumRole) };
}

/**
 * For a server action: the acting user, or an AppError (which the action turns into a form
 * error). Actions check on their own: a page's guard does not protect the action's endpoint.
 */
export async function requireConsoleActor(minimumRole: Role): Promise<Actor> {
  const user = await findConsoleUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended: please sign in again");
  if (!hasRole(user, minimumRole)) throw new AppError("forbidden", `This needs the ${minimumRole} role`);
  return user.actor;
}

export type StoreSelection = { stores: StoreView[]; current: StoreView | null };

// The switcher lists the first page of stores; a remembered store beyond it is still honoured.
const SWITCHER_STORE_LIMIT = 100;

/**
 * The stores the user may switch between and the one the console shows: the remembered one
 * when it still exists and is visible to the user, else the first store.
 */
export const getStoreSelection = cache(async (actor: Actor): Promise<StoreSelection> => {
  const { items: stores } = await listStores({ actor, page: { pageSize: SWITCHER_STORE_LIMIT, orderBy: "ASC" } });
  const rememberedId = (await cookies()).get(CURRENT_STORE_COOKIE)?.value;
  if (!rememberedId) return { stores, current: stores[0] ?? null };
  const listed = stores.find((store) => store.id === rememberedId);
  if (listed) return { stores, current: listed };
  const remembered = await getStoreOrThrow({ storeId: rememberedId, actor }).catch(() => null);
  return remembered ? { stores: [...stores, remembered], current: remembered } : { stores, current: stores[0] ?? null };
});
