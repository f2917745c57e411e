import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";

// The observation review queue as a supervisor works it: observations extracted from a closed
// conversation (through the API, by the server's own worker) are approved from the keyboard,
// edited then approved, rejected, and approved and rejected in bulk; the API then shows the new
// statuses and Recall no longer returns the rejected ones. Roles are enforced by the server: an
// AGENT cannot open the page, and a review sent after the user was demoted is refused and rolled back.

type Observation = { id: string; content: string; status: string; version: number };

const minute = 60_000;
const lines: [string, string][] = [
  ["customer", "Hi, my parcel was due Monday and it still hasn't arrived."],
  ["agent", "Sorry about that. Would you like a refund or a replacement?"],
  ["customer", "A replacement please. I always prefer deliveries in the morning."],
  ["customer", "I live in Lisbon and I work as a nurse."],
  ["customer", "Also I have two cats and I'm moving to Porto next month."],
  ["customer", "Please always email me rather than calling."],
  ["agent", "No problem, the replacement ships tomorrow morning."],
];

async function ingestClosedConversation(request: APIRequestContext, store: StoreSummary): Promise<string> {
  const start = Date.now() - 30 * minute;
  const response = await request.post(`/v1/Stores/${store.id}/Conversations`, {
    headers: bootstrapHeaders,
    data: {
      channel: "CHAT",
      status: "CLOSED",
      participants: [
        { type: "CUSTOMER", name: "Dana Whitfield", addresses: [{ channel: "CHAT", address: "rq-dana" }] },
        { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "rq-sam" }] },
      ],
      communications: lines.map(([speaker, text], index) => ({
        author: { channel: "CHAT", address: speaker === "customer" ? "rq-dana" : "rq-sam" },
        content: { text },
        occurredAt: new Date(start + index * minute).toISOString(),
      })),
    },
  });
  expect(response.status()).toBe(201);
  const profileId = ((await response.json()) as { participants: { profileId: string | null }[] }).participants[0].profileId;
  expect(profileId).toBeTruthy();
  return profileId!;
}

async function listObservations(request: APIRequestContext, storeId: string, profileId: string): Promise<Observation[]> {
  const response = await request.get(`/v1/Stores/${storeId}/Profiles/${profileId}/Observations?pageSize=50`, { headers: bootstrapHeaders });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { observations: Observation[] }).observations;
}

async function createUserInConsole(admin: Page, email: string, role: "SUPERVISOR" | "AGENT", password: string): Promise<void> {
  await admin.goto("/users");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption(role);
  await admin.getByLabel("Initial password").fill(password);
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Active");
}

async function showStore(page: Page, store: StoreSummary): Promise<void> {
  await page.goto("/review-queue");
  const switcher = page.getByRole("combobox", { name: "Store", exact: true });
  await switcher.selectOption({ label: store.displayName });
  await expect(switcher).toHaveValue(store.id);
}

test("a supervisor reviews extracted observations by keyboard and in bulk; rejected ones leave recall; an AGENT is refused by the server", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const store = await createStoreThroughApi(request, uniqueName("e2e-review"));
  const profileId = await ingestClosedConversation(request, store);
  let extracted: Observation[] = [];
  await expect
    .poll(async () => (extracted = await listObservations(request, store.id, profileId)).length, { timeout: 15_000, intervals: [100, 250, 500] })
    .toBeGreaterThanOrEqual(6);
  expect(extracted.every((observation) => observation.status === "PENDING")).toBe(true);
  const idOf = (pattern: RegExp) => {
    const found = extracted.find((observation) => pattern.test(observation.content));
    expect(found, `an observation matching ${pattern}`).toBeTruthy();
    return found!.id;
  };
  const parcel = idOf(/parcel/i);
  const morning = idOf(/morning/i);
  const lisbon = idOf(/Lisbon/);
  const nurse = idOf(/nurse/);
  const cats = idOf(/two cats/);
  const porto = idOf(/Porto/);

  // A supervisor, created by the admin on the users page.
  const supervisorEmail = `${uniqueName("supervisor")}@e2e.test`;
  const supervisorPassword = "supervisor-password-1";
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await createUserInConsole(page, supervisorEmail, "SUPERVISOR", supervisorPassword);
  const adminPage = page;
  const supervisorContext = await browser.newContext();
  const reviewer = await supervisorContext.newPage();
  const reviewItem = (id: string) => reviewer.getByTestId(`review-item-${id}`);
  await logIn(reviewer, supervisorEmail, supervisorPassword);
  await reviewer.getByRole("navigation", { name: "Console" }).first().getByRole("link", { name: "Review queue" }).click();
  await expect(reviewer.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  await showStore(reviewer, store);

  const counts = reviewer.getByRole("region", { name: "Observations by status" });
  const pendingCount = reviewer.getByTestId("count-PENDING");
  await expect(pendingCount).toContainText(String(extracted.length));
  await expect(reviewer.getByRole("region", { name: "Keyboard shortcuts" })).toContainText("approve");

  // Each item shows its profile and, beside it, the messages it came from (highlighted).
  const first = reviewItem(parcel);
  await expect(first).toContainText("Dana Whitfield");
  await expect(first).toContainText(profileId);
  const sources = first.getByRole("region", { name: /^Source messages of/ });
  await expect(sources.locator('[data-source="true"]')).toContainText("my parcel was due Monday");
  await expect(sources.locator('[data-source="true"]')).toContainText("Dana Whitfield");

  // The other order puts the least certain first; back to oldest first.
  await reviewer.getByRole("link", { name: "Lowest confidence first" }).click();
  await expect(reviewer).toHaveURL(/sort=lowestConfidence/);
  await expect(reviewer.getByRole("feed").getByRole("article").first()).toContainText(/frustrated|email/i);
  await reviewer.getByRole("link", { name: "Oldest first" }).click();
  await expect(reviewer.getByRole("feed").getByRole("article").first()).toHaveAttribute("data-testid", `review-item-${parcel}`);

  // j / k move a visible focus; a approves the focused one.
  await reviewer.keyboard.press("j");
  await expect(reviewItem(morning)).toBeFocused();
  await reviewer.keyboard.press("k");
  await expect(reviewItem(parcel)).toBeFocused();
  await reviewer.keyboard.press("a");
  await expect(reviewItem(parcel)).toHaveCount(0);
  await expect(reviewer.getByRole("status").filter({ hasText: "1 observation approved" })).toBeVisible();
  await expect(pendingCount).toContainText(String(extracted.length - 1));
  await expect(counts.getByTestId("count-APPROVED")).toContainText("1");
  await expect(reviewItem(morning)).toBeFocused();

  // e edits; the guard's refusal shows under the field and nothing changes; Enter saves and approves.
  await reviewer.keyboard.press("e");
  const editor = reviewer.getByLabel("Edit observation");
  await expect(editor).toBeFocused();
  await editor.fill("Has type 2 diabetes");
  await editor.press("Enter");
  await expect(reviewItem(morning).getByRole("alert")).toContainText("HEALTH");
  await expect(editor).toBeVisible();
  await editor.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(reviewItem(morning)).toBeFocused();
  await reviewer.keyboard.press("e");
  await reviewer.getByLabel("Edit observation").fill("Prefers deliveries before noon");
  await reviewer.getByLabel("Edit observation").press("Enter");
  await expect(reviewItem(morning)).toHaveCount(0);
  await expect(reviewer.getByRole("status").filter({ hasText: "approved with your edit" })).toBeVisible();

  // r rejects the focused one (the next in line).
  await expect(reviewItem(lisbon)).toBeFocused();
  await reviewer.keyboard.press("r");
  await expect(reviewItem(lisbon)).toHaveCount(0);

  // Bulk: approve two selected; reject one after confirming.
  await reviewItem(nurse).getByRole("checkbox").check();
  await reviewItem(cats).getByRole("checkbox").check();
  await expect(reviewer.getByRole("toolbar", { name: "Bulk review" })).toContainText("2 selected");
  await reviewer.getByRole("button", { name: "Approve selected" }).click();
  await expect(reviewItem(nurse)).toHaveCount(0);
  await expect(reviewItem(cats)).toHaveCount(0);
  await reviewItem(porto).getByRole("checkbox").check();
  await reviewer.getByRole("button", { name: "Reject selected" }).click();
  const dialog = reviewer.getByRole("dialog", { name: "Reject 1 observation?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reject 1 observation" }).click();
  await expect(reviewItem(porto)).toHaveCount(0);
  await expect(pendingCount).toContainText(String(extracted.length - 6));
  await expect(counts.getByTestId("count-REJECTED")).toContainText("2");

  // The API agrees, and Recall no longer returns what was rejected.
  const after = new Map((await listObservations(request, store.id, profileId)).map((observation) => [observation.id, observation]));
  expect(after.get(parcel)?.status).toBe("APPROVED");
  expect(after.get(morning)).toMatchObject({ status: "APPROVED", content: "Prefers deliveries before noon" });
  expect(after.get(lisbon)?.status).toBe("REJECTED");
  expect(after.get(nurse)?.status).toBe("APPROVED");
  expect(after.get(cats)?.status).toBe("APPROVED");
  expect(after.get(porto)?.status).toBe("REJECTED");
  const recalled = async (query: string) => {
    const response = await request.post(`/v1/Stores/${store.id}/Profiles/${profileId}/Recall`, { headers: bootstrapHeaders, data: { query } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { observations: { id: string }[] }).observations.map((observation) => observation.id);
  };
  const lisbonRecall = await recalled("Where does she live? Lisbon");
  expect(lisbonRecall).not.toContain(lisbon);
  expect(await recalled("moving to Porto next month")).not.toContain(porto);
  expect(await recalled("works as a nurse")).toContain(nurse);

  // Demoted to AGENT while the page is open: the server refuses the next review, the list rolls back.
  const remaining = [...after.values()].find((observation) => observation.status === "PENDING");
  expect(remaining).toBeTruthy();
  await adminPage.goto("/users");
  const row = adminPage.getByTestId(`user-row-${supervisorEmail}`);
  await row.getByRole("combobox", { name: `Role of ${supervisorEmail}`, exact: true }).selectOption("AGENT");
  await row.getByRole("button", { name: `Save role of ${supervisorEmail}` }).click();
  await expect(row.getByRole("button", { name: `Save role of ${supervisorEmail}` })).toHaveText("Save");
  await adminPage.reload();
  await expect(row.getByRole("combobox", { name: `Role of ${supervisorEmail}`, exact: true })).toHaveValue("AGENT");

  await reviewItem(remaining!.id).getByRole("button", { name: /^Approve/ }).click();
  await expect(reviewer.getByRole("alert").filter({ hasText: "Nothing was changed" })).toContainText("SUPERVISOR");
  await expect(reviewItem(remaining!.id)).toBeVisible();
  expect((await listObservations(request, store.id, profileId)).find((observation) => observation.id === remaining!.id)?.status).toBe("PENDING");

  // …and can no longer open the page, nor see it in the navigation.
  await reviewer.reload();
  await expect(reviewer.getByText("403 · Not allowed")).toBeVisible();
  await expect(reviewer.getByRole("feed")).toHaveCount(0);
  await expect(reviewer.getByRole("navigation", { name: "Console" }).first().getByRole("link", { name: "Review queue" })).toHaveCount(0);
  await supervisorContext.close();
});

test("the review queue says so when there is nothing to review", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-review-empty"));
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await showStore(page, store);
  await expect(page.getByRole("heading", { name: "Nothing to review" })).toBeVisible();
  await expect(page.getByTestId("count-PENDING")).toContainText("0");
});
