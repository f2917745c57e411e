import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { idleResult } from "@/lib/console/action-result";
import { timeoutFieldName, toStoreSettingsFormValues } from "@/lib/console/store-settings-form";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import type { StoreView } from "@/lib/stores/store-view";
import { updateStoreSettingsAction } from "@/app/(console)/store-settings/actions";
import { createConsoleUser, requestEffects, signInAs } from "../helpers/console-session-double";
import { createTestStore } from "../helpers/test-actors";

vi.mock("@/lib/auth/next-auth", async () => (await import("../helpers/console-session-double")).nextAuthDouble);
vi.mock("next/headers", async () => (await import("../helpers/console-session-double")).nextHeadersDouble);
vi.mock("next/cache", async () => (await import("../helpers/console-session-double")).nextCacheDouble);

/** The settings form as the page renders it for `store`, with some fields changed (null unticks a box). */
function settingsForm(store: StoreView, changes: Record<string, string | null> = {}, version = store.version): FormData {
  const values = toStoreSettingsFormValues(store);
  const form = new FormData();
  form.set("storeId", store.id);
  form.set("expectedVersion", String(version));
  form.set("displayName", values.displayName);
  form.set("description", values.description);
  for (const name of ["autoApproveObservations", "allowExtractedTraits", "screenCommunications"] as const) if (values[name]) form.set(name, "on");
  for (const [name, value] of Object.entries(values.timeouts)) form.set(name, value);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) form.delete(name);
    else form.set(name, value);
  }
  return form;
}

async function storeUpdateEvents(storeId: string) {
  const prisma = await getPrisma();
  return prisma.auditEvent.findMany({ where: { storeId, action: "store.update" }, orderBy: { id: "asc" } });
}

describe("saving store settings from the console", () => {
  let admin: { id: string; email: string };
  let supervisor: { id: string; email: string };
  let store: StoreView;

  beforeAll(async () => {
    admin = await createConsoleUser("ADMIN");
    supervisor = await createConsoleUser("SUPERVISOR");
  });

  beforeEach(async () => {
    store = await createTestStore("settings");
    signInAs(admin.id);
  });

  it("saves an admin's change of a timeout and auto-approve, audited as that admin with before and after", async () => {
    const result = await updateStoreSettingsAction(
      idleResult,
      settingsForm(store, { autoApproveObservations: "on", [timeoutFieldName("CHAT", "inactiveAfterMinutes")]: "45", [timeoutFieldName("CHAT", "closedAfterMinutes")]: "90" }),
    );
    expect(result).toEqual({ status: "success", message: `Settings saved (version ${store.version + 1})`, data: { version: store.version + 1 } });
    const saved = await getStoreOrThrow({ storeId: store.id, actor: systemActor });
    expect(saved.autoApproveObservations).toBe(true);
    expect(saved.conversationTimeouts.CHAT).toEqual({ inactiveAfterMinutes: 45, closedAfterMinutes: 90 });
    expect(saved.conversationTimeouts.SMS).toEqual(store.conversationTimeouts.SMS);
    expect(saved.version).toBe(store.version + 1);
    expect(requestEffects().revalidatedPaths).toEqual(["/store-settings"]);

    const [event] = await storeUpdateEvents(store.id);
    expect(event).toMatchObject({ actorType: "USER", actorId: admin.id, actorLabel: admin.email, resourceType: "store", resourceId: store.id });
    expect(event.before).toMatchObject({ autoApproveObservations: false, conversationTimeouts: { CHAT: { inactiveAfterMinutes: 30, closedAfterMinutes: 120 } } });
    expect(event.after).toMatchObject({ autoApproveObservations: true, conversationTimeouts: { CHAT: { inactiveAfterMinutes: 45, closedAfterMinutes: 90 } } });
  });

  it("refuses a save from a form loaded before someone else's change, and keeps their change", async () => {
    const first = await updateStoreSettingsAction(idleResult, settingsForm(store, { description: "changed elsewhere" }));
    expect(first.status).toBe("success");
    const stale = await updateStoreSettingsAction(idleResult, settingsForm(store, { screenCommunications: null }));
    expect(stale).toEqual({ status: "error", message: expect.stringMatching(/changed by someone else .* Reload the page/), fieldErrors: {} });
    const current = await getStoreOrThrow({ storeId: store.id, actor: systemActor });
    expect(current.description).toBe("changed elsewhere");
    expect(current.screenCommunications).toBe(true);
    expect(await storeUpdateEvents(store.id)).toHaveLength(1);
  });

  it("answers invalid fields with their errors and changes nothing", async () => {
    const result = await updateStoreSettingsAction(
      idleResult,
      settingsForm(store, { displayName: "no spaces allowed", [timeoutFieldName("VOICE", "inactiveAfterMinutes")]: "60", [timeoutFieldName("VOICE", "closedAfterMinutes")]: "30" }),
    );
    expect(result).toEqual({
      status: "error",
      message: "Please correct the highlighted fields.",
      fieldErrors: { displayName: "letters, digits and hyphens only", "conversationTimeouts.VOICE.closedAfterMinutes": "Must be at least the inactive timeout (60 min)" },
    });
    expect(await getStoreOrThrow({ storeId: store.id, actor: systemActor })).toEqual(store);
    expect(await storeUpdateEvents(store.id)).toHaveLength(0);
  });

  it("puts a name another store has on the name field", async () => {
    const other = await createTestStore("taken");
    const result = await updateStoreSettingsAction(idleResult, settingsForm(store, { displayName: other.displayName }));
    expect(result).toMatchObject({ status: "error", fieldErrors: { displayName: expect.stringContaining("already exists") } });
  });

  it("refuses a SUPERVISOR's forged post on the server, and a signed-out one, changing nothing", async () => {
    signInAs(supervisor.id);
    const forged = await updateStoreSettingsAction(idleResult, settingsForm(store, { autoApproveObservations: "on" }));
    expect(forged).toEqual({ status: "error", message: "This needs the ADMIN role", fieldErrors: {} });
    signInAs(null);
    const signedOut = await updateStoreSettingsAction(idleResult, settingsForm(store, { autoApproveObservations: "on" }));
    expect(signedOut).toEqual({ status: "error", message: "Your session has ended: please sign in again", fieldErrors: {} });
    expect(await getStoreOrThrow({ storeId: store.id, actor: systemActor })).toEqual(store);
    expect(await storeUpdateEvents(store.id)).toHaveLength(0);
    expect(requestEffects().revalidatedPaths).toEqual([]);
  });

  it("answers an unknown store as not found", async () => {
    const form = settingsForm(store);
    form.set("storeId", "mem_store_01jz9999999999999999999999");
    expect(await updateStoreSettingsAction(idleResult, form)).toMatchObject({ status: "error", message: expect.stringMatching(/not found/) });
  });
});
