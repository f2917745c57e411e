import { randomBytes } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import type { Role } from "@/lib/db/generated/enums";
import { createUser } from "@/lib/users/create-user";

/**
 * Stand-ins for what a Next.js request gives a server action — the Auth.js session, the
 * request's cookies, the cache to revalidate — so tests can call the console's real actions as
 * a real user of the database. Only the request plumbing is replaced: the user is re-read from
 * the database and every role check runs as in production. Test files install them with
 *   vi.mock("@/lib/auth/next-auth", async () => (await import("../helpers/console-session-double")).nextAuthDouble);
 *   vi.mock("next/headers", async () => (await import("../helpers/console-session-double")).nextHeadersDouble);
 *   vi.mock("next/cache", async () => (await import("../helpers/console-session-double")).nextCacheDouble);
 */
const request = { userId: null as string | null, cookies: new Map<string, string>(), revalidatedPaths: [] as string[] };

/** Signs the next action calls in as this user (null: signed out); forgets cookies and revalidations. */
export function signInAs(userId: string | null): void {
  request.userId = userId;
  request.cookies.clear();
  request.revalidatedPaths.length = 0;
}

/** The cookies the action set, and the paths it revalidated. */
export function requestEffects(): { cookies: ReadonlyMap<string, string>; revalidatedPaths: readonly string[] } {
  return { cookies: request.cookies, revalidatedPaths: request.revalidatedPaths };
}

/** A new console user with this role (created by the system, as the first admin is). */
export async function createConsoleUser(role: Role): Promise<{ id: string; email: string }> {
  const user = await createUser({ email: `${role.toLowerCase()}-${randomBytes(5).toString("hex")}@console.test`, role, password: "console-test-password", actor: systemActor });
  return { id: user.id, email: user.email };
}

export const nextAuthDouble = {
  auth: async () => (request.userId ? { user: { id: request.userId, name: null, email: null }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
};

export const nextHeadersDouble = {
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => {
      request.cookies.set(name, value);
    },
    delete: (name: string) => {
      request.cookies.delete(name);
    },
  }),
  headers: async () => new Headers(),
};

export const nextCacheDouble = {
  revalidatePath: (path: string) => {
    request.revalidatedPaths.push(path);
  },
  revalidateTag: () => undefined,
};
