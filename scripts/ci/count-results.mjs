#!/usr/bin/env node
// Sums test counts from the suites' JSON reports and prints ONE closing line "N passed, N failed".
//
//   node scripts/ci/count-results.mjs NAME=KIND:REPORT.json:EXIT_CODE ...
//     KIND is "vitest" (vitest --reporter=json) or "playwright" (Playwright's json reporter).
//
// Exit status 0 only when every suite exited 0, wrote a readable report, ran at least one test
// and had no failures. A suite whose report is missing or unreadable, or that reported errors
// outside any test (a file that did not load, a web server that did not start), counts one
// failure so the closing line never looks greener than the run was.
import { existsSync, readFileSync } from "node:fs";

function vitestCounts(report) {
  let passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const notes = [];
  // A test file that failed to load or whose hooks threw has status "failed" and no failed test.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) {
      failed += 1;
      notes.push(`file failed outside any test: ${file.name}${file.message ? ` — ${file.message.split("\n")[0]}` : ""}`);
    }
  }
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "failed") notes.push(`FAILED ${t.fullName ?? t.title}`);
    }
  }
  return { passed, failed, skipped, notes };
}

function playwrightCounts(report) {
  const stats = report.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  const skipped = stats.skipped ?? 0;
  const notes = [];
  if (stats.flaky) notes.push(`${stats.flaky} flaky (passed on retry)`);
  const errors = report.errors ?? [];
  if (errors.length > 0 && failed === 0) failed += 1;
  for (const error of errors) notes.push(`error outside tests: ${String(error.message ?? error.value ?? "").split("\n")[0]}`);
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) notes.push(`FAILED ${[...titles, spec.title].filter(Boolean).join(" › ")}`);
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return { passed, failed, skipped, notes };
}

const suites = [];
for (const arg of process.argv.slice(2)) {
  const match = /^([^=]+)=(vitest|playwright):(.+):(-?\d+)$/.exec(arg);
  if (!match) {
    console.error(`count-results: bad argument ${arg} (want NAME=vitest|playwright:FILE:EXIT_CODE)`);
    process.exit(2);
  }
  const [, name, kind, file, code] = match;
  const exitCode = Number(code);
  let counts;
  if (!existsSync(file)) {
    counts = { passed: 0, failed: 1, skipped: 0, missing: true, notes: [`no report at ${file}: the suite did not run or crashed`] };
  } else {
    try {
      const report = JSON.parse(readFileSync(file, "utf8"));
      counts = kind === "vitest" ? vitestCounts(report) : playwrightCounts(report);
    } catch (error) {
      counts = { passed: 0, failed: 1, skipped: 0, missing: true, notes: [`unreadable report ${file}: ${error.message}`] };
    }
  }
  const problems = [];
  if (exitCode !== 0) problems.push(`exit code ${exitCode}`);
  if (counts.missing) problems.push("no report");
  else if (counts.failed > 0) problems.push(`${counts.failed} failed`);
  if (counts.passed + counts.failed === 0) problems.push("ran no test");
  // A non-zero exit with nothing counted as failed (e.g. a timeout kill) still has to show up.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  suites.push({ name, ...counts, exitCode, ok: problems.length === 0, problems });
}

if (suites.length === 0) {
  console.error("count-results: no suites given");
  process.exit(2);
}

const width = Math.max(...suites.map((s) => s.name.length), 5);
console.log("");
console.log("Test results");
console.log(`  ${"suite".padEnd(width)}  passed  failed  skipped  status`);
for (const s of suites) {
  console.log(
    `  ${s.name.padEnd(width)}  ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ${String(s.skipped).padStart(7)}  ${s.ok ? "ok" : `FAIL (${s.problems.join(", ")})`}`,
  );
}
for (const s of suites) {
  const notes = s.notes.slice(0, 20);
  if (notes.length) console.log(`  ${s.name}:`);
  for (const note of notes) console.log(`    - ${note}`);
  if (s.notes.length > notes.length) console.log(`    … and ${s.notes.length - notes.length} more`);
}
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
const skipped = suites.reduce((n, s) => n + s.skipped, 0);
const ok = suites.every((s) => s.ok);
if (skipped) console.log(`  (${skipped} skipped)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
