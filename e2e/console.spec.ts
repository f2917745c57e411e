import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, basicAuth } from "./e2e-environment";
import { STORE_ID_PATTERN, createStoreThroughApi, firstStoreOrCreate, logIn, submitLogin, uniqueName, type StoreSummary } from "./console-helpers";

let firstStore: StoreSummary;

test.beforeAll(async ({ request }) => {
  firstStore = await firstStoreOrCreate(request);
});

test("a signed-out visit to a console page goes to the login page and comes back after sign-in", async ({ page }) => {
  await page.goto("/audit-trail?action=store.create");
  await page.waitForURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Kith" })).toBeVisible();

  await submitLogin(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.waitForURL("**/audit-trail?action=store.create");
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Action")).toHaveValue("store.create");
});

test("a wrong password shows an error and keeps the user on the login page", async ({ page }) => {
  await page.goto("/login");
  await submitLogin(page, ADMIN_EMAIL, "not-the-password");
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN_EMAIL);

  await page.goto("/users");
  await page.waitForURL(/\/login/);
});

test("an API key created in the console works against the API until it is revoked", async ({ page, request }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole("combobox", { name: "Store", exact: true }).getByRole("option", { name: firstStore.displayName })).toBeAttached();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("navigation", { name: "Console" }).first().getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const keyName = uniqueName("e2e-key");
  await page.getByLabel("Name").fill(keyName);
  await page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
  await page.getByLabel("Scope").selectOption({ label: "All stores" });
  await page.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key-credentials");
  await expect(shown).toBeVisible();
  await expect(page.getByText("This is the only time the secret is shown")).toBeVisible();
  const credentials = (await shown.textContent())?.trim() ?? "";
  expect(credentials).toMatch(/^kith_key_[0-7][0-9a-z]{25}:.{16,}$/);
  const keyId = credentials.slice(0, credentials.indexOf(":"));
  await expect(page.getByTestId(`api-key-row-${keyId}`)).toContainText("Active");

  const headers = { Authorization: basicAuth(credentials) };
  const list = await request.get("/v1/ControlPlane/Stores", { headers });
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { stores: string[] }).stores).toContain(firstStore.id);

  const created = await request.post("/v1/ControlPlane/Stores", { headers, data: { displayName: uniqueName("e2e-by-key") } });
  expect(created.status()).toBe(202);
  expect(((await created.json()) as { id: string }).id).toMatch(STORE_ID_PATTERN);

  // The secret is shown once: after a reload only the key id is on the page.
  await page.reload();
  await expect(page.getByTestId("new-api-key-credentials")).toHaveCount(0);
  await expect(page.getByText(credentials)).toHaveCount(0);

  const row = page.getByTestId(`api-key-row-${keyId}`);
  await row.getByRole("button", { name: `Revoke key ${keyName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${keyName}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Revoked");

  const refused = await request.get("/v1/ControlPlane/Stores", { headers });
  expect(refused.status()).toBe(401);
});

test("the store switcher changes the store every page shows", async ({ page, request }) => {
  const other = await createStoreThroughApi(request, uniqueName("e2e-switch"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/store-settings");
  const switcher = page.getByRole("combobox", { name: "Store", exact: true });
  await switcher.selectOption({ label: other.displayName });
  await expect(page.getByRole("region", { name: "Store" })).toContainText(other.id);
  await expect(switcher).toHaveValue(other.id);

  // The choice is remembered (cookie) across pages, and the audit trail shows that store's events.
  await page.goto("/audit-trail?resourceType=store");
  await expect(page.getByRole("table", { name: "Audit events, newest first" })).toContainText(other.id);
  await page.getByRole("button", { name: "Show changes" }).first().click();
  await expect(page.getByText("After", { exact: true })).toBeVisible();

  // Switching back from any page re-renders that page for the chosen store.
  await page.goto("/store-settings");
  await switcher.selectOption({ label: firstStore.displayName });
  await expect(page.getByRole("region", { name: "Store" })).toContainText(firstStore.id);
  await page.reload();
  await expect(page.getByRole("region", { name: "Store" })).toContainText(firstStore.id);
});

test("an AGENT cannot open admin pages, and a disabled user is signed out", async ({ page, browser }) => {
  const agentEmail = `${uniqueName("agent")}@e2e.test`;
  const agentPassword = "agent-password-1";
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Email").fill(agentEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("AGENT");
  await page.getByLabel("Initial password").fill(agentPassword);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId(`user-row-${agentEmail}`)).toContainText("Active");

  // A duplicate email is refused with a message on the form.
  await page.getByLabel("Email").fill(agentEmail);
  await page.getByLabel("Initial password").fill(agentPassword);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("A user with this email already exists")).toBeVisible();

  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await logIn(agentPage, agentEmail, agentPassword);
  await expect(agentPage).toHaveURL(/\/profiles$/);
  const nav = agentPage.getByRole("navigation", { name: "Console" }).first();
  await expect(nav.getByRole("link", { name: "Profiles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

  for (const path of ["/users", "/api-keys"]) {
    await agentPage.goto(path);
    await expect(agentPage.getByText("403 · Not allowed")).toBeVisible();
    await expect(agentPage.getByRole("table")).toHaveCount(0);
  }
  await expect(agentPage.getByRole("button", { name: "Add user" })).toHaveCount(0);

  // Disabling the account throws the agent out on their next request.
  await page.reload();
  const agentRow = page.getByTestId(`user-row-${agentEmail}`);
  await agentRow.getByRole("button", { name: `Disable ${agentEmail}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(agentRow).toContainText("Disabled");

  await agentPage.goto("/profiles");
  await agentPage.waitForURL(/\/login/);
  await agentContext.close();
});

test("unknown pages answer with the not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the console's session cookie authenticates the API too, with the user's role", async ({ page }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  // page.request shares the browser context's cookies: no Authorization header is sent.
  const list = await page.request.get("/v1/ControlPlane/Stores");
  expect(list.status()).toBe(200);
  expect((await list.json()).stores).toContain(firstStore.id);
  const settings = await page.request.get(`/v1/ControlPlane/Stores/${firstStore.id}/IdentityResolutionSettings`);
  expect(settings.status()).toBe(200);
  expect(settings.headers()["etag"]).toBeTruthy();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  const signedOut = await page.request.get("/v1/ControlPlane/Stores");
  expect(signedOut.status()).toBe(401);
});
