// Sums every suite the test command ran into the closing line CI reads:
// "N passed, N failed". A jest run that crashed before writing its report,
// or exited non-zero with no failed test, counts as one failure.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const lines = fs
  .readFileSync(path.join(dir, 'steps.txt'), 'utf8')
  .trim()
  .split('\n');
for (const line of lines) {
  const [name, word, code] = line.split(' ');
  if (word === 'passed') passed += 1;
  else if (word === 'failed') {
    failed += 1;
    console.log(`FAILED: ${name}`);
  } else if (word === 'exit') {
    const file = path.join(dir, `${name}.json`);
    const report = fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, 'utf8'))
      : undefined;
    const p = report?.numPassedTests ?? 0;
    let f = report?.numFailedTests ?? 0;
    // suites that failed to run (syntax error, crash in beforeAll) have no failed tests
    f += report?.numRuntimeErrorTestSuites ?? 0;
    if (code !== '0' && f === 0) f = 1;
    passed += p;
    failed += f;
    console.log(`${name}: ${p} passed, ${f} failed`);
    for (const suite of report?.testResults ?? []) {
      for (const t of suite.assertionResults ?? []) {
        if (t.status === 'failed') console.log(`  FAILED: ${t.fullName}`);
      }
      if (
        suite.status === 'failed' &&
        suite.message &&
        !(suite.assertionResults ?? []).length
      ) {
        console.log(
          `  FAILED suite: ${path.relative(process.cwd(), suite.name)}`,
        );
      }
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
