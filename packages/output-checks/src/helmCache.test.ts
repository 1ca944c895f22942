import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDirectory } from './check';

// test code runs from source
// eslint-disable-next-line no-restricted-syntax
const FIXTURES = path.join(__dirname, '__fixtures__');

function copyChart(name: string): string {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'iacforge-helm-cache-chart-'),
  );
  fs.cpSync(
    path.join(FIXTURES, 'broken/charts', name),
    path.join(dir, 'charts', name),
    {
      recursive: true,
    },
  );
  return dir;
}

describe('helm result cache', () => {
  const cacheDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'iacforge-helm-cache-'),
  );
  const previous = process.env.IACFORGE_HELM_CACHE_DIR;
  beforeAll(() => {
    process.env.IACFORGE_HELM_CACHE_DIR = cacheDir;
  });
  afterAll(() => {
    process.env.IACFORGE_HELM_CACHE_DIR = previous;
  });

  it('answers an unchanged chart in another folder from the cache, with the same findings', async () => {
    const first = await checkDirectory(copyChart('template-error'));
    const cached = fs.readdirSync(cacheDir).length;
    expect(cached).toBeGreaterThan(0);
    expect(first.findings.length).toBeGreaterThan(0);

    const second = await checkDirectory(copyChart('template-error'));
    expect(fs.readdirSync(cacheDir).length).toBe(cached);
    expect(second.findings).toEqual(first.findings);
    // paths in findings point into the second folder's chart, not the first
    expect(JSON.stringify(second.findings)).not.toMatch(
      /iacforge-helm-cache-chart-/,
    );
  }, 120_000);

  it('runs helm again when a file of the chart changes', async () => {
    const dir = copyChart('template-error');
    const before = fs.readdirSync(cacheDir).length;
    fs.appendFileSync(
      path.join(dir, 'charts/template-error/values.yaml'),
      '\nextra: 1\n',
    );
    await checkDirectory(dir);
    expect(fs.readdirSync(cacheDir).length).toBeGreaterThan(before);
  }, 120_000);
});
