import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName } from "./console-helpers";

// Capture as a new user meets it: a support conversation sent closed through the API against
// `npm start` — whose in-process worker runs the extraction — gives observations within seconds,
// and the store's usage page shows what the guard kept out.
test("a closed conversation gives reviewable observations and a summary within seconds; the guard's exclusions show on the usage page", async ({ page, request }) => {
  const store = await createStoreThroughApi(request, uniqueName("e2e-capture"));
  const minute = 60_000;
  const start = Date.now() - 30 * minute;
  const lines: [string, string][] = [
    ["customer", "Hi, my parcel was due Monday and it still hasn't arrived."],
    ["agent", "Sorry about that. Would you like a refund or a replacement?"],
    ["customer", "A replacement please. I always prefer deliveries in the morning."],
    ["customer", "My card is 4111 1111 1111 1111 if you need it."],
    ["agent", "No need, the replacement ships tomorrow morning."],
  ];
  const sent = Date.now();
  const ingested = await request.post(`/v1/Stores/${store.id}/Conversations`, {
    headers: bootstrapHeaders,
    data: {
      channel: "CHAT",
      status: "CLOSED",
      participants: [
        { type: "CUSTOMER", name: "Dana Whitfield", addresses: [{ channel: "CHAT", address: "e2e-dana" }] },
        { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "e2e-sam" }] },
      ],
      communications: lines.map(([speaker, text], index) => ({
        author: { channel: "CHAT", address: speaker === "customer" ? "e2e-dana" : "e2e-sam" },
        content: { text },
        occurredAt: new Date(start + index * minute).toISOString(),
      })),
    },
  });
  expect(ingested.status()).toBe(201);
  const conversation = (await ingested.json()) as { participants: { profileId: string | null }[] };
  const profileId = conversation.participants[0].profileId;
  expect(profileId).toBeTruthy();

  let observations: { content: string; status: string; communicationIds: string[] }[] = [];
  await expect
    .poll(async () => {
      const response = await request.get(`/v1/Stores/${store.id}/Profiles/${profileId}/Observations`, { headers: bootstrapHeaders });
      observations = ((await response.json()) as { observations: typeof observations }).observations;
      return observations.length;
    }, { timeout: 10_000, intervals: [50, 100, 250] })
    .toBeGreaterThan(0);
  expect(Date.now() - sent).toBeLessThan(10_000);
  const contents = observations.map((observation) => observation.content).join(" | ");
  expect(contents).toMatch(/morning/i);
  expect(contents).not.toMatch(/4111/);
  for (const observation of observations) {
    expect(observation.status).toBe("PENDING");
    expect(observation.communicationIds.length).toBeGreaterThan(0);
  }
  const summaries = await request.get(`/v1/Stores/${store.id}/Profiles/${profileId}/ConversationSummaries`, { headers: bootstrapHeaders });
  expect(((await summaries.json()) as { summaries: unknown[] }).summaries).toHaveLength(1);

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/store-settings");
  await page.getByRole("combobox", { name: "Store", exact: true }).selectOption({ label: store.displayName });
  await expect(page.getByRole("region", { name: "Guard: data kept out" })).toContainText("Payment card");
  await expect(page.getByRole("table", { name: "Latest extraction runs" })).toContainText("builtin");
});
