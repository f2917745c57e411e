import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";
import { createUserInConsole, openInStore, signedInPage } from "./console-user-helpers";

// The handoff preview as a supervisor meets it: a closed conversation sent through the API (the
// server's worker extracts what the customer said), then the same customer back on a live chat.
// Picking the live chat shows what an agent would receive — including the memory from the earlier
// conversation, with its citation — and the prompt text, which is copied. An AGENT may not see it.

const minute = 60_000;
let store: StoreSummary;
let closedId: string;
let activeId: string;
const agentEmail = `${uniqueName("handoff-agent")}@e2e.test`;
const supervisorEmail = `${uniqueName("handoff-supervisor")}@e2e.test`;
const userPassword = "handoff-password-1";


async function ingest(request: APIRequestContext, data: Record<string, unknown>): Promise<{ id: string; participants: { profileId: string | null }[] }> {
  const response = await request.post(`/v1/Stores/${store.id}/Conversations`, { headers: bootstrapHeaders, data });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; participants: { profileId: string | null }[] };
}

async function openStore(page: Page): Promise<void> {
  await openInStore(page, "/handoff-preview", store);
  await expect(page.getByTestId(`pick-${activeId}`)).toBeVisible();
}

test.beforeAll(async ({ request, browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
  await createUserInConsole(admin, supervisorEmail, "SUPERVISOR", userPassword);
  await createUserInConsole(admin, agentEmail, "AGENT", userPassword);
  await adminContext.close();

  store = await createStoreThroughApi(request, uniqueName("e2e-handoff"));
  const start = Date.now() - 3 * 24 * 60 * minute;
  const customer = { type: "CUSTOMER", name: "Dana Whitfield", addresses: [{ channel: "CHAT", address: "e2e-handoff-dana" }] };
  const agent = { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "e2e-handoff-sam" }] };
  const lines: [string, string][] = [
    ["customer", "Hi, my parcel was due Monday and it still hasn't arrived."],
    ["agent", "Sorry about that. Would you like a refund or a replacement?"],
    ["customer", "A replacement please. I always prefer deliveries in the morning."],
    ["agent", "No problem, the replacement ships tomorrow morning."],
  ];
  const closed = await ingest(request, {
    channel: "CHAT",
    status: "CLOSED",
    participants: [customer, agent],
    communications: lines.map(([speaker, text], index) => ({
      author: { channel: "CHAT", address: speaker === "customer" ? "e2e-handoff-dana" : "e2e-handoff-sam" },
      content: { text },
      occurredAt: new Date(start + index * minute).toISOString(),
    })),
  });
  closedId = closed.id;
  const profileId = closed.participants[0].profileId;
  expect(profileId).toBeTruthy();
  await expect
    .poll(
      async () => {
        const response = await request.get(`/v1/Stores/${store.id}/Profiles/${profileId}/Observations`, { headers: bootstrapHeaders });
        const { observations } = (await response.json()) as { observations: { content: string }[] };
        return observations.some((observation) => /morning/i.test(observation.content));
      },
      { timeout: 15_000, intervals: [100, 250, 500] },
    )
    .toBe(true);

  const active = await ingest(request, {
    channel: "CHAT",
    status: "ACTIVE",
    participants: [customer],
    communications: [{ author: { channel: "CHAT", address: "e2e-handoff-dana" }, content: { text: "Hello again, when will my delivery arrive? Morning is best." }, occurredAt: new Date(Date.now() - minute).toISOString() }],
  });
  activeId = active.id;
  expect(active.participants[0].profileId).toBe(profileId);
});

test("a SUPERVISOR picks an active conversation and sees the earlier conversation's memory with its citation, then copies the prompt text", async ({ page, context: browserContext }) => {
  await browserContext.grantPermissions(["clipboard-read", "clipboard-write"]);
  await logIn(page, supervisorEmail, userPassword);
  await openStore(page);
  // The closed conversation is not offered among the live ones.
  await expect(page.getByTestId(`pick-${closedId}`)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No conversation picked" })).toBeVisible();

  // Search by the customer's address, then pick the conversation.
  await page.getByRole("searchbox", { name: "Find an active conversation" }).fill("e2e-handoff-dana");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=e2e-handoff-dana/);
  await page.getByRole("link", { name: `Preview conversation ${activeId}` }).click();
  await expect(page).toHaveURL(new RegExp(`conversationId=${activeId}`));

  const handoff = page.getByTestId("handoff-context");
  await expect(handoff).toBeVisible();
  await expect(handoff.getByRole("heading", { name: /^Customer: / })).toBeVisible();
  const morning = handoff.getByRole("region", { name: "Ranked observations" }).getByRole("listitem").filter({ hasText: /morning/i }).first();
  await expect(morning).toBeVisible();
  await expect(morning).toContainText(/\[\d+\]/);
  const cited = morning.getByRole("link", { name: /^conversation / });
  await expect(cited).toHaveAttribute("href", `/conversations/${closedId}`);
  await expect(handoff.getByRole("region", { name: "Recent messages" })).toContainText("Hello again, when will my delivery arrive?");

  // The text block is the Context endpoint's own `text` (waiting out background work, e.g. embeddings, that may re-rank).
  const block = handoff.getByLabel("Prompt-ready handoff text");
  await expect(async () => {
    await handoff.getByRole("button", { name: "Refresh" }).click();
    await expect(handoff.getByRole("button", { name: "Refresh" })).toBeEnabled();
    const api = await page.request.get(`/v1/Stores/${store.id}/Conversations/${activeId}/Context`, { headers: bootstrapHeaders });
    expect(api.status()).toBe(200);
    const { text } = (await api.json()) as { text: string };
    expect(await block.textContent()).toBe(text);
  }).toPass({ timeout: 20_000 });
  await expect(block).toContainText(/^Conversation conv_conversation_\w+ \(CHAT, ACTIVE\)/);
  await expect(block).toContainText(/morning.*\[\d+\]/i);
  await expect(block).toContainText(`from conversation ${closedId}`);

  await handoff.getByRole("button", { name: "Copy text" }).click();
  await expect(handoff.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await block.textContent());

  // A cited message opens on its conversation's page, marked.
  const messageLink = morning.getByRole("link", { name: /^Cited message 1 of citation/ });
  await messageLink.click();
  await expect(page).toHaveURL(new RegExp(`/conversations/${closedId}\\?message=`));
  await expect(page.getByText("Cited message", { exact: true })).toBeVisible();

  // An id that is not in this store: a clear not-found state.
  await page.goto("/handoff-preview?conversationId=conv_conversation_01jz0000000000000000000000");
  await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
});

test("without clipboard access, Copy selects the text block and says how to copy it", async ({ page }) => {
  // As on plain HTTP or with the permission refused: no async clipboard, and execCommand fails.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    document.execCommand = () => false;
  });
  await logIn(page, supervisorEmail, userPassword);
  await openStore(page);
  await page.goto(`/handoff-preview?conversationId=${activeId}`);
  const handoff = page.getByTestId("handoff-context");
  await handoff.getByRole("button", { name: "Copy text" }).click();
  await expect(handoff.getByRole("status").filter({ hasText: "press Ctrl+C" })).toBeVisible();
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? "");
  expect(selected).toBe(await handoff.getByLabel("Prompt-ready handoff text").textContent());
});

test("an AGENT gets the forbidden state on the handoff preview and no link to it", async ({ browser }) => {
  const agentPage = await signedInPage(browser, agentEmail, userPassword);
  await openInStore(agentPage, "/conversations", store);
  await expect(agentPage.getByRole("navigation").getByRole("link", { name: "Handoff preview" })).toHaveCount(0);

  await agentPage.goto(`/handoff-preview?conversationId=${activeId}`);
  await expect(agentPage.getByText("403 · Not allowed")).toBeVisible();
  await expect(agentPage.getByTestId("handoff-context")).toHaveCount(0);
  await expect(agentPage.getByText("Hello again, when will my delivery arrive?")).toHaveCount(0);

  // The conversation itself is open to agents, without the preview link.
  await agentPage.goto(`/conversations/${activeId}`);
  await expect(agentPage.getByRole("heading", { name: "Chat conversation", level: 1 })).toBeVisible();
  await expect(agentPage.getByRole("link", { name: "Preview handoff" })).toHaveCount(0);
  await agentPage.context().close();
});
