/*
 * The charts' own chart-testing value sets (ci/minimal, hpa, keda, istio,
 * monitoring, all-on) on representative payloads of every tree: helm lint
 * --strict and helm template on Helm 3 and 4 with each set, plus two install
 * scenarios (tokens passed with --set-string as the deploy job does, and
 * secrets.source=externalSecret), all schema-validated with zero findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { checkDirectory, formatFindings } from '@iacforge/output-checks';
import { representativeCases } from './lib/helm/cases';
import {
  HELM_CONCURRENCY,
  readValues,
  renderChart,
  tempDir,
  validateValues,
  writeBatch,
} from './lib/helm/chart';

const CI_SETS = ['all-on', 'hpa', 'istio', 'keda', 'minimal', 'monitoring'];

/** What the deploy job passes: every chart-managed Secret's token (test values, not real). */
const INSTALL_VALUES = {
  logs: {
    grafanaCloud: { auth: { token: 'install-time-grafana-token' } },
    splunk: { auth: { token: 'install-time-splunk-token' } },
  },
  telemetry: { auth: { token: 'install-time-otlp-token' } },
};

const EXTERNAL_SECRET_VALUES = {
  secrets: {
    source: 'externalSecret',
    externalSecret: {
      secretStoreRef: { name: 'platform-secrets', kind: 'ClusterSecretStore' },
    },
  },
};

/** Deep merge as Helm merges values files (maps merge, everything else replaces). */
function merge(base: any, overlay: any): any {
  if (
    base &&
    overlay &&
    typeof base === 'object' &&
    typeof overlay === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(overlay)
  ) {
    const out = { ...base };
    for (const [k, v] of Object.entries(overlay)) out[k] = merge(base[k], v);
    return out;
  }
  return overlay;
}

describe('ci/*-values.yaml sets and install scenarios', () => {
  const cases = representativeCases();

  it('every chart ships the six chart-testing value sets, valid against its schema', () => {
    for (const helmCase of cases) {
      const chart = renderChart(helmCase);
      const sets = [...chart.files.keys()]
        .filter(f => f.startsWith('ci/'))
        .map(f => /^ci\/(.+)-values\.yaml$/.exec(f)?.[1])
        .sort();
      expect(sets).toEqual(CI_SETS);
      const schema = chart.files.get('values.schema.json')!.toString('utf8');
      const defaults = readValues(chart.files);
      for (const set of CI_SETS) {
        const overlay = YAML.parse(
          chart.files.get(`ci/${set}-values.yaml`)!.toString('utf8'),
          { version: '1.1' },
        );
        expect({
          set,
          issues: validateValues(merge(defaults, overlay), schema),
        }).toEqual({
          set,
          issues: [],
        });
      }
    }
  });

  it('helm lint --strict + helm template (v3 + v4) with defaults, every ci set, install tokens and ExternalSecrets: zero findings', async () => {
    const dir = tempDir('helm-ci-');
    try {
      const ids = new Map<string, string>();
      const charts = cases.map((helmCase, i) => {
        const id = `r${i}`;
        ids.set(id, helmCase.name);
        return { id, chart: renderChart(helmCase) };
      });
      writeBatch(dir, charts, { dropCi: false });
      fs.writeFileSync(
        path.join(dir, 'install-values.yaml'),
        YAML.stringify(INSTALL_VALUES),
      );
      fs.writeFileSync(
        path.join(dir, 'external-secret-values.yaml'),
        YAML.stringify(EXTERNAL_SECRET_VALUES),
      );
      const valuesFiles = Object.fromEntries(
        charts.map(({ id }) => [
          `charts/${id}`,
          ['../../install-values.yaml', '../../external-secret-values.yaml'],
        ]),
      );
      const report = await checkDirectory(dir, {
        helmConcurrency: HELM_CONCURRENCY,
        valuesFiles,
      });
      const summary = formatFindings(report.findings)
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const id = /^charts\/(r\d+)\//.exec(line)?.[1];
          return id ? `${ids.get(id)}: ${line}` : line;
        })
        .join('\n');
      expect(summary).toBe('');
      expect(report.charts).toHaveLength(cases.length);
      // 6 charts x (defaults + 6 ci sets + 2 install scenarios) x 2 helm versions
      expect(report.validatedObjects).toBeGreaterThan(6 * 9 * 2 * 4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
