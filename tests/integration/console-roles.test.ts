import { readdirSync } from "node:fs";
import path from "node:path";
import { isValidElement } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { idleResult } from "@/lib/console/action-result";
import { consoleAreas, type ConsoleArea } from "@/lib/console/console-areas";
import { hasRole, roles } from "@/lib/auth/roles";
import type { Role } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";
import { createConsoleUser, signInAs } from "../helpers/console-session-double";

vi.mock("@/lib/auth/next-auth", async () => (await import("../helpers/console-session-double")).nextAuthDouble);
vi.mock("next/headers", async () => (await import("../helpers/console-session-double")).nextHeadersDouble);
vi.mock("next/cache", async () => (await import("../helpers/console-session-double")).nextCacheDouble);

// SPEC §7 and issue 6 item 8: every console page and every server action checks the role on the
// server. This file finds them all on disk — a new page or action is covered without being listed
// here — and calls them as users of each role lower than they need, through the real session lookup
// (the user is read from the database) and the real guards.

const consoleDirectory = path.resolve(import.meta.dirname, "../../app/(console)");

function filesNamed(name: string): string[] {
  return (readdirSync(consoleDirectory, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === name)
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** The area whose folder holds the file (`profiles/[profileId]/actions.ts` → Profiles); null at the top. */
function areaOf(file: string): ConsoleArea | null {
  const folder = file.split("/")[0];
  if (folder === file) return null;
  const area = Object.values(consoleAreas).find((entry) => entry.href === `/${folder}`);
  if (!area) throw new Error(`${file} is in no console area: add its page to lib/console/console-areas.ts`);
  return area;
}

const rank = (role: Role) => roles.length - roles.indexOf(role);
const rolesBelow = (role: Role): Role[] => roles.filter((candidate) => !hasRole({ role: candidate }, role));

/**
 * Actions that need more than their page's role, or live outside any page, with arguments that
 * reach the guard and then fail validation (so calling them as an allowed user changes nothing).
 * Any other action must need at least its page's role.
 */
const formArgs = () => [idleResult, new FormData()];
const knownActions: Record<string, { role: Role; args: () => unknown[] } | "no role"> = {
  "actions.ts#selectStore": { role: "AGENT", args: () => [new FormData()] },
  // Signing out needs no role: anyone may end their own session.
  "actions.ts#signOutOfConsole": "no role",
  "profiles/[profileId]/actions.ts#updateTraitAction": { role: "ADMIN", args: formArgs },
  "profiles/[profileId]/actions.ts#addIdentifierAction": { role: "ADMIN", args: formArgs },
  "profiles/[profileId]/actions.ts#removeIdentifierAction": { role: "ADMIN", args: formArgs },
  "profiles/[profileId]/actions.ts#exportProfileAction": { role: "ADMIN", args: () => [""] },
  "profiles/[profileId]/actions.ts#eraseProfileAction": { role: "ADMIN", args: formArgs },
  "profiles/[profileId]/actions.ts#recallPlaygroundAction": { role: "AGENT", args: () => [{}] },
  "store-settings/actions.ts#updateStoreSettingsAction": { role: "ADMIN", args: formArgs },
  "review-queue/actions.ts#listPendingObservationsAction": { role: "SUPERVISOR", args: () => [{}] },
  "review-queue/actions.ts#countObservationsByStatusAction": { role: "SUPERVISOR", args: () => [{}] },
  "review-queue/actions.ts#reviewObservationsAction": { role: "SUPERVISOR", args: () => [{}] },
  "users/actions.ts#createUserAction": { role: "ADMIN", args: formArgs },
  "users/actions.ts#changeUserRoleAction": { role: "ADMIN", args: formArgs },
  "users/actions.ts#setUserDisabledAction": { role: "ADMIN", args: formArgs },
  "api-keys/actions.ts#createApiKeyAction": { role: "ADMIN", args: formArgs },
  "api-keys/actions.ts#revokeApiKeyAction": { role: "ADMIN", args: formArgs },
};

type Outcome = { refused: "role" | "session" | null; detail: string };

/** What an action or page did: refused for the role, refused for no session, or went on. */
async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await call()) as { status?: string; message?: string } | undefined;
    if (result?.status === "error" && /needs the (ADMIN|SUPERVISOR|AGENT) role/.test(result.message ?? "")) return { refused: "role", detail: result.message! };
    if (result?.status === "error" && /session has ended/.test(result.message ?? "")) return { refused: "session", detail: result.message! };
    return { refused: null, detail: JSON.stringify(result)?.slice(0, 200) ?? "undefined" };
  } catch (error) {
    if (isAppError(error) && error.kind === "forbidden") return { refused: "role", detail: error.message };
    if (isAppError(error) && error.kind === "unauthorized") return { refused: "session", detail: error.message };
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") && digest.includes("/login")) return { refused: "session", detail: digest };
    return { refused: null, detail: String(error) };
  }
}

type ActionCase = { file: string; name: string; action: (...args: unknown[]) => Promise<unknown>; role: Role; args: () => unknown[] };

async function findActions(): Promise<{ cases: ActionCase[]; unguarded: string[] }> {
  const cases: ActionCase[] = [];
  const unguarded: string[] = [];
  for (const file of filesNamed("actions.ts")) {
    const exports = (await import(/* @vite-ignore */ path.join(consoleDirectory, file))) as Record<string, unknown>;
    for (const [name, exported] of Object.entries(exports)) {
      if (typeof exported !== "function") continue;
      const known = knownActions[`${file}#${name}`];
      if (known === "no role") {
        unguarded.push(`${file}#${name}`);
        continue;
      }
      const area = areaOf(file);
      const role = known?.role ?? area?.minimumRole;
      if (!role) throw new Error(`${file}#${name} is outside any page: add it to knownActions with the role it needs`);
      cases.push({ file, name, action: exported as ActionCase["action"], role, args: known?.args ?? formArgs });
    }
  }
  return { cases, unguarded };
}

describe("role enforcement across the console", () => {
  const users = {} as Record<Role, string>;
  let actions: Awaited<ReturnType<typeof findActions>>;

  beforeAll(async () => {
    for (const role of roles) users[role] = (await createConsoleUser(role)).id;
    actions = await findActions();
  });

  it("finds the console's server actions and pages on disk", () => {
    expect(actions.cases.length).toBeGreaterThanOrEqual(Object.values(knownActions).filter((entry) => entry !== "no role").length);
    expect(actions.unguarded).toEqual(["actions.ts#signOutOfConsole"]);
    // Every action listed above still exists (a renamed one would silently lose its stricter role).
    for (const key of Object.keys(knownActions)) {
      if (knownActions[key] === "no role") continue;
      expect(actions.cases.map((entry) => `${entry.file}#${entry.name}`)).toContain(key);
    }
    expect(filesNamed("page.tsx").length).toBeGreaterThanOrEqual(Object.keys(consoleAreas).length);
  });

  it("no action needs less than its page does", () => {
    for (const entry of actions.cases) {
      const area = areaOf(entry.file);
      if (area) expect(rank(entry.role), `${entry.file}#${entry.name}`).toBeGreaterThanOrEqual(rank(area.minimumRole));
    }
  });

  it("every server action refuses a signed-out caller", async () => {
    signInAs(null);
    for (const entry of actions.cases) {
      const outcome = await outcomeOf(() => entry.action(...entry.args()));
      expect(outcome.refused, `${entry.file}#${entry.name}: ${outcome.detail}`).toBe("session");
    }
  });

  it("every server action refuses, on the server, each role below the one it needs", async () => {
    let refusals = 0;
    for (const entry of actions.cases) {
      for (const role of rolesBelow(entry.role)) {
        signInAs(users[role]);
        const outcome = await outcomeOf(() => entry.action(...entry.args()));
        expect(outcome.refused, `${entry.file}#${entry.name} as ${role}: ${outcome.detail}`).toBe("role");
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it("the listed actions let their own role past the guard (so the refusals above are about the role)", async () => {
    for (const entry of actions.cases) {
      const known = knownActions[`${entry.file}#${entry.name}`];
      if (!known || known === "no role") continue;
      signInAs(users[entry.role]);
      const outcome = await outcomeOf(() => entry.action(...entry.args()));
      expect(outcome.refused, `${entry.file}#${entry.name} as ${entry.role}: ${outcome.detail}`).toBeNull();
    }
  });

  it("every page answers a lower role with the 403 state, and a signed-out visitor with the login page", async () => {
    const pages = filesNamed("page.tsx");
    let checked = 0;
    for (const file of pages) {
      const area = areaOf(file)!;
      const render = (await import(/* @vite-ignore */ path.join(consoleDirectory, file))).default as (props: unknown) => Promise<unknown>;
      const dynamicParams = Object.fromEntries([...file.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name, "mem_profile_00000000000000000000000000"]));
      const props = () => ({ params: Promise.resolve(dynamicParams), searchParams: Promise.resolve({}) });
      signInAs(null);
      expect((await outcomeOf(() => render(props()))).refused, `${file} signed out`).toBe("session");
      for (const role of rolesBelow(area.minimumRole)) {
        signInAs(users[role]);
        const element = await render(props());
        expect(isValidElement(element) && element.type === ForbiddenState, `${file} as ${role} renders the 403 state`).toBe(true);
        expect((element as { props: { area: ConsoleArea } }).props.area.href).toBe(area.href);
        checked += 1;
      }
    }
    // Review queue, handoff preview, audit trail and store settings refuse AGENT; the ADMIN pages refuse two roles.
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
