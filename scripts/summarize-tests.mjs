// Sums every suite the test command ran into the closing line CI reads:
// "N passed, N failed, N skipped" (rules in test-summary.mjs). Exits
// non-zero when anything failed.
//
//   node scripts/summarize-tests.mjs test-results
//   UPDATE_TEST_FLOORS=1 node scripts/summarize-tests.mjs test-results
//     records the tests each package collected in this run as the new floors
//     in scripts/test-floors.json (refused under CI=true).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { floorsOf, summarize } from './test-summary.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const floorsFile = path.join(here, 'test-floors.json');
const dir = process.argv[2] ?? path.join(root, 'test-results');
const ci = process.env.CI === 'true';

const stepsFile = path.join(dir, 'steps.txt');
const steps = fs.existsSync(stepsFile)
  ? fs.readFileSync(stepsFile, 'utf8').split('\n')
  : [];
const floors = JSON.parse(fs.readFileSync(floorsFile, 'utf8'));
const reports = {};
for (const line of steps) {
  const [name, word] = line.trim().split(/\s+/);
  if (word !== 'exit') continue;
  const file = path.join(dir, `${name}.json`);
  reports[name] = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
}

if (process.env.UPDATE_TEST_FLOORS) {
  if (ci) {
    console.error('UPDATE_TEST_FLOORS is refused under CI=true');
    process.exit(1);
  }
  const next = { ...floors, ...floorsOf(reports, root) };
  fs.writeFileSync(floorsFile, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`recorded the floors of ${Object.keys(reports).join(', ')}`);
}

const result = summarize({ steps, reports, floors, root, ci });
for (const line of result.lines) console.log(line);
process.exit(result.ok ? 0 : 1);
