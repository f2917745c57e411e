import { expect, type Browser, type Page } from "@playwright/test";
import type { StoreSummary } from "./console-helpers";
import { logIn } from "./console-helpers";

/** Adds a console user on the users page (the admin page must be signed in). */
export async function createUserInConsole(admin: Page, email: string, role: "ADMIN" | "SUPERVISOR" | "AGENT", password: string): Promise<void> {
  await admin.goto("/users");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption(role);
  await admin.getByLabel("Initial password").fill(password);
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Active");
}

/** A page of its own browser context, signed in as this user. */
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, email, password);
  return page;
}

/** Opens `path` and switches the console to `store`, waiting until the server has answered for it. */
export async function openInStore(page: Page, path: string, store: StoreSummary): Promise<void> {
  await page.goto(path);
  const switcher = page.getByRole("combobox", { name: "Store", exact: true });
  // The select changes at once; the choice is the server's once its action (a POST) has answered.
  const switched = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === path);
  await switcher.selectOption({ label: store.displayName });
  await switched;
  await page.reload();
  await expect(switcher).toHaveValue(store.id);
}
