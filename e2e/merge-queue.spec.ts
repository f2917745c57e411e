import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./e2e-environment";
import { bootstrapHeaders, createStoreThroughApi, logIn, uniqueName, type StoreSummary } from "./console-helpers";
import { createUserInConsole, openInStore } from "./console-user-helpers";

// The merge queue as admins work it: a store in review merge mode gets records that match two
// profiles each (through the API with the bootstrap key), so merges wait for an admin. The admin
// compares the two profiles side by side, approves one merge (after confirming), rejects the
// other, and undoes the approved one from the Applied tab; the API shows both profiles back. The
// ADMIN role is enforced by the server: a SUPERVISOR gets the 403 state, and an approval sent
// after its sender was demoted is refused and changes nothing.

type Merge = { id: string; status: string; survivorProfileId: string; sourceProfileId: string };

async function useReviewMergeMode(request: APIRequestContext, storeId: string): Promise<void> {
  const url = `/v1/ControlPlane/Stores/${storeId}/IdentityResolutionSettings`;
  const current = await request.get(url, { headers: bootstrapHeaders });
  expect(current.status()).toBe(200);
  const { identifierConfigs, matchingRules } = (await current.json()) as { identifierConfigs: unknown[]; matchingRules: string[] };
  const saved = await request.put(url, { headers: bootstrapHeaders, data: { identifierConfigs, matchingRules, mergeMode: "review" } });
  expect(saved.status()).toBe(202);
}

async function createProfile(request: APIRequestContext, storeId: string, contact: Record<string, string>): Promise<string> {
  const response = await request.post(`/v1/Stores/${storeId}/Profiles`, { headers: bootstrapHeaders, data: { traits: { Contact: contact } } });
  expect(response.status()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

/** Two customers, then a record with both their identifiers: review mode files a PENDING merge. */
async function proposeMerge(request: APIRequestContext, storeId: string, survivor: Record<string, string>, source: Record<string, string>): Promise<Merge> {
  const survivorId = await createProfile(request, storeId, survivor);
  const sourceId = await createProfile(request, storeId, source);
  await createProfile(request, storeId, { email: survivor.email, phone: source.phone });
  const merges = await listMerges(request, storeId, `status=PENDING&profileId=${sourceId}`);
  expect(merges).toHaveLength(1);
  expect(merges[0]).toMatchObject({ survivorProfileId: survivorId, sourceProfileId: sourceId });
  return merges[0];
}

async function listMerges(request: APIRequestContext, storeId: string, query: string): Promise<Merge[]> {
  const response = await request.get(`/v1/Stores/${storeId}/Merges?${query}`, { headers: bootstrapHeaders });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { merges: Merge[] }).merges;
}

async function mergeStatus(request: APIRequestContext, storeId: string, mergeId: string): Promise<string | undefined> {
  return (await listMerges(request, storeId, "pageSize=100")).find((merge) => merge.id === mergeId)?.status;
}

/** The profile's status without following a merged-away id's redirect to its survivor. */
async function profileStatus(request: APIRequestContext, storeId: string, profileId: string): Promise<number> {
  return (await request.get(`/v1/Stores/${storeId}/Profiles/${profileId}`, { headers: bootstrapHeaders, maxRedirects: 0 })).status();
}

async function showStore(page: Page, store: StoreSummary, firstMergeId: string): Promise<void> {
  await openInStore(page, "/merge-queue", store);
  await expect(page.getByTestId(`merge-item-${firstMergeId}`)).toBeVisible();
}

test("an admin compares two profiles, approves a merge, rejects another, and undoes the approved one", async ({ page, request }) => {
  test.setTimeout(120_000);
  const store = await createStoreThroughApi(request, uniqueName("e2e-merges"));
  await useReviewMergeMode(request, store.id);
  const ada = await proposeMerge(request, store.id, { firstName: "Ada", lastName: "Byron", email: "ada.byron@example.com", address: "12 St James's Square" }, { firstName: "Augusta", lastName: "King", phone: "(415) 555-0142", address: "Ockham Park" });
  const grace = await proposeMerge(request, store.id, { firstName: "Grace", lastName: "Hopper", email: "grace@example.com" }, { firstName: "Amazing", lastName: "Grace", phone: "+1 212 555 0199" });

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole("navigation", { name: "Console" }).first().getByRole("link", { name: "Merge queue" }).click();
  await expect(page.getByRole("heading", { name: "Merge queue", level: 1 })).toBeVisible();
  await showStore(page, store, ada.id);
  await expect(page.getByTestId("tab-pending")).toContainText("2");

  // Oldest first, the first one open: both profiles side by side with the evidence.
  const items = page.getByRole("list", { name: "Merges waiting for review" }).getByRole("button");
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId(`merge-item-${ada.id}`)).toHaveAttribute("aria-current", "true");
  const comparison = page.getByTestId("merge-comparison");
  await expect(page.getByTestId("merge-evidence")).toContainText("phone +14155550142");
  await expect(page.getByTestId("comparison-survivor")).toContainText("Ada Byron");
  await expect(page.getByTestId("comparison-survivor")).toContainText(ada.survivorProfileId);
  await expect(page.getByTestId("comparison-source")).toContainText("Augusta King");
  await expect(page.getByTestId("comparison-source").getByRole("link", { name: "Augusta King" })).toHaveAttribute("href", `/profiles/${ada.sourceProfileId}`);
  await expect(page.getByTestId("comparison-survivor").getByRole("link", { name: "Ada Byron" })).toHaveAttribute("href", `/profiles/${ada.survivorProfileId}`);
  await expect(comparison.getByTestId("identifier-row-email")).toContainText("ada.byron@example.com");
  await expect(comparison.getByTestId("identifier-row-email")).toContainText("Survivor only");
  await expect(comparison.getByTestId("identifier-row-phone")).toContainText("+14155550142");
  await expect(comparison.getByTestId("identifier-row-phone")).toContainText("Folded-in only");
  await expect(comparison.getByTestId("trait-row-Contact.lastName")).toContainText("Byron");
  await expect(comparison.getByTestId("trait-row-Contact.lastName")).toContainText("King");
  await expect(comparison.getByTestId("trait-row-Contact.lastName")).toContainText("Differs");
  await expect(comparison.getByTestId("trait-row-Contact.address")).toContainText("Ockham Park");
  await expect(page.getByTestId("comparison-source-conversations")).toHaveText("0");

  // j / k move through the queue and the comparison follows.
  await page.keyboard.press("j");
  await expect(page.getByTestId(`merge-item-${grace.id}`)).toBeFocused();
  await expect(page.getByTestId("comparison-source")).toContainText("Amazing Grace");
  await page.keyboard.press("k");
  await expect(page.getByTestId(`merge-item-${ada.id}`)).toBeFocused();
  await expect(page.getByTestId("comparison-source")).toContainText("Augusta King");

  // Approve asks first; cancelling changes nothing.
  await page.getByRole("button", { name: "Approve merge" }).click();
  const approveDialog = page.getByRole("dialog", { name: "Approve this merge?" });
  await expect(approveDialog).toContainText("Augusta King");
  await approveDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(approveDialog).toBeHidden();
  expect(await mergeStatus(request, store.id, ada.id)).toBe("PENDING");
  await page.getByRole("button", { name: "Approve merge" }).click();
  await approveDialog.getByRole("button", { name: "Approve merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged “Augusta King” into “Ada Byron”" })).toBeVisible();
  await expect(page.getByTestId(`merge-item-${ada.id}`)).toHaveCount(0);
  expect(await mergeStatus(request, store.id, ada.id)).toBe("APPLIED");
  expect(await profileStatus(request, store.id, ada.sourceProfileId)).not.toBe(200);

  // The other proposal is next; rejecting it keeps both profiles.
  await expect(page.getByTestId(`merge-item-${grace.id}`)).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("comparison-source")).toContainText("Amazing Grace");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Proposal rejected" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No merges waiting for review" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Identity rules" }).last()).toBeVisible();
  expect(await mergeStatus(request, store.id, grace.id)).toBe("REJECTED");
  expect(await profileStatus(request, store.id, grace.sourceProfileId)).toBe(200);

  // Applied: the approved merge, newest first, undone after a confirmation.
  await page.getByTestId("tab-applied").click();
  await expect(page).toHaveURL(/tab=applied/);
  // The survivor took the folded-in profile's newer name; the folded-in one is named from the undo snapshot.
  const appliedRow = page.getByTestId(`applied-merge-${ada.id}`);
  await expect(appliedRow).toContainText(ada.survivorProfileId);
  await expect(appliedRow).toContainText(ada.sourceProfileId);
  await expect(appliedRow).toContainText("Augusta King");
  await appliedRow.getByRole("button", { name: `Undo: restore Augusta King (${ada.sourceProfileId})` }).click();
  const undoDialog = page.getByRole("dialog", { name: "Undo this merge?" });
  await expect(undoDialog).toContainText(ada.sourceProfileId);
  // What comes back, read from the merge's snapshot.
  await expect(undoDialog.getByTestId("undo-preview")).toContainText("4 traits, 0 observations, 0 summaries and 0 conversations");
  await expect(undoDialog.getByRole("list", { name: "Identifiers it gets back" })).toHaveText("phone: +14155550142");
  await undoDialog.getByRole("button", { name: "Cancel" }).click();
  expect(await mergeStatus(request, store.id, ada.id)).toBe("APPLIED");
  await appliedRow.getByRole("button", { name: /^Undo: restore/ }).click();
  await undoDialog.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merge undone" })).toBeVisible();
  await expect(appliedRow).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No applied merges" })).toBeVisible();
  await expect(page.getByTestId("tab-undone")).toContainText("1");

  // Both profiles exist again, each with its own identifiers.
  expect(await mergeStatus(request, store.id, ada.id)).toBe("UNDONE");
  expect(await profileStatus(request, store.id, ada.survivorProfileId)).toBe(200);
  expect(await profileStatus(request, store.id, ada.sourceProfileId)).toBe(200);
  const restored = await request.get(`/v1/Stores/${store.id}/Profiles/${ada.sourceProfileId}/Identifiers`, { headers: bootstrapHeaders });
  expect(JSON.stringify(await restored.json())).toContain("+14155550142");
  const survivorAgain = await request.get(`/v1/Stores/${store.id}/Profiles/${ada.survivorProfileId}`, { headers: bootstrapHeaders });
  expect(JSON.stringify(await survivorAgain.json())).toContain("Byron");

  await page.getByTestId("tab-undone").click();
  await expect(page.getByTestId(`undone-merge-${ada.id}`)).toContainText("Augusta King");
});

test("a SUPERVISOR gets the 403 state; an approval sent after its admin was demoted, or after another admin decided, is refused by the server", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const store = await createStoreThroughApi(request, uniqueName("e2e-merges-roles"));
  await useReviewMergeMode(request, store.id);
  const merge = await proposeMerge(request, store.id, { firstName: "Hedy", lastName: "Lamarr", email: "hedy@example.com" }, { firstName: "Hedwig", lastName: "Kiesler", phone: "+1 310 555 0123" });

  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const supervisorEmail = `${uniqueName("merge-supervisor")}@e2e.test`;
  const secondAdminEmail = `${uniqueName("merge-admin")}@e2e.test`;
  const password = "merge-queue-password-1";
  await createUserInConsole(page, supervisorEmail, "SUPERVISOR", password);
  await createUserInConsole(page, secondAdminEmail, "ADMIN", password);

  // A supervisor neither sees the page in the navigation nor can open it.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await logIn(supervisor, supervisorEmail, password);
  await expect(supervisor.getByRole("navigation", { name: "Console" }).first().getByRole("link", { name: "Merge queue" })).toHaveCount(0);
  await supervisor.goto("/merge-queue");
  await expect(supervisor.getByRole("heading", { name: "You don’t have access to Merge queue" })).toBeVisible();
  await expect(supervisor.getByText("403 · Not allowed")).toBeVisible();
  await expect(supervisor.getByTestId("merge-comparison")).toHaveCount(0);
  await supervisorContext.close();

  // A second admin opens the queue, then is demoted before confirming: the server refuses.
  const adminContext = await browser.newContext();
  const secondAdmin = await adminContext.newPage();
  await logIn(secondAdmin, secondAdminEmail, password);
  await showStore(secondAdmin, store, merge.id);
  await expect(secondAdmin.getByTestId("comparison-source")).toContainText("Hedwig Kiesler");
  await secondAdmin.getByRole("button", { name: "Approve merge" }).click();
  const dialog = secondAdmin.getByRole("dialog", { name: "Approve this merge?" });
  await expect(dialog).toBeVisible();

  await page.goto("/users");
  const row = page.getByTestId(`user-row-${secondAdminEmail}`);
  await row.getByRole("combobox", { name: `Role of ${secondAdminEmail}`, exact: true }).selectOption("SUPERVISOR");
  await row.getByRole("button", { name: `Save role of ${secondAdminEmail}` }).click();
  await expect(row.getByRole("button", { name: `Save role of ${secondAdminEmail}` })).toHaveText("Save");
  await page.reload();
  await expect(page.getByTestId(`user-row-${secondAdminEmail}`).getByRole("combobox", { name: `Role of ${secondAdminEmail}`, exact: true })).toHaveValue("SUPERVISOR");

  await dialog.getByRole("button", { name: "Approve merge" }).click();
  await expect(secondAdmin.getByRole("alert").filter({ hasText: "Nothing was changed" })).toContainText("ADMIN role");
  expect(await mergeStatus(request, store.id, merge.id)).toBe("PENDING");
  expect(await profileStatus(request, store.id, merge.sourceProfileId)).toBe(200);
  await secondAdmin.reload();
  await expect(secondAdmin.getByRole("heading", { name: "You don’t have access to Merge queue" })).toBeVisible();
  await adminContext.close();

  // Another admin decides first (here through the API): the console's approval is refused with
  // why, and the queue is read again.
  await showStore(page, store, merge.id);
  await page.getByRole("button", { name: "Approve merge" }).click();
  const approve = page.getByRole("dialog", { name: "Approve this merge?" });
  await expect(approve).toBeVisible();
  const elsewhere = await request.post(`/v1/Stores/${store.id}/Merges/${merge.id}/Reject`, { headers: bootstrapHeaders });
  expect(elsewhere.status()).toBe(200);
  await approve.getByRole("button", { name: "Approve merge" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was changed" })).toContainText("REJECTED, not PENDING");
  await expect(page.getByRole("heading", { name: "No merges waiting for review" })).toBeVisible();
  await expect(page.getByTestId("tab-rejected")).toContainText("1");
  expect(await mergeStatus(request, store.id, merge.id)).toBe("REJECTED");
  expect(await profileStatus(request, store.id, merge.sourceProfileId)).toBe(200);
});
