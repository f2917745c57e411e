import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName } from "./console-helpers";
import { openInStore } from "./console-user-helpers";

// Small things every console page shares: the icon the browser asks for, an id that is not in
// the store answered inside the console, and a customer without a name still named by how they
// wrote in (the handoff preview).

test("the console has an icon: /favicon.ico and /icon.svg are served and linked from every page", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/x-icon");
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");

  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
});

test("a profile id that is not in the store shows 'Not found' inside the console, with one main landmark", async ({ page }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/profiles/mem_profile_00000000000000000000000000");
  await expect(page.getByRole("heading", { name: "Not found", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Console" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Go to profiles" }).click();
  await expect(page.getByRole("heading", { name: "Profiles", level: 1 })).toBeVisible();
});

test("the handoff preview names a customer whose profile has no name by the address they wrote from", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-polish"));
  const response = await request.post(`/v1/Stores/${store.id}/Conversations`, {
    headers: bootstrapHeaders,
    data: {
      channel: "SMS",
      status: "ACTIVE",
      participants: [{ type: "CUSTOMER", addresses: [{ channel: "SMS", address: "+14155550177" }] }],
      communications: [{ author: { channel: "SMS", address: "+14155550177" }, content: { text: "Is my order on its way?" }, occurredAt: new Date().toISOString() }],
    },
  });
  expect(response.status()).toBe(201);
  const conversation = (await response.json()) as { id: string; participants: { profileId: string | null }[] };
  const profileId = conversation.participants[0].profileId;
  expect(profileId).toBeTruthy();
  const profile = await request.get(`/v1/Stores/${store.id}/Profiles/${profileId}`, { headers: bootstrapHeaders });
  expect(((await profile.json()) as { displayName: string | null }).displayName).toBeNull();

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(page, "/handoff-preview", store);
  await page.goto(`/handoff-preview?conversationId=${conversation.id}`);
  await expect(page.getByRole("heading", { name: "Customer: +14155550177 (no name on the profile)" })).toBeVisible();
});
