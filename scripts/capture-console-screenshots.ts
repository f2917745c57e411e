// Screenshots of every console page for docs/CONSOLE.md, taken in Debian's Chromium against a
// running Kith (`npm start`): `npm run docs:screenshots -- --url=http://127.0.0.1:3000`.
// Signs in with KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD (or --email / --password) and follows the
// first link of each list to reach the detail pages, so it works on whatever data the store holds.
// With an all-stores ADMIN API key (--key=keyId:secret, or KITH_BOOTSTRAP_API_KEY) and no merge
// waiting in the console's first store, it first files one through the HTTP API (review merge
// mode for three records, then the store's own mode back), so the merge queue shows its
// side-by-side comparison. `--only=merge-queue,users` retakes some shots.
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type APIRequestContext, type Page } from "@playwright/test";
import { z } from "zod";

const argsSchema = z.object({
  url: z.string().url().default("http://127.0.0.1:3000"),
  email: z.string().min(1, "--email (or KITH_ADMIN_EMAIL) is required"),
  password: z.string().min(1, "--password (or KITH_ADMIN_PASSWORD) is required"),
  key: z
    .string()
    .regex(/^kith_key_[0-9a-z]+:.{16,}$/, "--key must be keyId:secret")
    .optional(),
  out: z.string().default("docs/console"),
  only: z.string().optional(),
});
type Args = z.infer<typeof argsSchema>;

function readArgs(): Args {
  const flags = Object.fromEntries(
    process.argv.slice(2).flatMap((arg) => {
      const match = /^--([a-z]+)=(.*)$/.exec(arg);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
  const parsed = argsSchema.safeParse({
    email: process.env.KITH_ADMIN_EMAIL ?? "",
    password: process.env.KITH_ADMIN_PASSWORD ?? "",
    key: process.env.KITH_BOOTSTRAP_API_KEY || undefined,
    ...flags,
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
    process.exit(2);
  }
  return parsed.data;
}

type Shot = {
  file: string;
  path: string | ((page: Page) => Promise<string | null>);
  /** Waited for before the picture, so it shows the page's content rather than its loading state. */
  ready?: (page: Page) => Promise<unknown>;
  /** The page down to this many pixels rather than the first 900 (for pages whose point is below the fold). */
  height?: number;
};

/** The href of the first link on `listPath` whose href matches, or null when the list is empty. */
function firstLink(listPath: string, selector: string) {
  return async (page: Page): Promise<string | null> => {
    await page.goto(listPath);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const link = page.locator(`main ${selector}`).first();
    // The list streams in after the page's header (loading.tsx), so give it a moment to arrive.
    const arrived = await link.waitFor({ state: "attached", timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    return arrived ? link.getAttribute("href") : null;
  };
}

/** The shots in the order taken: the lists before the merge is filed, so they show the store's own customers. */
function shotList(key: string | undefined): Shot[] {
  return [
    { file: "profiles.png", path: "/profiles" },
    // A customer who has talked to the store (from the conversations list), so the timeline is not empty.
    { file: "profile-detail.png", path: firstLink("/conversations", 'a[href^="/profiles/mem_profile_"]'), height: 1500 },
    { file: "conversations.png", path: "/conversations" },
    { file: "conversation-detail.png", path: firstLink("/conversations", 'a[href^="/conversations/conv_"]') },
    { file: "handoff-preview.png", path: firstLink("/handoff-preview", 'a[href*="conversationId="]'), ready: (page) => page.getByTestId("handoff-context").waitFor() },
    { file: "review-queue.png", path: "/review-queue", ready: (page) => page.getByRole("heading", { level: 1 }).waitFor() },
    {
      file: "merge-queue.png",
      path: async (page) => {
        if (key) await ensurePendingMerge(page.context().request, key);
        else console.log("no --key: the merge queue is shown as it is");
        return "/merge-queue";
      },
      ready: (page) => page.getByTestId("merge-comparison").or(page.getByText("No pending merges")).first().waitFor(),
    },
    // Not below the fold: its sticky save bar would be drawn over the middle of a full-page picture.
    { file: "identity-rules.png", path: "/identity-rules" },
    { file: "audit-trail.png", path: "/audit-trail" },
    { file: "store-settings.png", path: "/store-settings" },
    { file: "api-keys.png", path: "/api-keys" },
    { file: "users.png", path: "/users" },
  ];
}

function authorization(key: string) {
  return { Authorization: `Basic ${Buffer.from(key).toString("base64")}` };
}

async function expectStatus(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, what: string) {
  if (response.status() !== status) throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
}

/**
 * Files a PENDING merge in the store the console opens first when it has none: two customers,
 * then a record carrying both their identifiers, in review merge mode; the store's merge mode is
 * put back afterwards (the pending merge stays for an admin to decide).
 */
async function ensurePendingMerge(request: APIRequestContext, key: string): Promise<void> {
  const headers = authorization(key);
  const list = await request.get("/v1/ControlPlane/Stores?orderBy=ASC&pageSize=1", { headers });
  await expectStatus(list, 200, "listing stores");
  const [storeId] = ((await list.json()) as { stores: string[] }).stores;
  if (!storeId) throw new Error("The server has no store to show");
  const pending = await request.get(`/v1/Stores/${storeId}/Merges?status=PENDING&pageSize=1`, { headers });
  await expectStatus(pending, 200, "listing pending merges");
  if (((await pending.json()) as { merges: unknown[] }).merges.length > 0) return;

  const settingsUrl = `/v1/ControlPlane/Stores/${storeId}/IdentityResolutionSettings`;
  const current = await request.get(settingsUrl, { headers });
  await expectStatus(current, 200, "reading the identity settings");
  const settings = (await current.json()) as { identifierConfigs: unknown[]; matchingRules: string[]; mergeMode: string };
  const put = (mergeMode: string) => request.put(settingsUrl, { headers, data: { identifierConfigs: settings.identifierConfigs, matchingRules: settings.matchingRules, mergeMode } });
  await expectStatus(await put("review"), 202, "switching to review merge mode");
  try {
    const profile = (contact: Record<string, string>) => request.post(`/v1/Stores/${storeId}/Profiles`, { headers, data: { traits: { Contact: contact } } });
    await expectStatus(await profile({ firstName: "Robin", lastName: "Alvarez", email: "robin.alvarez@example.com", address: "14 Larimer St, Denver" }), 202, "creating the first profile");
    await expectStatus(await profile({ firstName: "Robin", lastName: "Alvares", phone: "+1 303 555 0147", address: "880 Pearl St, Boulder" }), 202, "creating the second profile");
    await expectStatus(await profile({ email: "robin.alvarez@example.com", phone: "+1 303 555 0147" }), 202, "sending the record that matches both");
  } finally {
    if (settings.mergeMode !== "review") await expectStatus(await put(settings.mergeMode), 202, "restoring the merge mode");
  }
  console.log(`filed a pending merge in store ${storeId}`);
}

async function main() {
  const args = readArgs();
  const outDir = path.resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const only = args.only ? new Set(args.only.split(",").map((name) => name.replace(/\.png$/, ""))) : null;
  const wanted = (file: string) => !only || only.has(file.replace(/\.png$/, ""));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ baseURL: args.url, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    if (wanted("login.png")) await page.screenshot({ path: path.join(outDir, "login.png") });
    await page.getByLabel("Email").fill(args.email);
    await page.getByLabel("Password").fill(args.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-user").waitFor();

    for (const shot of shotList(args.key).filter((candidate) => wanted(candidate.file))) {
      const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
      if (!target) {
        console.log(`skipped ${shot.file}: its list is empty`);
        continue;
      }
      const response = await page.goto(target);
      if (!response?.ok()) throw new Error(`${target} answered ${response?.status()}`);
      await page.waitForLoadState("networkidle");
      await shot.ready?.(page);
      // Nothing focused or hovered: the pictures show the pages at rest.
      await page.mouse.move(0, 0);
      const file = path.join(outDir, shot.file);
      if (shot.height) {
        const height = Math.min(shot.height, await page.evaluate(() => document.documentElement.scrollHeight));
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1440, height } });
      } else await page.screenshot({ path: file });
      console.log(`${shot.file} ← ${target} (${Math.round(statSync(file).size / 1024)} KB)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
