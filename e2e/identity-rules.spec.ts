import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";

// The identity rules editor as an admin uses it: a limit edited, a matching rule moved by
// keyboard, email made non-unique; the dry run replays real traffic (two people sharing a family
// email, written through the API) and shows the split; the save lands and the API shows it. Two
// pages open on the same rules: the second save is refused as stale and the first one stays.
// An admin demoted to AGENT while the page is open is refused by the server, then cannot open it.

type IdentifierConfig = { idType: string; limit: number; enforceUnique: boolean; limitPolicy: string };
type Settings = { identifierConfigs: IdentifierConfig[]; matchingRules: string[]; version: number };

async function readSettings(request: APIRequestContext, storeId: string): Promise<Settings> {
  const response = await request.get(`/v1/ControlPlane/Stores/${storeId}/IdentityResolutionSettings`, { headers: bootstrapHeaders });
  expect(response.status()).toBe(200);
  return (await response.json()) as Settings;
}

const configOf = (settings: Settings, idType: string) => settings.identifierConfigs.find((config) => config.idType === idType)!;

async function createProfile(request: APIRequestContext, storeId: string, contact: Record<string, string>): Promise<string> {
  const response = await request.post(`/v1/Stores/${storeId}/Profiles`, { headers: bootstrapHeaders, data: { traits: { Contact: contact } } });
  expect(response.status()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function openRulesFor(page: Page, store: StoreSummary): Promise<void> {
  await page.goto("/identity-rules");
  const switcher = page.getByRole("combobox", { name: "Store", exact: true });
  await switcher.selectOption({ label: store.displayName });
  await expect(switcher).toHaveValue(store.id);
  await expect(page.getByRole("heading", { name: "Identity rules", level: 1 })).toBeVisible();
  await waitForEditor(page, store);
}

/** The editor for this store, hydrated: edits made earlier would land in the previous store's editor or be lost. */
async function waitForEditor(page: Page, store: StoreSummary): Promise<void> {
  const editor = page.getByTestId("identity-rules-editor");
  await expect(editor).toHaveAttribute("data-store-id", store.id);
  await expect(editor).toHaveAttribute("data-hydrated", "true");
}

const ruleOrder = (page: Page) => page.getByRole("list", { name: "Matching rules in priority order" }).getByRole("listitem").evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")!.replace("matching-rule-", "")));

test("an admin edits a limit, reorders a rule by keyboard, dry-runs the change against recorded traffic and saves it", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-rules"));
  // Two people share a family email: under the default rules (email unique) they are one profile.
  const mum = await createProfile(request, store.id, { firstName: "Mum", email: "family@rules.e2e", phone: "+14155550191" });
  const dad = await createProfile(request, store.id, { firstName: "Dad", email: "Family@Rules.e2e", phone: "+14155550192" });
  expect(dad).toBe(mum);
  await createProfile(request, store.id, { firstName: "Solo", email: "solo@rules.e2e" });

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openRulesFor(page, store);
  await expect(page.getByTestId("rules-version")).toHaveText("Editing version 1");

  // A bad limit is refused beside its field before anything is sent.
  const emailLimit = page.getByLabel("Limit of email");
  await emailLimit.fill("500");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("identifier-config-email").getByRole("alert")).toContainText("100");
  await emailLimit.fill("5");
  await page.getByLabel("email: unique").uncheck();

  // Keyboard reorder: focus phone, Alt+↑ moves it above whatsapp, and says so.
  expect(await ruleOrder(page)).toEqual(["user_id", "email", "whatsapp", "phone", "chat"]);
  const phoneRule = page.getByTestId("matching-rule-phone");
  await phoneRule.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByTestId("matching-rule-announcement")).toHaveText("phone moved to priority 3 of 5");
  await expect(phoneRule).toBeFocused();
  expect(await ruleOrder(page)).toEqual(["user_id", "email", "phone", "whatsapp", "chat"]);

  // The dry run replays the three records: the family splits into two profiles.
  await page.getByRole("button", { name: "Dry run" }).click();
  const report = page.getByTestId("dry-run-report");
  await expect(report).toBeVisible();
  await expect(report.getByTestId("dry-run-records")).toContainText("3");
  await expect(report.getByTestId("dry-run-profiles")).toContainText("2 → 3");
  await expect(report.getByTestId("dry-run-splits")).toContainText("1");
  const splitList = report.getByTestId("dry-run-split-list");
  await expect(splitList).toContainText("phone +14155550191");
  await expect(splitList).toContainText("phone +14155550192");
  // Nothing was written by the dry run.
  expect((await readSettings(request, store.id)).version).toBe(1);

  // Save: the confirmation lists the changes; the API then shows them.
  await page.getByRole("button", { name: "Review and save…" }).click();
  const dialog = page.getByRole("dialog", { name: "Save these identity rules?" });
  const changes = dialog.getByRole("list", { name: "Changes to save" });
  await expect(changes).toContainText("email: limit 100 → 5");
  await expect(changes).toContainText("email: values may belong to several profiles (no longer unique)");
  await expect(changes).toContainText("Matching rules: user_id > email > whatsapp > phone > chat → user_id > email > phone > whatsapp > chat");
  await dialog.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rules saved (version 2)." })).toBeVisible();
  await expect(page.getByTestId("rules-version")).toHaveText("Editing version 2");

  const saved = await readSettings(request, store.id);
  expect(saved.version).toBe(2);
  expect(saved.matchingRules).toEqual(["user_id", "email", "phone", "whatsapp", "chat"]);
  expect(configOf(saved, "email")).toMatchObject({ limit: 5, enforceUnique: false });
});

test("a save from a stale page is refused with a clear message and the other admin's save stays", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-rules-stale"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openRulesFor(page, store);
  const second = await page.context().newPage();
  await second.goto("/identity-rules");
  await waitForEditor(second, store);
  await expect(second.getByTestId("rules-version")).toHaveText("Editing version 1");

  await page.getByLabel("Limit of chat").fill("50");
  // Drag and drop: chat dropped on whatsapp takes its place.
  await page.getByTestId("matching-rule-chat").dragTo(page.getByTestId("matching-rule-whatsapp"));
  await expect(page.getByTestId("matching-rule-announcement")).toHaveText("chat moved to priority 3 of 5");
  expect(await ruleOrder(page)).toEqual(["user_id", "email", "chat", "whatsapp", "phone"]);
  await page.getByRole("button", { name: "Review and save…" }).click();
  await page.getByRole("dialog", { name: "Save these identity rules?" }).getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rules saved (version 2)." })).toBeVisible();

  await second.getByLabel("Limit of chat").fill("60");
  await second.getByRole("button", { name: "Review and save…" }).click();
  await second.getByRole("dialog", { name: "Save these identity rules?" }).getByRole("button", { name: "Save rules" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "Someone else changed these rules since you opened the page — reload to see their changes." })).toBeVisible();
  const kept = await readSettings(request, store.id);
  expect(configOf(kept, "chat").limit).toBe(50);
  expect(kept.matchingRules).toEqual(["user_id", "email", "chat", "whatsapp", "phone"]);
  // The refused edit is still on the page; reloading shows the other admin's version.
  await expect(second.getByLabel("Limit of chat")).toHaveValue("60");
  await second.getByRole("button", { name: "Reload the saved rules" }).click();
  await expect(second.getByTestId("rules-version")).toHaveText("Editing version 2");
  await expect(second.getByLabel("Limit of chat")).toHaveValue("50");
});

test("an admin demoted to AGENT while the page is open is refused by the server, then cannot open the page", async ({ page, browser, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-rules-agent"));
  const editorEmail = `${uniqueName("rules-admin")}@e2e.test`;
  const editorPassword = "rules-admin-password-1";
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Email").fill(editorEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
  await page.getByLabel("Initial password").fill(editorPassword);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId(`user-row-${editorEmail}`)).toContainText("Active");

  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await logIn(editor, editorEmail, editorPassword);
  await openRulesFor(editor, store);
  await editor.getByLabel("Limit of chat").fill("7");

  // Demoted while the page is open: the page still shows the editor, the server refuses its actions.
  const row = page.getByTestId(`user-row-${editorEmail}`);
  await row.getByRole("combobox", { name: `Role of ${editorEmail}`, exact: true }).selectOption("AGENT");
  await row.getByRole("button", { name: `Save role of ${editorEmail}` }).click();
  await page.reload();
  await expect(row.getByRole("combobox", { name: `Role of ${editorEmail}`, exact: true })).toHaveValue("AGENT");

  await editor.getByRole("button", { name: "Dry run" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "This needs the ADMIN role" })).toBeVisible();
  await expect(editor.getByTestId("dry-run-report")).toHaveCount(0);
  await editor.getByRole("button", { name: "Review and save…" }).click();
  await editor.getByRole("dialog", { name: "Save these identity rules?" }).getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "This needs the ADMIN role" })).toBeVisible();
  const unchanged = await readSettings(request, store.id);
  expect(unchanged.version).toBe(1);
  expect(configOf(unchanged, "chat").limit).toBe(100);

  // As an AGENT, the page itself is refused.
  await editor.goto("/identity-rules");
  await expect(editor.getByText("403 · Not allowed")).toBeVisible();
  await expect(editor.getByRole("heading", { name: "You don’t have access to Identity rules" })).toBeVisible();
  await expect(editor.getByLabel("Limit of email")).toHaveCount(0);
  await expect(editor.getByRole("button", { name: "Dry run" })).toHaveCount(0);
  await editorContext.close();
});
