import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDirectory, checkFiles } from './check';

// test code runs from source
// eslint-disable-next-line no-restricted-syntax
const FIXTURES = path.join(__dirname, '__fixtures__');

function copyChart(name: string): string {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'iacforge-check-cache-chart-'),
  );
  fs.cpSync(
    path.join(FIXTURES, 'broken/charts', name),
    path.join(dir, 'charts', name),
    { recursive: true },
  );
  return dir;
}

const entries = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];

describe('on-disk check caches', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-check-cache-'));
  const helmDir = path.join(root, 'helm');
  const reportsDir = path.join(root, 'reports');
  const previous = {
    dir: process.env.IACFORGE_CHECK_CACHE_DIR,
    which: process.env.IACFORGE_CHECK_CACHE,
  };
  beforeAll(() => {
    process.env.IACFORGE_CHECK_CACHE_DIR = root;
  });
  afterEach(() => {
    process.env.IACFORGE_CHECK_CACHE = previous.which;
  });
  afterAll(() => {
    process.env.IACFORGE_CHECK_CACHE_DIR = previous.dir;
    process.env.IACFORGE_CHECK_CACHE = previous.which;
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('helm runs', () => {
    beforeEach(() => {
      process.env.IACFORGE_CHECK_CACHE = 'helm';
    });

    it('answers an unchanged chart in another folder from the cache, with the same findings', async () => {
      const first = await checkDirectory(copyChart('template-error'));
      const cached = entries(helmDir).length;
      expect(cached).toBeGreaterThan(0);
      expect(first.findings.length).toBeGreaterThan(0);

      const second = await checkDirectory(copyChart('template-error'));
      expect(entries(helmDir).length).toBe(cached);
      expect(second.findings).toEqual(first.findings);
      // paths in findings point into the second folder's chart, not the first
      expect(JSON.stringify(second.findings)).not.toMatch(
        /iacforge-check-cache-chart-/,
      );
      expect(entries(reportsDir)).toEqual([]);
    }, 120_000);

    it('runs helm again when any file of the chart changes, templates helpers included', async () => {
      const dir = copyChart('template-error');
      await checkDirectory(dir);
      const before = entries(helmDir).length;
      fs.writeFileSync(
        path.join(dir, 'charts/template-error/templates/_extra.tpl'),
        '{{- define "extra" -}}x{{- end -}}\n',
      );
      await checkDirectory(dir);
      expect(entries(helmDir).length).toBeGreaterThan(before);
    }, 120_000);
  });

  describe('whole reports', () => {
    beforeEach(() => {
      process.env.IACFORGE_CHECK_CACHE = 'reports';
    });

    it('answers checkDirectory of unchanged content from the stored report, in any folder', async () => {
      const first = await checkDirectory(copyChart('template-error'));
      const stored = entries(reportsDir);
      expect(stored).toHaveLength(1);
      expect(first.ok).toBe(false);

      // prove the second answer comes from the cache: mark the stored entry
      const file = path.join(reportsDir, stored[0]);
      const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
      const marked = JSON.parse(entry.report);
      marked.charts = [...marked.charts, 'marker-from-cache'];
      fs.writeFileSync(
        file,
        JSON.stringify({ report: JSON.stringify(marked) }),
      );

      const dir = copyChart('template-error');
      const second = await checkDirectory(dir);
      expect(second.charts).toContain('marker-from-cache');
      expect(second.findings).toEqual(first.findings);
      expect(JSON.stringify(second)).not.toContain('\u0000root\u0000');
    }, 120_000);

    it('checks again when a file changes, an option changes, or the tools differ', async () => {
      const dir = copyChart('template-error');
      await checkDirectory(dir);
      const base = entries(reportsDir).length;

      fs.writeFileSync(
        path.join(dir, 'charts/template-error/NOTES.txt'),
        'Installed.\n',
      );
      await checkDirectory(dir);
      expect(entries(reportsDir).length).toBe(base + 1);

      await checkDirectory(dir, { helm: { versions: ['v3'] } });
      expect(entries(reportsDir).length).toBe(base + 2);

      await checkDirectory(dir, { nonKubernetesKinds: ['example.com/*'] });
      expect(entries(reportsDir).length).toBe(base + 3);
    }, 120_000);

    it('never stores a report of a run whose tools were missing', async () => {
      const before = entries(reportsDir).length;
      const report = await checkDirectory(copyChart('template-error'), {
        helmBinaries: { v3: '/nonexistent/helm' },
      });
      expect(report.findings.some(f => f.check === 'toolchain')).toBe(true);
      expect(entries(reportsDir).length).toBe(before);
    }, 120_000);

    it('answers checkFiles of the same files from the cache', async () => {
      const files = { 'main.tf': 'resource "a" "b" {\n  x = 1\n}\n' };
      const first = await checkFiles(files);
      const count = entries(reportsDir).length;
      const second = await checkFiles({ ...files });
      expect(entries(reportsDir).length).toBe(count);
      expect(second).toEqual(first);
      await checkFiles({ 'main.tf': 'resource "a" "b" {\n  x = 2\n}\n' });
      expect(entries(reportsDir).length).toBe(count + 1);
    });
  });

  it('IACFORGE_CHECK_CACHE=off stores nothing', async () => {
    process.env.IACFORGE_CHECK_CACHE = 'off';
    const before = [entries(helmDir).length, entries(reportsDir).length];
    const dir = copyChart('template-error');
    fs.appendFileSync(
      path.join(dir, 'charts/template-error/values.yaml'),
      '\nunique: off-test\n',
    );
    await checkDirectory(dir);
    expect([entries(helmDir).length, entries(reportsDir).length]).toEqual(
      before,
    );
  }, 120_000);
});
