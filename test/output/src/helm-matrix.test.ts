/*
 * The Helm chart matrix: every chart tree (basic, aks-basic, gke-basic) x
 * every helm_context knob on and off x boundary values x the spec's JSON
 * examples. Each case must:
 * - render deterministically (same payload, same bytes),
 * - contain no secret value (plain or base64) anywhere in the output,
 * - have a values.yaml that validates against its values.schema.json (ajv),
 * - pass helm lint --strict and helm template on Helm 3.17 and 4.1 with every
 *   rendered manifest valid against the Kubernetes / CRD schemas (no unknown
 *   fields): zero findings from checkDirectory.
 * The charts are checked in batches (one checkDirectory call per batch, two
 * helm processes at a time) on their default values; the ci/*-values.yaml
 * sets run on representative charts in helm-ci.test.ts.
 */
import fs from 'node:fs';
import { checkDirectory, formatFindings } from '@iacforge/output-checks';
import {
  forbiddenValues,
  formatIssues,
  HELM_CONCURRENCY,
  readValues,
  renderChart,
  RenderedChart,
  tempDir,
  validateValues,
  writeBatch,
} from './lib/helm/chart';
import { helmMatrix } from './lib/helm/cases';

const CASES = helmMatrix();
const BATCH_SIZE = 36;
const rendered = new Map<string, RenderedChart>();

describe('helm chart matrix', () => {
  it('covers at least 150 renders over the three trees and the seed examples', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map(c => c.name)).size).toBe(CASES.length);
    for (const tree of ['basic', 'aks-basic', 'gke-basic']) {
      expect(CASES.filter(c => c.tree === tree).length).toBeGreaterThan(50);
    }
    expect(
      CASES.filter(c => c.name.includes('/ seed:')).length,
    ).toBeGreaterThan(30);
  });

  describe.each(CASES.map(c => [c.name, c] as const))(
    '%s',
    (_name, helmCase) => {
      it('renders the same bytes twice, without secrets, with schema-valid values', () => {
        const chart = renderChart(helmCase);
        const again = renderChart(helmCase);
        expect(again.result.contentHash).toBe(chart.result.contentHash);

        expect(chart.result.templates.find(t => t.kind === 'helm')?.name).toBe(
          helmCase.tree,
        );

        const forbidden = forbiddenValues(helmCase);
        const leaks: string[] = [];
        for (const file of chart.result.files) {
          const text = file.content.toString('utf8');
          for (const secret of forbidden) {
            if (text.includes(secret)) {
              leaks.push(`${file.path}: ${secret}`);
            }
            if (text.includes(Buffer.from(secret).toString('base64'))) {
              leaks.push(`${file.path}: base64 of ${secret}`);
            }
          }
        }
        expect(leaks).toEqual([]);

        const schema = chart.files.get('values.schema.json')!.toString('utf8');
        expect(
          formatIssues(validateValues(readValues(chart.files), schema)),
        ).toBe('');
        rendered.set(helmCase.name, chart);
      });
    },
  );

  const batches: Array<typeof CASES> = [];
  for (let i = 0; i < CASES.length; i += BATCH_SIZE) {
    batches.push(CASES.slice(i, i + BATCH_SIZE));
  }

  it.each(batches.map((batch, i) => [i + 1, batches.length, batch] as const))(
    'helm lint --strict + helm template (v3 + v4) + schemas: batch %d of %d, zero findings',
    async (_index, _count, batch) => {
      const dir = tempDir('helm-matrix-');
      try {
        const ids = new Map<string, string>();
        const charts = batch.map((helmCase, i) => {
          const id = `c${String(i).padStart(3, '0')}`;
          ids.set(id, helmCase.name);
          return {
            id,
            chart: rendered.get(helmCase.name) ?? renderChart(helmCase),
          };
        });
        writeBatch(dir, charts, { dropCi: true });
        const report = await checkDirectory(dir, {
          helmConcurrency: HELM_CONCURRENCY,
        });
        const summary = formatFindings(report.findings)
          .split('\n')
          .filter(Boolean)
          .map(line => {
            const id = /^charts\/(c\d{3})\//.exec(line)?.[1];
            return id ? `${ids.get(id)}: ${line}` : line;
          })
          .join('\n');
        expect(summary).toBe('');
        expect(report.charts).toHaveLength(batch.length);
        expect(report.helmVersions.v3).toMatch(/^v3\.17\./);
        expect(report.helmVersions.v4).toMatch(/^v4\.1\./);
        expect(report.validatedObjects).toBeGreaterThanOrEqual(
          batch.length * 4,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
