import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName } from "./console-helpers";
import { openInStore } from "./console-user-helpers";

// The audit trail of one store: paging over more events than a page holds, narrowing to one
// resource from its row, a range of days, the empty state and a refused range.

test("the audit trail pages, filters by resource and day, and says when nothing matches", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-audit"));
  // 26 store updates + the store's creation = 27 events: more than one page of 25.
  for (let index = 1; index <= 26; index += 1) {
    const response = await request.patch(`/v1/ControlPlane/Stores/${store.id}`, { headers: bootstrapHeaders, data: { description: `revision ${index}` } });
    expect(response.status()).toBe(202);
  }
  const created = await request.post(`/v1/Stores/${store.id}/Profiles`, { headers: bootstrapHeaders, data: { traits: { Contact: { firstName: "Alan", lastName: "Turing", email: "alan@example.com" } } } });
  expect(created.status()).toBe(202);
  const profileId = ((await created.json()) as { id: string }).id;

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openInStore(page, "/audit-trail", store);
  const rows = page.getByRole("table", { name: "Audit events, newest first" }).getByTestId("audit-event-row");
  await expect(rows).toHaveCount(25);
  const pages = page.getByRole("navigation", { name: "Audit trail pages" });
  await pages.getByRole("link", { name: /Older/ }).click();
  await expect(rows.first()).toContainText("store.update");
  await expect(rows.last()).toContainText("store.create");
  const secondPageCount = await rows.count();
  expect(secondPageCount).toBeGreaterThanOrEqual(3);
  await pages.getByRole("link", { name: /Newer/ }).click();
  await expect(rows).toHaveCount(25);

  // The profile's id in its row narrows the trail to that profile.
  await page.getByRole("link", { name: profileId }).first().click();
  await expect(page).toHaveURL(new RegExp(`resourceId=${profileId}`));
  await expect(page.getByLabel("Resource id")).toHaveValue(profileId);
  await expect(rows.first()).toContainText(profileId);
  for (const text of await rows.allInnerTexts()) expect(text).toContain(profileId);
  await rows.first().getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByRole("table", { name: /^Changes recorded by event/ })).toContainText("Added");

  // Today (UTC) holds every event; a day long past holds none.
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/audit-trail?resourceType=store&from=${today}&to=${today}`);
  await expect(rows).toHaveCount(25);
  await page.getByLabel("From (UTC day)").fill("2020-01-01");
  await page.getByLabel("To (UTC day, included)").fill("2020-01-02");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(rows).toHaveCount(25);

  // A range that ends before it starts is refused beside the field, keeping what was typed.
  await page.getByLabel("From (UTC day)").fill("2026-03-02");
  await page.getByLabel("To (UTC day, included)").fill("2026-03-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("the first day must not be after the last")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "These filters are not valid" })).toBeVisible();
  await expect(page.getByLabel("From (UTC day)")).toHaveValue("2026-03-02");
});
