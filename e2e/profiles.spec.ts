import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";

// The Profiles pages as an admin and an agent meet them: data written through the API with the
// bootstrap key (profiles whose phones arrive in messy formats, a closed conversation that the
// server's worker extracts), then searched, opened, corrected and recalled in the browser.

let store: StoreSummary;
let adaId: string;
const agentEmail = `${uniqueName("profiles-agent")}@e2e.test`;
const agentPassword = "agent-password-1";

async function createProfile(request: APIRequestContext, traits: Record<string, Record<string, string>>): Promise<string> {
  const response = await request.post(`/v1/Stores/${store.id}/Profiles`, { headers: bootstrapHeaders, data: { traits } });
  expect(response.status()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function openStore(page: Page): Promise<void> {
  await page.goto("/profiles");
  const switcher = page.getByRole("combobox", { name: "Store", exact: true });
  await switcher.selectOption({ label: store.displayName });
  // The select changes at once; the store is chosen when the server has answered with its profiles.
  await expect(page.getByRole("link", { name: "Charles Babbage" })).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  store = await createStoreThroughApi(request, uniqueName("e2e-profiles"));
  adaId = await createProfile(request, { Contact: { firstName: "Ada", lastName: "Lovelace", phone: "(415) 555-0123", email: "Ada.Lovelace@Example.com" } });
  await createProfile(request, { Contact: { firstName: "Charles", lastName: "Babbage", phone: "+44 20 7946 0958" } });
  await createProfile(request, { Contact: { firstName: "Mary", lastName: "Somerville", phone: "1-212-555-0188" } });

  // A closed SMS conversation from Ada's number, written in yet another format: it finds her profile
  // and the server's worker extracts observations from it.
  const minute = 60_000;
  const start = Date.now() - 20 * minute;
  const lines: [string, string][] = [
    ["customer", "Hi, my telescope order arrived with a cracked lens."],
    ["agent", "Sorry to hear that. Shall we send a replacement?"],
    ["customer", "Yes please. I always prefer deliveries in the morning."],
    ["agent", "Done, it ships tomorrow."],
  ];
  const ingested = await request.post(`/v1/Stores/${store.id}/Conversations`, {
    headers: bootstrapHeaders,
    data: {
      channel: "SMS",
      status: "CLOSED",
      participants: [
        { type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+1 415.555.0123" }] },
        { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "SMS", address: "+14155559999" }] },
      ],
      communications: lines.map(([speaker, text], index) => ({
        author: { channel: "SMS", address: speaker === "customer" ? "+1 415.555.0123" : "+14155559999" },
        content: { text },
        occurredAt: new Date(start + index * minute).toISOString(),
      })),
    },
  });
  expect(ingested.status()).toBe(201);
  const conversation = (await ingested.json()) as { participants: { profileId: string | null }[] };
  expect(conversation.participants[0].profileId).toBe(adaId);
  await expect
    .poll(
      async () => {
        const response = await request.get(`/v1/Stores/${store.id}/Profiles/${adaId}/Observations`, { headers: bootstrapHeaders });
        return ((await response.json()) as { observations: unknown[] }).observations.length;
      },
      { timeout: 15_000, intervals: [100, 250, 500] },
    )
    .toBeGreaterThan(0);
});

test("search by a differently formatted phone finds the profile; an admin edits a trait inline, reads an observation's source message and runs the recall playground", async ({ page }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openStore(page);
  const table = page.getByRole("table", { name: "Profiles, newest first" });
  await expect(table.getByRole("link", { name: "Ada Lovelace" })).toBeVisible();

  // Stored as +14155550123; typed the way a person reads it off a screen.
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("415 555 0123");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=415\+555\+0123/);
  await expect(page.getByTestId("search-interpretation")).toContainText("+14155550123");
  await expect(table.getByRole("row")).toHaveCount(2); // the header and Ada
  await expect(page.getByTestId(`profile-row-${adaId}`)).toContainText("SMS");
  await expect(page.getByTestId(`profile-row-${adaId}`)).toContainText("to review");

  // An email in other case, and a filter that excludes her.
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("ADA.LOVELACE@example.com");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId(`profile-row-${adaId}`)).toBeVisible();
  await page.getByLabel("Channel").selectOption("EMAIL");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No profiles match")).toBeVisible();
  await page.getByLabel("Channel").selectOption("SMS");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: "Ada Lovelace" }).click();

  await expect(page.getByRole("heading", { name: "Ada Lovelace", level: 1 })).toBeVisible();
  await expect(page.getByTestId("identifier-phone-+14155550123")).toBeVisible();
  await expect(page.getByTestId("identity-history")).toContainText("+14155550123");

  // Inline edit: a value its definition refuses shows the field's error; a valid one is saved.
  const address = page.getByTestId("trait-Contact.address");
  await address.getByRole("button", { name: "Edit Contact.address" }).click();
  await address.getByRole("textbox").fill("x".repeat(501));
  await address.getByRole("button", { name: "Save" }).click();
  await expect(address.getByRole("alert")).toContainText(/500/);
  await address.getByRole("textbox").fill("12 Marylebone Road, London");
  await address.getByRole("button", { name: "Save" }).click();
  await expect(address.getByTestId("trait-value")).toHaveText("12 Marylebone Road, London");
  await page.reload();
  await expect(page.getByTestId("trait-Contact.address").getByTestId("trait-value")).toHaveText("12 Marylebone Road, London");

  // Provenance: an extracted observation opens onto the very message it came from.
  const observations = page.getByRole("region", { name: "Observations", exact: true });
  const morning = observations.locator("li", { hasText: /morning/i }).first();
  await morning.getByText(/Source messages/).click();
  await expect(morning.getByText("I always prefer deliveries in the morning.")).toBeVisible();
  await morning.getByText(/Revision history/).click();
  await expect(morning).toContainText(/v1 · created/);

  // The recall playground ranks her memories and explains each score.
  const playground = page.getByRole("region", { name: "Recall playground", exact: true });
  await playground.getByLabel("Query").fill("when should deliveries arrive");
  await playground.getByRole("button", { name: "Recall" }).click();
  const results = playground.getByTestId("recall-results");
  await expect(results).toContainText(/morning/i);
  await expect(results.getByTestId("recall-explain").first()).toContainText("lexical");
});

test("an AGENT reads profiles and uses the playground but cannot edit them", async ({ page, browser }) => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Email").fill(agentEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("AGENT");
  await page.getByLabel("Initial password").fill(agentPassword);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId(`user-row-${agentEmail}`)).toContainText("Active");

  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await logIn(agentPage, agentEmail, agentPassword);
  await openStore(agentPage);
  await agentPage.getByRole("searchbox", { name: "Search", exact: true }).fill("+1 (212) 555-0188");
  await agentPage.getByRole("button", { name: "Search", exact: true }).click();
  await agentPage.getByRole("link", { name: "Mary Somerville" }).click();
  await expect(agentPage.getByRole("heading", { name: "Mary Somerville", level: 1 })).toBeVisible();
  await expect(agentPage.getByText("Correcting traits and identifiers, exporting and erasing are for admins.")).toBeVisible();
  await expect(agentPage.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await expect(agentPage.getByRole("form", { name: "Add an identifier" })).toHaveCount(0);
  await expect(agentPage.getByRole("button", { name: "Erase…" })).toHaveCount(0);

  const playground = agentPage.getByRole("region", { name: "Recall playground", exact: true });
  await playground.getByRole("button", { name: "Recall" }).click();
  await expect(playground.getByTestId("recall-results")).toBeVisible();
  await agentContext.close();
});

test("an admin adds an identifier another profile holds, sees the merge, and the merged-away id opens the survivor; erase needs the typed name", async ({ page, request }) => {
  const ida = await createProfile(request, { Contact: { firstName: "Ida", lastName: "Rhodes", email: "ida.rhodes@example.com" } });
  const duplicate = await createProfile(request, { Contact: { firstName: "Ida", lastName: "R.", phone: "(646) 555-0142" } });
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await openStore(page);
  await page.goto(`/profiles/${ida}`);
  const form = page.getByRole("form", { name: "Add an identifier" });
  await form.getByLabel("Type").selectOption("phone");
  await form.getByLabel("Value").fill("646.555.0142");
  await form.getByRole("button", { name: "Add identifier" }).click();
  await expect(page.getByText(/Added \+16465550142/)).toBeVisible();
  await expect(page.getByTestId("identifier-phone-+16465550142")).toBeVisible();

  // The merged-away id redirects to the survivor.
  const survivor = ida < duplicate ? ida : duplicate;
  await page.goto(`/profiles/${ida === survivor ? duplicate : ida}`);
  await expect(page).toHaveURL(new RegExp(`/profiles/${survivor}`));
  await expect(page.getByText("was merged into this profile")).toBeVisible();

  // Erase: a wrong confirmation is refused; the display name erases.
  const name = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  await page.getByRole("button", { name: "Erase…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/to confirm/).fill("not the name");
  await dialog.getByRole("button", { name: "Erase profile" }).click();
  await expect(dialog.getByRole("alert")).toContainText("exactly");
  await dialog.getByLabel(/to confirm/).fill(name);
  await dialog.getByRole("button", { name: "Erase profile" }).click();
  await expect(page).toHaveURL(/\/profiles\?erased=/);
  await expect(page.getByText(`Profile ${survivor} was erased`)).toBeVisible();
  const gone = await request.get(`/v1/Stores/${store.id}/Profiles/${survivor}`, { headers: bootstrapHeaders });
  expect(gone.status()).toBe(404);
});
