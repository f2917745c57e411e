import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { BOOTSTRAP_CREDENTIALS, basicAuth } from "./e2e-environment";

export const bootstrapHeaders = { Authorization: basicAuth(BOOTSTRAP_CREDENTIALS) };

/** Store ids look like Twilio's: `mem_store_` and 26 base32 characters, the first 0–7. */
export const STORE_ID_PATTERN = /^mem_store_[0-7][0-9a-hjkmnp-tv-z]{25}$/;

export type StoreSummary = { id: string; displayName: string };

/** A display name no other run or test uses (store names are unique). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a store through the control-plane API with the bootstrap key. */
export async function createStoreThroughApi(request: APIRequestContext, displayName: string): Promise<StoreSummary> {
  const response = await request.post("/v1/ControlPlane/Stores", { headers: bootstrapHeaders, data: { displayName } });
  expect(response.status()).toBe(202);
  const body = (await response.json()) as { id: string; store: { displayName: string } };
  return { id: body.id, displayName: body.store.displayName };
}

/** The first store (the demo store when the server seeded one), created when there is none. */
export async function firstStoreOrCreate(request: APIRequestContext): Promise<StoreSummary> {
  const list = await request.get("/v1/ControlPlane/Stores?orderBy=ASC&pageSize=1", { headers: bootstrapHeaders });
  expect(list.status()).toBe(200);
  const { stores } = (await list.json()) as { stores: string[] };
  if (stores.length === 0) return createStoreThroughApi(request, "e2e-demo");
  const store = await request.get(`/v1/ControlPlane/Stores/${stores[0]}`, { headers: bootstrapHeaders });
  expect(store.status()).toBe(200);
  const body = (await store.json()) as StoreSummary;
  return { id: body.id, displayName: body.displayName };
}

/** Fills and submits the login form (the page must be on /login). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in from the login page and waits for the console. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await submitLogin(page, email, password);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}
