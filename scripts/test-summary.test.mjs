// Tests of the closing-line rules with fake jest reports. Run by the test
// command as its "summary-rules" step: node --test scripts/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floorsOf, packageOf, summarize } from './test-summary.mjs';

const root = '/repo';

function t(name, status = 'passed', numPassingAsserts = 1) {
  return { fullName: name, status, numPassingAsserts };
}
function suite(file, tests, extra = {}) {
  return {
    name: `${root}/${file}`,
    status: tests.some(x => x.status === 'failed') ? 'failed' : 'passed',
    assertionResults: tests,
    ...extra,
  };
}
function report(...suites) {
  return { testResults: suites, wasInterrupted: false };
}
const green = () =>
  report(
    suite('plugins/a/src/x.test.ts', [t('x one'), t('x two')]),
    suite('test/output/src/y.test.ts', [t('y one')]),
  );
const floors = { unit: { 'plugins/a': 2, 'test/output': 1 } };

function run({
  steps = ['lint passed', 'unit exit 0'],
  reports = { unit: green() },
  f = floors,
  ci = true,
} = {}) {
  return summarize({ steps, reports, floors: f, root, ci });
}

test('a green run', () => {
  const r = run();
  assert.equal(r.ok, true);
  assert.equal(r.lines.at(-1), '4 passed, 0 failed, 0 skipped');
});

test('a failed step fails the run', () => {
  const r = run({ steps: ['lint failed', 'unit exit 0'] });
  assert.equal(r.ok, false);
  assert.ok(r.lines.includes('FAILED: lint'));
  assert.equal(r.lines.at(-1), '3 passed, 1 failed, 0 skipped');
});

test('a skipped test is a failure under CI, and counted as skipped', () => {
  const reports = {
    unit: report(
      suite('plugins/a/src/x.test.ts', [t('x one'), t('x two', 'pending', 0)]),
      suite('test/output/src/y.test.ts', [t('y one')]),
    ),
  };
  const r = run({ reports, steps: ['unit exit 0'] });
  assert.equal(r.ok, false);
  assert.equal(r.lines.at(-1), '2 passed, 1 failed, 1 skipped');
  assert.ok(
    r.lines.includes('  FAILED (pending): plugins/a/src/x.test.ts › x two'),
  );
});

test('a todo test is a failure under CI; outside CI it is reported only', () => {
  const reports = {
    unit: report(
      suite('plugins/a/src/x.test.ts', [t('x one'), t('x two', 'todo', 0)]),
      suite('test/output/src/y.test.ts', [t('y one')]),
    ),
  };
  assert.equal(run({ reports, steps: ['unit exit 0'] }).ok, false);
  const local = run({ reports, steps: ['unit exit 0'], ci: false });
  assert.equal(local.ok, true);
  assert.equal(local.lines.at(-1), '2 passed, 0 failed, 1 skipped');
});

test('a passed test that ran no assertion is a failure', () => {
  const reports = {
    unit: report(
      suite('plugins/a/src/x.test.ts', [t('x one'), t('hollow', 'passed', 0)]),
      suite('test/output/src/y.test.ts', [t('y one')]),
    ),
  };
  const r = run({ reports, steps: ['unit exit 0'] });
  assert.equal(r.ok, false);
  assert.equal(r.lines.at(-1), '2 passed, 1 failed, 0 skipped');
  assert.ok(
    r.lines.includes(
      '  FAILED (ran no assertion): plugins/a/src/x.test.ts › hollow',
    ),
  );
});

test('a package collecting fewer tests than its floor fails', () => {
  const reports = {
    unit: report(suite('plugins/a/src/x.test.ts', [t('x one'), t('x two')])),
  };
  const r = run({ reports, steps: ['unit exit 0'] });
  assert.equal(r.ok, false);
  assert.ok(
    r.lines.some(l =>
      l.includes('test/output collected 0 tests, fewer than its floor 1'),
    ),
  );
  assert.equal(r.lines.at(-1), '2 passed, 1 failed, 0 skipped');
});

test('a suite that failed to run counts even without a failed test', () => {
  const reports = {
    unit: report(
      suite('plugins/a/src/x.test.ts', [t('x one'), t('x two')]),
      suite('test/output/src/y.test.ts', [t('y one')]),
      suite('test/output/src/broken.test.ts', [], {
        status: 'failed',
        message: 'SyntaxError',
      }),
    ),
  };
  const r = run({ reports, steps: ['unit exit 1'] });
  assert.equal(r.ok, false);
  assert.ok(
    r.lines.includes(
      '  FAILED suite (did not run): test/output/src/broken.test.ts',
    ),
  );
});

test('a non-zero jest exit without a failed test is a failure', () => {
  const r = run({ steps: ['unit exit 1'] });
  assert.equal(r.ok, false);
  assert.equal(r.lines.at(-1), '3 passed, 1 failed, 0 skipped');
});

test('a suite whose report is missing is a failure', () => {
  const r = run({ steps: ['unit exit 1'], reports: { unit: undefined } });
  assert.equal(r.ok, false);
  assert.equal(r.lines.at(-1), '0 passed, 1 failed, 0 skipped');
});

test('a suite listed in the floors that never ran is a failure', () => {
  const r = run({ f: { ...floors, e2e: { 'test/e2e': 8 } } });
  assert.equal(r.ok, false);
  assert.ok(r.lines.includes('FAILED: suite e2e never ran'));
});

test('an interrupted run is a failure', () => {
  const reports = { unit: { ...green(), wasInterrupted: true } };
  assert.equal(run({ reports }).ok, false);
});

test('floors are the tests collected per package', () => {
  assert.equal(packageOf('/repo/plugins/a/src/x.test.ts', root), 'plugins/a');
  assert.deepEqual(floorsOf({ unit: green() }, root), {
    unit: { 'plugins/a': 2, 'test/output': 1 },
  });
});
