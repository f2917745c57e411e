// `npm run eval:locomo -- ../shared/data/locomo/*.json [options]`: evidence recall of Kith's Recall
// API on LoCoMo conversations (docs/RECALL.md), end to end through HTTP.
//
// Each file becomes one store; each session one CHAT conversation between the two speakers, both
// CUSTOMER participants (address = the speaker's name); each turn one communication whose
// resourceId is its dia_id (a shared photo's caption appended to its text). Then every question
// except category 5 (adversarial) goes through POST …/Profiles/{first speaker}/Recall with
// query = the question, searchCommunications: true, communications only, and the answer's
// resourceIds are scored against the question's evidence turns: recall@k = the share of a
// question's evidence turns among the top k, averaged over questions; per category and overall,
// with the Recall latency (p50 / p95).
//
//   --k=5,10             the cut-offs
//   --base-url=URL --key=keyId:secret
//                        use a running server instead of starting `npm start` (embedded, temporary data)
//   --screen             keep the stores' default screenCommunications (see docs/RECALL.md: LoCoMo's
//                        chats about the speakers' lives are full of health, religion and sexuality
//                        talk, which the guard would remove; the evaluation measures retrieval)
//   --json=FILE          also write the figures as JSON
//
// The LoCoMo files are CC BY-NC 4.0 (evaluation only): read from wherever they are, never copied.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUILD_START_LIMIT_MS, bootstrapKey, option, percentile, sleep, startBenchHarness, startServer } from "./bench-server";

type Turn = { speaker: string; dia_id: string; text: string; blip_caption?: string };
type Question = { question: string; evidence?: string[]; category: number };
type LocomoFile = Record<string, unknown> & { speaker_a: string; speaker_b: string; qa: Question[] };

const files = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const cutoffs = option("k", "5,10").split(",").map(Number).filter((k) => k > 0);
const maxK = Math.max(...cutoffs);
const keepScreening = option("screen", "false") === "true";
const jsonFile = option("json", "");

/** "1:56 pm on 8 May, 2023" → a Date (UTC). */
function parseLocomoDate(text: string): Date {
  const match = /(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+(\w+),?\s+(\d{4})/i.exec(text);
  if (!match) throw new Error(`unreadable LoCoMo date: ${text}`);
  const [, hour, minute, half, day, monthName, year] = match;
  const month = new Date(`${monthName} 1, 2000`).getMonth();
  const hours = (Number(hour) % 12) + (half.toLowerCase() === "pm" ? 12 : 0);
  return new Date(Date.UTC(Number(year), month, Number(day), hours, Number(minute)));
}

/** Evidence ids as the files write them: "D1:3", sometimes several in one string ("D8:6; D9:17"). */
function evidenceIds(question: Question): string[] {
  return [...new Set((question.evidence ?? []).flatMap((entry) => entry.split(/[;,\s]+/)).map((id) => id.trim()).filter((id) => /^D\d+:\d+$/.test(id)))];
}

function sessionsOf(file: LocomoFile): { index: number; date: Date; turns: Turn[] }[] {
  const sessions: { index: number; date: Date; turns: Turn[] }[] = [];
  for (let index = 1; ; index++) {
    const turns = file[`session_${index}`] as Turn[] | undefined;
    const date = file[`session_${index}_date_time`] as string | undefined;
    if (!date) break;
    if (turns && turns.length > 0) sessions.push({ index, date: parseLocomoDate(date), turns });
  }
  return sessions;
}

type Api = { base: string; headers: Record<string, string> };

async function call<T>(api: Api, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api.base}${url}`, { method, headers: { ...api.headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Waits until the store has no QUEUED or RUNNING jobs (extraction, embeddings). */
async function waitForJobs(api: Api, storeId: string): Promise<void> {
  for (let waited = 0; waited < 15 * 60_000; waited += 500) {
    const [queued, running] = await Promise.all(
      ["QUEUED", "RUNNING"].map(async (status) => (await call<{ jobs: unknown[] }>(api, "GET", `/v1/Stores/${storeId}/Jobs?status=${status}&pageSize=1`)).body.jobs.length),
    );
    if (queued + running === 0) return;
    await sleep(500);
  }
  throw new Error(`jobs of ${storeId} did not finish within 15 minutes`);
}

type QuestionResult = { category: number; recall: Record<number, number>; latencyMs: number };

async function evaluateFile(api: Api, file: string): Promise<QuestionResult[]> {
  const data = JSON.parse(readFileSync(file, "utf8")) as LocomoFile;
  const name = path.basename(file, path.extname(file)).replace(/[^a-zA-Z0-9-]/g, "-");
  const created = await call<{ id: string }>(api, "POST", "/v1/ControlPlane/Stores", { displayName: `locomo-${name}-${Date.now().toString(36)}`, ...(keepScreening ? {} : { screenCommunications: false }) });
  if (created.status !== 202) throw new Error(`creating the store failed: ${created.status} ${JSON.stringify(created.body)}`);
  const storeId = created.body.id;
  let firstSpeakerProfile: string | null = null;
  const started = performance.now();
  const sessions = sessionsOf(data);
  for (const session of sessions) {
    const speakers = [data.speaker_a, data.speaker_b];
    const ingested = await call<{ participants: { name: string; profileId: string | null }[] }>(api, "POST", `/v1/Stores/${storeId}/Conversations`, {
      channel: "CHAT",
      status: "CLOSED",
      participants: speakers.map((speaker) => ({ type: "CUSTOMER", name: speaker, addresses: [{ channel: "CHAT", address: speaker }] })),
      communications: session.turns.map((turn, index) => ({
        author: { channel: "CHAT", address: turn.speaker },
        content: { text: turn.blip_caption ? `${turn.text} [shares a photo: ${turn.blip_caption}]` : turn.text },
        occurredAt: new Date(session.date.getTime() + index * 30_000).toISOString(),
        resourceId: turn.dia_id,
      })),
    });
    if (ingested.status !== 201 && ingested.status !== 200) throw new Error(`session ${session.index}: ${ingested.status} ${JSON.stringify(ingested.body).slice(0, 300)}`);
    firstSpeakerProfile ??= ingested.body.participants.find((participant) => participant.name === data.speaker_a)?.profileId ?? null;
  }
  if (!firstSpeakerProfile) throw new Error(`${file}: no profile for ${data.speaker_a}`);
  await waitForJobs(api, storeId);
  const turns = sessions.reduce((sum, session) => sum + session.turns.length, 0);
  console.log(`  ${name}: ${sessions.length} sessions, ${turns} turns ingested and processed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const results: QuestionResult[] = [];
  for (const question of data.qa) {
    if (question.category === 5) continue;
    const evidence = evidenceIds(question);
    if (evidence.length === 0) continue;
    const sent = performance.now();
    const answer = await call<{ communications: { resourceId: string | null }[] }>(api, "POST", `/v1/Stores/${storeId}/Profiles/${firstSpeakerProfile}/Recall`, {
      query: question.question.slice(0, 1024),
      searchCommunications: true,
      communicationsLimit: maxK,
      observationsLimit: 0,
      summariesLimit: 0,
    });
    const latencyMs = performance.now() - sent;
    if (answer.status !== 200) throw new Error(`Recall answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    const ranked = answer.body.communications.map((communication) => communication.resourceId);
    const recall = Object.fromEntries(cutoffs.map((k) => [k, evidence.filter((id) => ranked.slice(0, k).includes(id)).length / evidence.length]));
    results.push({ category: question.category, recall, latencyMs });
  }
  return results;
}

const CATEGORY_NAMES: Record<number, string> = { 1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop" };

function summarise(label: string, results: QuestionResult[]): string {
  const mean = (k: number) => (results.length ? results.reduce((sum, result) => sum + result.recall[k], 0) / results.length : NaN);
  return `| ${label} | ${results.length} | ${cutoffs.map((k) => mean(k).toFixed(3)).join(" | ")} |`;
}

async function main(): Promise<void> {
  if (files.length === 0) {
    console.error("usage: npm run eval:locomo -- ../shared/data/locomo/*.json [--k=5,10] [--base-url=URL --key=keyId:secret] [--screen] [--json=FILE]");
    process.exit(2);
  }
  const { newDataDir, cleanUp, machine, loadAverage } = startBenchHarness("eval:locomo", 60 * 60_000);
  console.log(`Kith LoCoMo evaluation — ${machine}; load average before: ${loadAverage()}`);
  let api: Api;
  const baseUrl = option("base-url", "");
  if (baseUrl) {
    api = { base: baseUrl.replace(/\/+$/, ""), headers: { authorization: `Basic ${Buffer.from(option("key", "")).toString("base64")}` } };
  } else {
    const key = bootstrapKey();
    const { server } = await startServer({ DATABASE_URL: undefined, KITH_DATA_DIR: newDataDir(), KITH_BOOTSTRAP_API_KEY: key, KITH_WORKER: "1" }, BUILD_START_LIMIT_MS);
    api = { base: server.base, headers: { authorization: `Basic ${Buffer.from(key).toString("base64")}` } };
  }
  try {
    const all: QuestionResult[] = [];
    for (const file of files) all.push(...(await evaluateFile(api, file)));
    const latencies = all.map((result) => result.latencyMs).sort((a, b) => a - b);
    console.log(`\n## Evidence recall (${files.length} conversations, category 5 excluded${keepScreening ? ", communications screened" : ""})\n`);
    console.log(`| category | questions | ${cutoffs.map((k) => `@${k}`).join(" | ")} |\n|---|---:|${cutoffs.map(() => "---:").join("|")}|`);
    for (const category of [1, 2, 3, 4]) console.log(summarise(`${category} ${CATEGORY_NAMES[category]}`, all.filter((result) => result.category === category)));
    console.log(summarise("**all**", all));
    console.log(`\nRecall latency through HTTP: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (${latencies.length} calls, one at a time)`);
    console.log(`load average after: ${loadAverage()}`);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine, files: files.map((file) => path.basename(file)), cutoffs, results: all }, null, 2));
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(`eval:locomo: ${(error as Error).message}`);
  process.exit(1);
});
