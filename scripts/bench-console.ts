// `npm run bench:console [-- options]`: server response times of the console's pages on a store of
// 100,000 profiles (docs/PERFORMANCE.md, issue 6): the Profiles list (first page, page 50 through
// its paging token, searches by name prefix, by a phone typed another way, by email, by trait
// value, the channel / pending-review / merged filters), the review queue's first page in both
// orders and the detail page of a busy profile. The store is `npm run seed:large`'s (seeded here
// when the database lacks it); the production server (`npm start`, worker off) is started on it, an
// ADMIN signs in through next-auth's credentials callback, and closed-loop clients (1 and 4) GET
// each page with the session cookie for `--duration` seconds after a warm-up. Each answer is
// checked (200, signed in, and for a search: the profile it was made from is on the page). Printed
// per row: p50/p95/p99 of the full response (the streamed HTML until its last byte) and p95 of the
// time to first byte.
//
//   --duration=8            seconds measured per row (after 2 s of warm-up)
//   --no-pg / --no-embedded
//   --profiles=100000       the store's size when it has to be seeded
//   --clients=1,4
//   --only=search-phone,... rows to run (names as printed)
//   --json=FILE             also write the figures as JSON
//
//   BENCH_CONSOLE_DATA_DIR      embedded data directory, kept between runs (default ./.kith-bench-console)
//   BENCH_CONSOLE_DATABASE_URL  default postgresql://kith:kith@127.0.0.1:5432/kith_bench_console
//                               (the seed replaces the "Large store" in it, nothing else)
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { openEmbeddedDatabase, ownerFilePath } from "../lib/db/open-embedded-database";
import { createSeededRandom } from "../prisma/builders/create-seeded-random";
import { START_LIMIT_MS, option, percentile, redact, startBenchHarness, startServer, type Server } from "./bench-server";
import type { SqlRunner } from "./seed-large-data";

const HARD_LIMIT_MS = 40 * 60_000;
const WARM_UP_S = 2;
const STORE_NAME = "Large store";
const durationS = Math.min(Math.max(Number(option("duration", "8")), 1), 120);
const withPg = option("no-pg", "false") !== "true";
const withEmbedded = option("no-embedded", "false") !== "true";
const profiles = Number(option("profiles", "100000"));
const clientCounts = option("clients", "1,4").split(",").map(Number).filter((count) => count >= 1);
const only = option("only", "").split(",").filter(Boolean);
const jsonFile = option("json", "");
const root = path.resolve(__dirname, "..");
const dataDir = path.resolve(root, process.env.BENCH_CONSOLE_DATA_DIR || ".kith-bench-console");
const databaseUrl = process.env.BENCH_CONSOLE_DATABASE_URL || "postgresql://kith:kith@127.0.0.1:5432/kith_bench_console";
const ADMIN_EMAIL = "bench-admin@kith.test";
const ADMIN_PASSWORD = "bench-console-password-1";

const harness = startBenchHarness("bench:console", HARD_LIMIT_MS);
const random = createSeededRandom(6);

// ------------------------------------------------------------------ what the requests are made of

type Sample = {
  storeId: string;
  /** Profiles to search for: id, name, main phone (E.164), email, a trait value. */
  people: { id: string; name: string | null; phone: string; email: string; trait: string }[];
  busyProfileIds: string[];
};

/** Reads a sample of the store's profiles straight from the database (before the server owns it). */
async function readSample(db: SqlRunner): Promise<Sample | null> {
  const { rows: stores } = (await db.query(`SELECT "id" FROM "stores" WHERE "displayName" = $1`, [STORE_NAME])) as { rows: { id: string }[] };
  if (stores.length === 0) return null;
  const storeId = stores[0].id;
  const { rows: count } = (await db.query(`SELECT count(*)::int AS n FROM "profiles" WHERE "storeId" = $1`, [storeId])) as { rows: { n: number }[] };
  if (count[0].n < profiles) return null;
  const { rows: people } = (await db.query(
    `SELECT p."id", p."displayName" AS name,
       (SELECT "value" FROM "identifiers" i WHERE i."storeId" = p."storeId" AND i."profileId" = p."id" AND i."idType" = 'phone' ORDER BY "createdAt" LIMIT 1) AS phone,
       (SELECT "value" FROM "identifiers" i WHERE i."storeId" = p."storeId" AND i."profileId" = p."id" AND i."idType" = 'email' LIMIT 1) AS email,
       (SELECT "value" #>> '{}' FROM "trait_values" t WHERE t."storeId" = p."storeId" AND t."profileId" = p."id" AND t."groupName" IN ('Preferences', 'Account') AND jsonb_typeof(t."value") = 'string' ORDER BY md5(t."traitName" || p."id") LIMIT 1) AS trait
     FROM "profiles" p WHERE p."storeId" = $1 ORDER BY md5(p."id") LIMIT 200`,
    [storeId],
  )) as { rows: Sample["people"] };
  const { rows: busy } = (await db.query(
    `SELECT "profileId" AS id FROM "observations" WHERE "storeId" = $1 GROUP BY "profileId" ORDER BY count(*) DESC, "profileId" LIMIT 5`,
    [storeId],
  )) as { rows: { id: string }[] };
  return { storeId, people: people.filter((person) => person.phone && person.email && person.trait), busyProfileIds: busy.map((row) => row.id) };
}

/** `+14152030123` → `(415) 203-0123`; `+447400000003` → `+44 7400 000003`: as a person types it, not as stored. */
function typedPhone(e164: string): string {
  if (e164.startsWith("+1")) return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  if (e164.startsWith("+44")) return `+44 ${e164.slice(3, 7)} ${e164.slice(7)}`;
  return e164;
}

/** `maria.gonzalez12@example.com` → `Maria.Gonzalez12@Example.com`. */
function typedEmail(email: string): string {
  return email.replace(/(^|[.@])([a-z])/g, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

type Request = { path: string; /** Must appear in the page: the profile a search was made from. */ expect?: string };
type Kind = { name: string; label: string; next: (sample: Sample) => Request };

function kinds(page50Path: string): Kind[] {
  const person = (sample: Sample) => random.pick(sample.people);
  const search = (q: string, expect: string): Request => ({ path: `/profiles?q=${encodeURIComponent(q)}`, expect: `/profiles/${expect}` });
  return [
    { name: "first-page", label: "Profiles: first page", next: () => ({ path: "/profiles" }) },
    { name: "page-50", label: "Profiles: page 50 (paging token)", next: () => ({ path: page50Path }) },
    {
      name: "search-name",
      label: "search: name prefix (3 letters)",
      next: (sample) => {
        const named = sample.people.filter((candidate) => candidate.name);
        return { path: `/profiles?q=${encodeURIComponent(random.pick(named).name!.slice(0, 3).toLowerCase())}` };
      },
    },
    { name: "search-full-name", label: "search: full name", next: (sample) => { const p = random.pick(sample.people.filter((c) => c.name)); return { path: `/profiles?q=${encodeURIComponent(p.name!)}` }; } },
    { name: "search-phone", label: "search: phone typed (415) 203-0123", next: (sample) => { const p = person(sample); return search(typedPhone(p.phone), p.id); } },
    { name: "search-email", label: "search: email, other capitals", next: (sample) => { const p = person(sample); return search(typedEmail(p.email), p.id); } },
    { name: "search-trait", label: "search: trait value (e.g. Gold, Denver)", next: (sample) => ({ path: `/profiles?q=${encodeURIComponent(person(sample).trait)}` }) },
    { name: "filter-channel", label: "filter: channel WhatsApp", next: () => ({ path: "/profiles?channel=WHATSAPP" }) },
    { name: "filter-pending", label: "filter: has pending review", next: () => ({ path: "/profiles?pending=1" }) },
    { name: "filter-merged", label: "filter: merged", next: () => ({ path: "/profiles?merged=1" }) },
    { name: "review-oldest", label: "review queue: oldest first", next: () => ({ path: "/review-queue?sort=oldest" }) },
    { name: "review-confidence", label: "review queue: lowest confidence first", next: () => ({ path: "/review-queue?sort=lowestConfidence" }) },
    { name: "detail-busy", label: "profile detail: busy profile", next: (sample) => ({ path: `/profiles/${random.pick(sample.busyProfileIds)}` }) },
  ];
}

// ------------------------------------------------------------------ signing in and driving

/** Signs in through next-auth's credentials callback; returns the Cookie header of the session. */
async function signIn(server: Server): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${server.base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${server.base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, csrfToken, callbackUrl: `${server.base}/profiles` }),
  });
  keep(callback);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`signing in failed: ${callback.status} ${callback.headers.get("location")}`);
  return header();
}

type Timing = { total: number; firstByte: number };

async function fetchPage(server: Server, cookie: string, request: Request): Promise<{ timing: Timing; html: string }> {
  const sent = performance.now();
  const response = await fetch(`${server.base}${request.path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let firstByte = NaN;
  let html = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByte)) firstByte = performance.now() - sent;
    html += decoder.decode(value, { stream: true });
  }
  const total = performance.now() - sent;
  if (response.status !== 200) throw new Error(`${request.path}: ${response.status} ${response.headers.get("location") ?? html.slice(0, 200)}`);
  if (!html.includes('data-testid="signed-in-user"')) throw new Error(`${request.path}: not signed in`);
  if (html.includes("This page link is no longer valid") || html.includes("is not valid")) throw new Error(`${request.path}: the page says the link is not valid`);
  if (request.expect && !html.includes(request.expect)) throw new Error(`${request.path}: ${request.expect} is not on the page`);
  return { timing: { total, firstByte }, html };
}

/** The Profiles list's page `n` (1-based): follows the Next links from the first page. */
async function pathOfPage(server: Server, cookie: string, n: number): Promise<string> {
  let current = "/profiles";
  for (let page = 1; page < n; page++) {
    const { html } = await fetchPage(server, cookie, { path: current });
    const link = /<a[^>]*rel="next"[^>]*>/.exec(html)?.[0];
    const href = link ? /href="([^"]+)"/.exec(link)?.[1] : undefined;
    if (!href) throw new Error(`page ${page} has no next link`);
    current = href.replaceAll("&amp;", "&");
  }
  return current;
}

type Row = { database: string; name: string; label: string; clients: number; requests: number; rps: number; p50: number; p95: number; p99: number; firstByteP95: number; failures: number; firstFailure: string };

async function drive(server: Server, cookie: string, clients: number, seconds: number, next: () => Request) {
  const totals: number[] = [];
  const firstBytes: number[] = [];
  let failures = 0;
  let firstFailure = "";
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        try {
          const { timing } = await fetchPage(server, cookie, next());
          totals.push(timing.total);
          firstBytes.push(timing.firstByte);
        } catch (error) {
          failures++;
          firstFailure ||= (error as Error).message;
        }
      }
    }),
  );
  totals.sort((a, b) => a - b);
  firstBytes.sort((a, b) => a - b);
  return { totals, firstBytes, failures, firstFailure, elapsed: (performance.now() - started) / 1000 };
}

async function measureAll(server: Server, sample: Sample, database: string): Promise<Row[]> {
  const cookie = `${await signIn(server)}; kith-store=${sample.storeId}`;
  const page50 = await pathOfPage(server, cookie, 50);
  const rows: Row[] = [];
  for (const clients of clientCounts) {
    for (const kind of kinds(page50)) {
      if (only.length > 0 && !only.includes(kind.name)) continue;
      const next = () => kind.next(sample);
      await drive(server, cookie, clients, WARM_UP_S, next);
      const { totals, firstBytes, failures, firstFailure, elapsed } = await drive(server, cookie, clients, durationS, next);
      const row: Row = {
        database, name: kind.name, label: kind.label, clients, requests: totals.length, rps: totals.length / elapsed,
        p50: percentile(totals, 50), p95: percentile(totals, 95), p99: percentile(totals, 99), firstByteP95: percentile(firstBytes, 95), failures, firstFailure,
      };
      rows.push(row);
      console.log(`  ${database} | ${kind.name} | ×${clients} | ${row.rps.toFixed(1)} req/s | p50 ${row.p50.toFixed(0)} | p95 ${row.p95.toFixed(0)} | p99 ${row.p99.toFixed(0)} ms | TTFB p95 ${row.firstByteP95.toFixed(0)} | failures ${failures}${failures ? ` (first: ${firstFailure})` : ""}`);
    }
  }
  return rows;
}

// ------------------------------------------------------------------ the two databases

function seed(env: Record<string, string>): void {
  console.log(`seeding ${profiles.toLocaleString("en")} profiles (npm run seed:large)…`);
  const result = spawnSync("npx", ["tsx", "scripts/seed-large.ts", `--profiles=${profiles}`, `--store-name=${STORE_NAME}`], { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`seed:large failed (${result.status})`);
}

const serverEnv = { KITH_WORKER: "0", KITH_ADMIN_EMAIL: ADMIN_EMAIL, KITH_ADMIN_PASSWORD: ADMIN_PASSWORD };

async function runEmbedded(): Promise<Row[]> {
  const env = { DATABASE_URL: "", KITH_DATA_DIR: dataDir };
  const readEmbeddedSample = async () => {
    const database = await openEmbeddedDatabase(dataDir);
    try {
      return await readSample(database as unknown as SqlRunner);
    } catch {
      return null; // a new directory: no tables yet
    } finally {
      await database.close();
      rmSync(ownerFilePath(dataDir), { force: true }); // closed: the server may open it
    }
  };
  let sample = await readEmbeddedSample();
  if (!sample) {
    seed(env);
    sample = await readEmbeddedSample();
  }
  if (!sample) throw new Error("the embedded store is missing after seeding");
  console.log(`embedded (PGlite): ${dataDir}, store ${sample.storeId}`);
  const { server, ms } = await startServer({ ...serverEnv, ...env, DATABASE_URL: undefined }, START_LIMIT_MS * 3);
  console.log(`  server up in ${(ms / 1000).toFixed(1)} s`);
  try {
    return await measureAll(server, sample, "embedded (PGlite)");
  } finally {
    await server.stop();
  }
}

async function runPostgres(): Promise<Row[]> {
  const readPgSample = async () => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return await readSample(client);
    } catch {
      return null;
    } finally {
      await client.end();
    }
  };
  let sample = await readPgSample();
  if (!sample) {
    seed({ DATABASE_URL: databaseUrl });
    sample = await readPgSample();
  }
  if (!sample) throw new Error("the PostgreSQL store is missing after seeding");
  console.log(`PostgreSQL: ${redact(databaseUrl)}, store ${sample.storeId}`);
  const { server, ms } = await startServer({ ...serverEnv, DATABASE_URL: databaseUrl }, START_LIMIT_MS * 3);
  console.log(`  server up in ${(ms / 1000).toFixed(1)} s`);
  try {
    return await measureAll(server, sample, "PostgreSQL 15");
  } finally {
    await server.stop();
  }
}

async function main() {
  console.log(`bench:console on ${harness.machine}; load average ${harness.loadAverage()}`);
  const rows: Row[] = [];
  try {
    if (withEmbedded) rows.push(...(await runEmbedded()));
    if (withPg) rows.push(...(await runPostgres()));
  } finally {
    await harness.cleanUp();
  }
  console.log(`\nload average after: ${harness.loadAverage()}\n`);
  console.log("| database | request | clients | req/s | p50 ms | p95 ms | p99 ms | TTFB p95 ms | requests |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(`| ${row.database} | ${row.label} | ${row.clients} | ${row.rps.toFixed(1)} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.p99.toFixed(0)} | ${row.firstByteP95.toFixed(0)} | ${row.requests} |`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine: harness.machine, rows }, null, 2));
  if (rows.some((row) => row.failures > 0)) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error);
  await harness.cleanUp();
  process.exit(1);
});
