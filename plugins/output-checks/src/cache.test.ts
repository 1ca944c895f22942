import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprintOf, readEntry, writeEntry } from './cache';
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

      // prove the second answer comes from the cache: store a marked report
      // under the same key through the cache's own writer
      const key = stored[0].replace(/\.json$/, '');
      const marked = readEntry<{ report: string }>(reportsDir, key)!;
      const report = JSON.parse(marked.report);
      report.charts = [...report.charts, 'marker-from-cache'];
      writeEntry(reportsDir, key, { report: JSON.stringify(report) });

      const dir = copyChart('template-error');
      const second = await checkDirectory(dir);
      expect(second.charts).toEqual([...first.charts, 'marker-from-cache']);
      expect(second.findings).toEqual(first.findings);
      expect(JSON.stringify(second)).not.toContain('\u0000root\u0000');
    }, 120_000);

    it('never returns a stored report whose content was changed by hand', async () => {
      const dir = copyChart('template-error');
      fs.appendFileSync(
        path.join(dir, 'charts/template-error/values.yaml'),
        '\nunique: hand-edit-test\n',
      );
      const before = new Set(entries(reportsDir));
      const first = await checkDirectory(dir);
      const [name] = entries(reportsDir).filter(e => !before.has(e));
      expect(name).toMatch(/^[0-9a-f]{64}\.json$/);

      // edit the stored report in place, keeping its seal
      const file = path.join(reportsDir, name);
      const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
      const report = JSON.parse(JSON.parse(stored.content).report);
      report.findings = [];
      report.ok = true;
      stored.content = JSON.stringify({ report: JSON.stringify(report) });
      fs.writeFileSync(file, JSON.stringify(stored));

      const second = await checkDirectory(dir);
      expect(second.ok).toBe(false);
      expect(second.findings).toEqual(first.findings);
      // and the entry was recomputed and stored again, sealed
      expect(
        readEntry<{ report: string }>(reportsDir, name.slice(0, -5)),
      ).toEqual({ report: expect.stringContaining('"ok":false') });
    }, 120_000);

    it('never returns an entry copied under another key', () => {
      writeEntry(reportsDir, 'a'.repeat(64), { report: '{"ok":true}' });
      fs.copyFileSync(
        path.join(reportsDir, `${'a'.repeat(64)}.json`),
        path.join(reportsDir, `${'b'.repeat(64)}.json`),
      );
      expect(readEntry(reportsDir, 'a'.repeat(64))).toEqual({
        report: '{"ok":true}',
      });
      expect(readEntry(reportsDir, 'b'.repeat(64))).toBeUndefined();
    });

    it("a change to the checker's code invalidates every stored report", async () => {
      // a copy of this package whose code the test edits
      const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-checker-'));
      const own = path.join(__dirname, '..');
      fs.copyFileSync(
        path.join(own, 'package.json'),
        path.join(pkg, 'package.json'),
      );
      for (const sub of ['src', 'crd-schemas']) {
        fs.cpSync(path.join(own, sub), path.join(pkg, sub), {
          recursive: true,
        });
      }
      try {
        const fingerprint = fingerprintOf(pkg);
        // tests and fixtures are not the checker's code
        fs.appendFileSync(path.join(pkg, 'src/cache.test.ts'), '\n// x\n');
        expect(fingerprintOf(pkg)).toBe(fingerprint);
        // code and schemas are
        fs.appendFileSync(path.join(pkg, 'src/check.ts'), '\n// changed\n');
        const changed = fingerprintOf(pkg);
        expect(changed).not.toBe(fingerprint);
        fs.appendFileSync(
          path.join(
            pkg,
            'crd-schemas',
            fs.readdirSync(path.join(pkg, 'crd-schemas'))[0],
          ),
          ' ',
        );
        expect(fingerprintOf(pkg)).not.toBe(changed);

        // the report cache keyed by the copy's fingerprint: an edit of the
        // copy's code makes the next check run again and store a new entry
        let check: typeof checkFiles = checkFiles;
        jest.isolateModules(() => {
          jest.doMock('./cache', () => ({
            ...jest.requireActual('./cache'),
            checkerFingerprint: () => fingerprintOf(pkg),
          }));
          check = require('./check').checkFiles;
        });
        const files = { 'main.tf': 'resource "a" "b" {\n  x = 3\n}\n' };
        const first = await check(files);
        const count = entries(reportsDir).length;
        await check(files);
        expect(entries(reportsDir).length).toBe(count);
        fs.appendFileSync(path.join(pkg, 'src/check.ts'), '\n// again\n');
        const third = await check(files);
        expect(entries(reportsDir).length).toBe(count + 1);
        expect(third).toEqual(first);
      } finally {
        jest.dontMock('./cache');
        fs.rmSync(pkg, { recursive: true, force: true });
      }
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

  it('caches nothing unless IACFORGE_CHECK_CACHE asks for it', async () => {
    delete process.env.IACFORGE_CHECK_CACHE;
    const before = [entries(helmDir).length, entries(reportsDir).length];
    const dir = copyChart('template-error');
    fs.appendFileSync(
      path.join(dir, 'charts/template-error/values.yaml'),
      '\nunique: default-test\n',
    );
    await checkDirectory(dir);
    expect([entries(helmDir).length, entries(reportsDir).length]).toEqual(
      before,
    );
  }, 120_000);

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
