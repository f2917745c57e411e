import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";
import { openInStore } from "./console-user-helpers";

// The Conversations browser as an admin meets it: conversations sent through the API with the
// bootstrap key on two channels, filtered in the browser, one opened onto its messages and the
// profile its customer resolved to.

const minute = 60_000;
let store: StoreSummary;
let smsId: string;
let emailId: string;
let adaProfileId: string;

type IngestedConversation = { id: string; participants: { profileId: string | null }[] };

async function ingest(request: APIRequestContext, data: Record<string, unknown>): Promise<IngestedConversation> {
  const response = await request.post(`/v1/Stores/${store.id}/Conversations`, { headers: bootstrapHeaders, data });
  expect(response.status()).toBe(201);
  return (await response.json()) as IngestedConversation;
}

async function openStore(page: Page): Promise<void> {
  await openInStore(page, "/conversations", store);
  await expect(page.getByTestId(`conversation-row-${smsId}`)).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  store = await createStoreThroughApi(request, uniqueName("e2e-conversations"));
  const start = Date.now() - 60 * minute;
  const sms = await ingest(request, {
    channel: "SMS",
    status: "CLOSED",
    participants: [
      { type: "CUSTOMER", name: "Ada Lovelace", addresses: [{ channel: "SMS", address: "+1 415 555 0123" }] },
      { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "SMS", address: "+14155559999" }] },
    ],
    communications: [
      { author: { channel: "SMS", address: "+1 415 555 0123" }, content: { text: "My analytical engine manual is missing page 12." }, occurredAt: new Date(start).toISOString() },
      { author: { channel: "SMS", address: "+14155559999" }, content: { text: "I'll email you a scan of it right away." }, occurredAt: new Date(start + minute).toISOString() },
    ],
  });
  smsId = sms.id;
  adaProfileId = sms.participants[0].profileId!;
  expect(adaProfileId).toBeTruthy();
  const email = await ingest(request, {
    channel: "EMAIL",
    status: "ACTIVE",
    participants: [{ type: "CUSTOMER", name: "Charles Babbage", addresses: [{ channel: "EMAIL", address: "charles@example.org" }] }],
    communications: [{ author: { channel: "EMAIL", address: "charles@example.org" }, content: { text: "Is the difference engine in stock?" }, occurredAt: new Date(start + 30 * minute).toISOString() }],
  });
  emailId = email.id;
});

test("filter conversations by channel, open one onto its messages, and follow its customer to their profile", async ({ page }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openStore(page);
  const table = page.getByRole("table", { name: "Conversations, latest activity first" });
  // Latest activity first: the email (30 minutes later) above the SMS.
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toHaveAttribute("data-testid", `conversation-row-${emailId}`);
  const smsRow = page.getByTestId(`conversation-row-${smsId}`);
  await expect(smsRow).toContainText("Closed");
  await expect(smsRow).toContainText("Ada Lovelace");
  await expect(smsRow.getByRole("link", { name: /^Ada Lovelace: open profile/ })).toHaveAttribute("href", `/profiles/${adaProfileId}`);

  await page.getByLabel("Channel").selectOption("SMS");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/channel=SMS/);
  await expect(page.getByTestId(`conversation-row-${emailId}`)).toHaveCount(0);
  await expect(smsRow).toBeVisible();

  await page.getByLabel("Status").selectOption("ACTIVE");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No conversations match")).toBeVisible();

  // An end date before the start date is refused with the field's error, not an empty list.
  await page.goto("/conversations?from=2026-11-30&to=2026-11-01");
  await expect(page.getByRole("alert").filter({ hasText: "The end date is before the start date" }).first()).toBeVisible();

  await page.goto("/conversations?channel=SMS");
  await smsRow.getByRole("link", { name: smsId }).click();
  await expect(page.getByRole("heading", { name: "SMS conversation", level: 1 })).toBeVisible();
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("listitem")).toHaveCount(2);
  await expect(messages.getByRole("listitem").first()).toContainText("My analytical engine manual is missing page 12.");
  await expect(messages.getByRole("listitem").last()).toContainText("I'll email you a scan of it right away.");
  const participants = page.getByRole("list", { name: "Participants" });
  await expect(participants).toContainText("+1 415 555 0123");
  await expect(participants).toContainText("Agents have no profile");
  // An admin may preview the handoff of any conversation.
  await expect(page.getByRole("link", { name: "Preview handoff" })).toHaveAttribute("href", `/handoff-preview?conversationId=${smsId}`);

  await participants.getByRole("link", { name: /^Profile: / }).click();
  await expect(page).toHaveURL(new RegExp(`/profiles/${adaProfileId}$`));
  await expect(page.getByRole("region", { name: "Conversations", exact: true })).toContainText(smsId);
});

test("an unknown conversation id shows a clear not-found state", async ({ page }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openStore(page);
  await page.goto("/conversations/conv_conversation_01jz0000000000000000000000");
  await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
});
