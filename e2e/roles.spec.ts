import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";
import { createUserInConsole, openInStore, signedInPage } from "./console-user-helpers";

// Issue 6 item 8 in the browser: AGENT reads profiles and uses the recall playground; SUPERVISOR
// also reviews and audits but sees store settings read-only; a forged settings post is refused by
// the server, not only hidden. (tests/integration/console-roles.test.ts covers every action.)

const password = "roles-password-1";
const agentEmail = `${uniqueName("roles-agent")}@e2e.test`;
const supervisorEmail = `${uniqueName("roles-supervisor")}@e2e.test`;
let store: StoreSummary;
let profileId: string;

test.beforeAll(async ({ browser, request }) => {
  store = await createStoreThroughApi(request, uniqueName("e2e-roles"));
  const created = await request.post(`/v1/Stores/${store.id}/Profiles`, { headers: bootstrapHeaders, data: { traits: { Contact: { firstName: "Grace", lastName: "Hopper", email: "grace@example.com" } } } });
  expect(created.status()).toBe(202);
  profileId = ((await created.json()) as { id: string }).id;
  const admin = await signedInPage(browser, ADMIN_EMAIL, ADMIN_PASSWORD);
  await createUserInConsole(admin, agentEmail, "AGENT", password);
  await createUserInConsole(admin, supervisorEmail, "SUPERVISOR", password);
  await admin.context().close();
});

test("an AGENT reads profiles and runs the recall playground, and gets the 403 state elsewhere", async ({ page }) => {
  await logIn(page, agentEmail, password);
  await openInStore(page, "/profiles", store);
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page.getByRole("heading", { name: "Grace Hopper", level: 1 })).toBeVisible();
  const playground = page.getByRole("region", { name: "Recall playground", exact: true });
  await playground.getByRole("button", { name: "Recall" }).click();
  await expect(playground.getByTestId("recall-results")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Console" }).first();
  await expect(nav.getByRole("link", { name: "Review queue" })).toHaveCount(0);
  for (const path of ["/review-queue", "/store-settings", "/audit-trail", "/handoff-preview", "/merge-queue", "/users"]) {
    await page.goto(path);
    await expect(page.getByText("403 · Not allowed"), path).toBeVisible();
  }
  await page.goto(`/profiles/${profileId}`);
  await expect(page.getByRole("heading", { name: "Grace Hopper", level: 1 })).toBeVisible();
});

test("a SUPERVISOR opens the review queue and audit trail, sees store settings read-only, and a forged settings post is refused by the server", async ({ page, browser, request }) => {
  await logIn(page, supervisorEmail, password);
  await openInStore(page, "/review-queue", store);
  await expect(page.getByText("403 · Not allowed")).toHaveCount(0);
  await page.goto("/audit-trail");
  await expect(page.getByText("403 · Not allowed")).toHaveCount(0);
  await expect(page.getByRole("search", { name: "Filter audit events" })).toBeVisible();
  await page.goto("/store-settings");
  await expect(page.getByRole("status").filter({ hasText: "Only an ADMIN can change these settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Store" })).toContainText(store.id);
  await page.goto("/users");
  await expect(page.getByText("403 · Not allowed")).toBeVisible();

  // The forged post: an admin's settings form, submitted with the supervisor's session cookie.
  const admin = await signedInPage(browser, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(admin, "/store-settings", store);
  await admin.getByRole("checkbox", { name: "Auto-approve extracted observations" }).check();
  const supervisorCookies = await page.context().cookies();
  const session = supervisorCookies.filter((cookie) => cookie.name.includes("session-token"));
  expect(session.length).toBeGreaterThan(0);
  await admin.context().addCookies(session);
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("This needs the ADMIN role");
  const unchanged = await request.get(`/v1/ControlPlane/Stores/${store.id}`, { headers: bootstrapHeaders });
  const body = (await unchanged.json()) as { version: number; autoApproveObservations: boolean };
  expect(body).toMatchObject({ version: 1, autoApproveObservations: false });
  await admin.context().close();
});
