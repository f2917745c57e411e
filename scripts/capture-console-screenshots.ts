// Screenshots of every console page for docs/CONSOLE.md, taken in Debian's Chromium against a
// running Kith (`npm start`): `npm run docs:screenshots -- --url=http://127.0.0.1:3000`.
// Signs in with KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD (or --email / --password) and follows the
// first link of each list to reach the detail pages, so it works on whatever data the store holds.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { z } from "zod";

const argsSchema = z.object({
  url: z.string().url().default("http://127.0.0.1:3000"),
  email: z.string().min(1),
  password: z.string().min(1),
  out: z.string().default("docs/console"),
});

function readArgs() {
  const flags = Object.fromEntries(
    process.argv.slice(2).flatMap((arg) => {
      const match = /^--([a-z]+)=(.*)$/.exec(arg);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
  return argsSchema.parse({
    email: process.env.KITH_ADMIN_EMAIL,
    password: process.env.KITH_ADMIN_PASSWORD,
    ...flags,
  });
}

type Shot = { file: string; path: string | ((page: Page) => Promise<string | null>) };

/** The href of the first link on `listPath` whose href matches, or null when the list is empty. */
function firstLink(listPath: string, selector: string) {
  return async (page: Page): Promise<string | null> => {
    await page.goto(listPath);
    const link = page.locator(selector).first();
    if ((await link.count()) === 0) return null;
    return link.getAttribute("href");
  };
}

const shots: Shot[] = [
  { file: "profiles.png", path: "/profiles" },
  { file: "profile-detail.png", path: firstLink("/profiles", 'a[href^="/profiles/mem_profile_"]') },
  { file: "review-queue.png", path: "/review-queue" },
  { file: "merge-queue.png", path: "/merge-queue" },
  { file: "identity-rules.png", path: "/identity-rules" },
  { file: "conversations.png", path: "/conversations" },
  { file: "conversation-detail.png", path: firstLink("/conversations", 'a[href^="/conversations/"]') },
  { file: "handoff-preview.png", path: firstLink("/handoff-preview", 'a[href*="conversationId="]') },
  { file: "audit-trail.png", path: "/audit-trail" },
  { file: "store-settings.png", path: "/store-settings" },
  { file: "api-keys.png", path: "/api-keys" },
  { file: "users.png", path: "/users" },
];

async function main() {
  const args = readArgs();
  const outDir = path.resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ baseURL: args.url, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.screenshot({ path: path.join(outDir, "login.png") });
    await page.getByLabel("Email").fill(args.email);
    await page.getByLabel("Password").fill(args.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-user").waitFor();

    for (const shot of shots) {
      const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
      if (!target) {
        console.log(`skipped ${shot.file}: its list is empty`);
        continue;
      }
      await page.goto(target);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(outDir, shot.file), fullPage: true });
      console.log(`${shot.file} ← ${target}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
