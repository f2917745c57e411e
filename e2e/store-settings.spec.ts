import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName } from "./console-helpers";
import { openInStore } from "./console-user-helpers";

// Store settings as an admin edits them: the change reaches the Stores API, the audit trail shows
// it field by field and by who; a form loaded before someone else's change is refused; bad input
// is answered beside its field and changes nothing.

type StoreBody = { version: number; description: string | null; autoApproveObservations: boolean; conversationTimeouts: Record<string, { inactiveAfterMinutes: number; closedAfterMinutes: number }> };

async function readStore(request: APIRequestContext, storeId: string): Promise<StoreBody> {
  const response = await request.get(`/v1/ControlPlane/Stores/${storeId}`, { headers: bootstrapHeaders });
  expect(response.status()).toBe(200);
  return (await response.json()) as StoreBody;
}

test("an admin changes a timeout and auto-approve; the API shows it and the audit trail shows the diff, filterable by actor", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-settings"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(page, "/store-settings", store);
  await expect(page.getByRole("region", { name: "Store" })).toContainText(store.id);

  const autoApprove = page.getByRole("checkbox", { name: "Auto-approve extracted observations" });
  await expect(autoApprove).not.toBeChecked();
  await autoApprove.check();
  await page.getByLabel("CHAT inactive after (minutes)").fill("45");
  await page.getByLabel("CHAT closed after (minutes)").fill("90");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved (version 2)" })).toBeVisible();
  await expect(page.getByTestId("store-version")).toHaveText("2");

  const saved = await readStore(request, store.id);
  expect(saved.autoApproveObservations).toBe(true);
  expect(saved.conversationTimeouts.CHAT).toEqual({ inactiveAfterMinutes: 45, closedAfterMinutes: 90 });
  expect(saved.conversationTimeouts.SMS).toEqual({ inactiveAfterMinutes: 60, closedAfterMinutes: 1440 });

  // A change by an API key, so the actor filter has something to leave out.
  const patched = await request.patch(`/v1/ControlPlane/Stores/${store.id}`, { headers: bootstrapHeaders, data: { description: "changed by the bootstrap key" } });
  expect(patched.status()).toBe(202);

  await page.goto("/audit-trail?action=store.update");
  const events = page.getByRole("table", { name: "Audit events, newest first" });
  await expect(events.getByTestId("audit-event-row")).toHaveCount(2);
  await page.getByLabel("Actor").selectOption({ label: `${ADMIN_EMAIL} (user)` });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/actor=kith_user_/);
  await expect(events.getByTestId("audit-event-row")).toHaveCount(1);
  const row = events.getByTestId("audit-event-row");
  await expect(row).toContainText(ADMIN_EMAIL);
  await expect(row).toContainText("5 changed"); // the two timeouts, auto-approve, version and updatedAt
  await row.getByRole("button", { name: "Show changes" }).click();

  const diff = page.getByRole("table", { name: /^Changes recorded by event/ });
  const field = (path: string) => diff.getByRole("row").filter({ has: page.getByText(path, { exact: true }) });
  await expect(field("autoApproveObservations")).toContainText("Changed");
  await expect(field("autoApproveObservations")).toContainText("false");
  await expect(field("autoApproveObservations")).toContainText("true");
  await expect(field("conversationTimeouts.CHAT.inactiveAfterMinutes")).toContainText(/Changed\s*30\s*45/);
  await expect(field("conversationTimeouts.CHAT.closedAfterMinutes")).toContainText(/Changed\s*120\s*90/);
  // Unchanged fields wait behind a button.
  await expect(field("conversationTimeouts.SMS.inactiveAfterMinutes")).toHaveCount(0);
  await page.getByRole("button", { name: /^Show \d+ unchanged fields$/ }).click();
  await expect(field("conversationTimeouts.SMS.inactiveAfterMinutes")).toContainText("Same");

  // The API key's change is the other actor's.
  await page.getByLabel("Actor").selectOption({ label: "Bootstrap key (KITH_BOOTSTRAP_API_KEY) (API key)" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(events.getByTestId("audit-event-row")).toHaveCount(1);
  await events.getByRole("button", { name: "Show changes" }).click();
  await expect(field("description")).toContainText("changed by the bootstrap key");
});

test("a stale settings form is refused with a clear message and keeps what was typed", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-stale"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(page, "/store-settings", store);
  await expect(page.getByTestId("store-version")).toHaveText("1");

  // Someone else saves through the API while the form is open.
  const patched = await request.patch(`/v1/ControlPlane/Stores/${store.id}`, { headers: bootstrapHeaders, data: { description: "saved elsewhere" } });
  expect(patched.status()).toBe(202);

  await page.getByLabel("SMS inactive after (minutes)").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("changed by someone else after you opened this page");
  await expect(page.getByLabel("SMS inactive after (minutes)")).toHaveValue("10");
  const current = await readStore(request, store.id);
  expect(current.version).toBe(2);
  expect(current.description).toBe("saved elsewhere");
  expect(current.conversationTimeouts.SMS.inactiveAfterMinutes).toBe(60);

  // Reloading shows the other change; saving again then works.
  await page.reload();
  await expect(page.getByLabel("Description")).toHaveValue("saved elsewhere");
  await page.getByLabel("SMS inactive after (minutes)").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved (version 3)" })).toBeVisible();
  expect((await readStore(request, store.id)).conversationTimeouts.SMS.inactiveAfterMinutes).toBe(10);
});

test("bad settings are answered beside their fields and change nothing", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-invalid"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(page, "/store-settings", store);
  await page.getByLabel("VOICE inactive after (minutes)").fill("40");
  await page.getByLabel("VOICE closed after (minutes)").fill("30");
  await page.getByLabel("EMAIL inactive after (minutes)").fill("soon");
  await page.getByLabel("Name").fill("spaces are not allowed");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
  await expect(page.getByText("Must be at least the inactive timeout (40 min)")).toBeVisible();
  await expect(page.getByText("Whole minutes only")).toBeVisible();
  await expect(page.getByText("letters, digits and hyphens only")).toBeVisible();
  await expect(page.getByLabel("VOICE closed after (minutes)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("VOICE closed after (minutes)")).toHaveValue("30");
  const unchanged = await readStore(request, store.id);
  expect(unchanged.version).toBe(1);
  expect(unchanged.conversationTimeouts.VOICE).toEqual({ inactiveAfterMinutes: 5, closedAfterMinutes: 30 });
});
