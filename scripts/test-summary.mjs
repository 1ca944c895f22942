// The rules behind the closing line of the test command
// ("N passed, N failed, N skipped"), kept apart from the file reading in
// summarize-tests.mjs so that scripts/test-summary.test.mjs can feed them
// fake jest reports. A run is green only when every one of these holds:
//   - every step (lint, prettier, typecheck, ...) passed;
//   - every suite listed in the floors ran and wrote its jest report;
//   - no test failed, and no suite failed to run (syntax error, crash in
//     beforeAll), and a non-zero jest exit has a failure to show for it;
//   - no test was skipped, pending or todo (under CI they are failures:
//     a test that cannot run here is removed or made to run);
//   - every passed test ran at least one assertion (a check that never
//     ran is not a pass);
//   - every package collected at least as many tests as its floor
//     (scripts/test-floors.json), so a suite that stops being collected
//     cannot pass unnoticed.
import path from 'node:path';

/** The workspace (e.g. `plugins/iac-common`) a test file belongs to. */
export function packageOf(file, root) {
  const rel = path.relative(root, file).split(path.sep);
  if (['packages', 'plugins', 'test'].includes(rel[0]) && rel.length > 2) {
    return `${rel[0]}/${rel[1]}`;
  }
  return rel.join('/');
}

/** Tests collected per package in one jest report. */
export function collectedPerPackage(report, root) {
  const counts = {};
  for (const suite of report?.testResults ?? []) {
    const pkg = packageOf(suite.name, root);
    counts[pkg] = (counts[pkg] ?? 0) + (suite.assertionResults ?? []).length;
  }
  return counts;
}

/**
 * @param {{
 *   steps: string[],                       lines of steps.txt
 *   reports: Record<string, object|undefined>, jest report per suite name
 *   floors: Record<string, Record<string, number>>, suite -> package -> floor
 *   root: string,                          repository root (for package names)
 *   ci: boolean,                           skipped tests fail under CI
 * }} input
 * @returns {{ passed: number, failed: number, skipped: number,
 *   lines: string[], ok: boolean }}
 */
export function summarize({ steps, reports, floors, root, ci }) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const lines = [];
  const ran = new Set();

  for (const line of steps.filter(Boolean)) {
    const [name, word, code] = line.trim().split(/\s+/);
    if (word === 'passed') {
      passed += 1;
      continue;
    }
    if (word === 'failed') {
      failed += 1;
      lines.push(`FAILED: ${name}`);
      continue;
    }
    if (word !== 'exit') {
      failed += 1;
      lines.push(`FAILED: unreadable step line "${line}"`);
      continue;
    }
    ran.add(name);
    const report = reports[name];
    const s = suiteSummary(name, report, code, floors[name], root, ci);
    passed += s.passed;
    failed += s.failed;
    skipped += s.skipped;
    lines.push(...s.lines);
  }
  for (const name of Object.keys(floors)) {
    if (!ran.has(name)) {
      failed += 1;
      lines.push(`FAILED: suite ${name} never ran`);
    }
  }
  lines.push(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { passed, failed, skipped, lines, ok: failed === 0 };
}

function suiteSummary(name, report, code, floors, root, ci) {
  const lines = [];
  const problems = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (!report) {
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      lines: [
        `${name}: FAILED: no jest report (the run crashed, exit ${code})`,
      ],
    };
  }
  for (const suite of report.testResults ?? []) {
    const file = path.relative(root, suite.name);
    const results = suite.assertionResults ?? [];
    for (const t of results) {
      if (t.status === 'passed') {
        if ((t.numPassingAsserts ?? 0) === 0) {
          failed += 1;
          problems.push(`  FAILED (ran no assertion): ${file} › ${t.fullName}`);
        } else {
          passed += 1;
        }
      } else if (t.status === 'failed') {
        failed += 1;
        problems.push(`  FAILED: ${file} › ${t.fullName}`);
      } else {
        // pending (skip), todo, disabled
        skipped += 1;
        if (ci) failed += 1;
        problems.push(
          `  ${ci ? 'FAILED' : 'SKIPPED'} (${t.status}): ${file} › ${
            t.fullName
          }`,
        );
      }
    }
    if (
      suite.status === 'failed' &&
      results.every(t => t.status !== 'failed')
    ) {
      failed += 1;
      problems.push(`  FAILED suite (did not run): ${file}`);
    }
  }
  if (report.wasInterrupted) {
    failed += 1;
    problems.push('  FAILED: the run was interrupted');
  }
  const collected = collectedPerPackage(report, root);
  for (const [pkg, floor] of Object.entries(floors ?? {})) {
    const n = collected[pkg] ?? 0;
    if (n < floor) {
      failed += 1;
      problems.push(
        `  FAILED: ${pkg} collected ${n} tests, fewer than its floor ${floor} (scripts/test-floors.json)`,
      );
    }
  }
  for (const pkg of Object.keys(collected)) {
    if (floors?.[pkg] === undefined) {
      problems.push(
        `  note: ${pkg} has no floor in scripts/test-floors.json (UPDATE_TEST_FLOORS=1 records it)`,
      );
    }
  }
  if (code !== '0' && failed === 0) {
    failed = 1;
    problems.push(`  FAILED: jest exited with ${code} and no failed test`);
  }
  lines.push(`${name}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  lines.push(...problems);
  return { passed, failed, skipped, lines };
}

/** New floors: the tests each package collected in this run. */
export function floorsOf(reports, root) {
  const floors = {};
  for (const [name, report] of Object.entries(reports)) {
    if (!report) continue;
    const counts = collectedPerPackage(report, root);
    floors[name] = Object.fromEntries(
      Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return floors;
}
