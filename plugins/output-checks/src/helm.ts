import path from 'node:path';
import { digestTree, FileMap, joinRel } from './files';
import { KubernetesValidator } from './kubernetes';
import { formatPath } from './schemaErrors';
import type { ManifestObject } from './semantic';
import { Finding, HelmVersion } from './types';
import { createLimiter, errorMessage, isPlainObject } from './util';
import { parseYaml } from './yaml';
import {
  ChartTarget,
  RunFinding,
  chartFile,
  helmErrorText,
  locateInTemplate,
  parseHelmMessage,
  parseLintOutput,
  splitRendered,
} from './helmOutput';
import {
  HELM_VERSIONS,
  cachedRun,
  chartDigest,
  defaultHelmBinaries,
  helmBinaryVersion,
} from './helmProcess';

export interface HelmCheckInput {
  charts: ChartTarget[];
  versions: HelmVersion[];
  binaries: Record<HelmVersion, string>;
  files: FileMap;
  /** Content digests of every file under the checked root (digestTree). */
  digests: Map<string, string>;
  validator: KubernetesValidator;
  concurrency: number;
}

export interface HelmCheckResult {
  findings: Finding[];
  helmVersions: Partial<Record<HelmVersion, string>>;
  lintedCharts: number;
  renderedCharts: number;
  validatedObjects: number;
  validatedFiles: Set<string>;
  /**
   * Every rendered object of the first helm version that ran, per values
   * set (for the semantic rules).
   */
  renderedObjects: ManifestObject[];
}

/**
 * `helm lint --strict` + `helm template` for every chart, values set and
 * helm version, with the rendered manifests schema-validated.
 */
export async function runHelmChecks(
  input: HelmCheckInput,
): Promise<HelmCheckResult> {
  const result: HelmCheckResult = {
    findings: [],
    helmVersions: {},
    lintedCharts: 0,
    renderedCharts: 0,
    validatedObjects: 0,
    validatedFiles: new Set(),
    renderedObjects: [],
  };
  if (input.charts.length === 0) {
    return result;
  }

  const available: HelmVersion[] = [];
  for (const version of input.versions) {
    try {
      result.helmVersions[version] = await helmBinaryVersion(
        version,
        input.binaries[version],
      );
      available.push(version);
    } catch (error) {
      for (const chart of input.charts) {
        result.findings.push({
          check: 'toolchain',
          severity: 'error',
          file: joinRel(chart.dir, 'Chart.yaml'),
          message: `${errorMessage(
            error,
          )} — chart not checked with helm ${version}`,
        });
      }
    }
  }

  const limit = createLimiter(Math.max(1, input.concurrency));
  const runFindings: RunFinding[] = [];
  const linted = new Set<string>();
  const rendered = new Set<string>();
  const jobs: Array<Promise<void>> = [];

  for (const chart of input.charts) {
    const digest = chartDigest(chart, input.digests);
    for (const version of available) {
      const binary = input.binaries[version];
      const helmVersion = result.helmVersions[version] ?? version;
      for (const values of chart.valuesSets) {
        const valuesArgs = values.file ? ['--values', values.file] : [];
        const context = {
          helm: version,
          values: values.label,
          valuesSets: chart.valuesSets.map(v => v.label),
        };
        const fallbackFile = joinRel(chart.dir, 'Chart.yaml');

        jobs.push(
          limit(async () => {
            const lint = await cachedRun(
              binary,
              helmVersion,
              ['lint', '--strict', chart.absDir, ...valuesArgs],
              chart,
              digest,
            );
            linted.add(chart.dir);
            const parsed = parseLintOutput(
              chart,
              `${lint.stdout}\n${lint.stderr}`,
            );
            for (const finding of parsed) {
              runFindings.push({ check: 'helm-lint', ...finding, ...context });
            }
            if (lint.code !== 0 && parsed.length === 0) {
              runFindings.push({
                check: 'helm-lint',
                severity: 'error',
                ...parseHelmMessage(
                  chart,
                  helmErrorText(lint.stderr) || `exit code ${lint.code}`,
                  fallbackFile,
                ),
                ...context,
              });
            }
          }).catch(error => {
            runFindings.push({
              check: 'helm-lint',
              severity: 'error',
              file: fallbackFile,
              message: errorMessage(error),
              ...context,
            });
          }),
        );

        jobs.push(
          limit(async () => {
            const template = await cachedRun(
              binary,
              helmVersion,
              ['template', chart.name, chart.absDir, ...valuesArgs],
              chart,
              digest,
            );
            rendered.add(chart.dir);
            if (template.code !== 0) {
              runFindings.push({
                check: 'helm-template',
                severity: 'error',
                ...parseHelmMessage(
                  chart,
                  helmErrorText(template.stderr) ||
                    `exit code ${template.code}`,
                  fallbackFile,
                ),
                ...context,
              });
              return;
            }
            for (const finding of validateRendered(
              chart,
              template.stdout,
              input,
              result,
              version === available[0] ? values.label : undefined,
            )) {
              runFindings.push({ ...finding, ...context });
            }
          }).catch(error => {
            runFindings.push({
              check: 'helm-template',
              severity: 'error',
              file: fallbackFile,
              message: errorMessage(error),
              ...context,
            });
          }),
        );
      }
    }
  }
  await Promise.all(jobs);

  result.lintedCharts = linted.size;
  result.renderedCharts = rendered.size;
  result.findings.push(...mergeRuns(runFindings));
  return result;
}

function validateRendered(
  chart: ChartTarget,
  stdout: string,
  input: HelmCheckInput,
  result: HelmCheckResult,
  /** Set on one helm version's runs: keep the objects for the semantic rules. */
  keepAs?: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const doc of splitRendered(stdout)) {
    const file = doc.source
      ? chartFile(chart, doc.source)
      : joinRel(chart.dir, 'templates');
    const parsed = parseYaml(doc.text, { kubernetes: true });
    for (const issue of parsed.issues) {
      if (issue.severity === 'error') {
        findings.push({
          check: 'helm-template',
          severity: 'error',
          file,
          message: `rendered output is not valid YAML: ${issue.message}`,
        });
      }
    }
    for (const { value } of parsed.documents) {
      if (value === null || value === undefined) {
        continue;
      }
      if (!isPlainObject(value)) {
        findings.push({
          check: 'kubernetes-schema',
          severity: 'error',
          file,
          message: 'rendered document is not a Kubernetes object (a mapping)',
        });
        continue;
      }
      if (keepAs !== undefined) {
        result.renderedObjects.push({
          file,
          object: value,
          chart: chart.dir,
          values: keepAs,
        });
      }
      const validation = input.validator.validate(value);
      if (validation.skipped) {
        continue;
      }
      result.validatedObjects++;
      result.validatedFiles.add(file);
      for (const issue of validation.issues) {
        findings.push({
          check: 'kubernetes-schema',
          severity: 'error',
          file,
          ...locateInTemplate(input.files.get(file), issue.path),
          message: `${validation.subject}: ${formatPath(issue.path)}: ${
            issue.message
          }`,
        });
      }
    }
  }
  return findings;
}

/**
 * The same problem found by several runs (helm v3 and v4, several values
 * sets) becomes one finding naming the runs; a template error reported by
 * both `helm lint` and `helm template` is reported once, by lint.
 */
function mergeRuns(findings: RunFinding[]): Finding[] {
  const groups = new Map<
    string,
    {
      finding: Finding;
      helm: Set<HelmVersion>;
      values: Set<string>;
      valuesSets: string[];
    }
  >();
  const keyOf = (f: Finding) =>
    [f.file, f.line ?? '', f.column ?? '', f.message].join('|');
  const lintKeys = new Set(
    findings.filter(f => f.check === 'helm-lint').map(keyOf),
  );
  for (const f of findings) {
    if (f.check === 'helm-template' && lintKeys.has(keyOf(f))) {
      continue;
    }
    const key = `${f.check}|${keyOf(f)}`;
    const group = groups.get(key) ?? {
      finding: {
        check: f.check,
        severity: f.severity,
        file: f.file,
        line: f.line,
        column: f.column,
        message: f.message,
      },
      helm: new Set<HelmVersion>(),
      values: new Set<string>(),
      valuesSets: f.valuesSets,
    };
    group.helm.add(f.helm);
    group.values.add(f.values);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ finding, helm, values, valuesSets }) => {
    const versions = HELM_VERSIONS.filter(v => helm.has(v)).join(' + ');
    const sets = valuesSets.filter(v => values.has(v));
    const suffix =
      valuesSets.length > 1
        ? `[helm ${versions}; values: ${sets.join(', ')}]`
        : `[helm ${versions}]`;
    const cleaned = Object.fromEntries(
      Object.entries(finding).filter(([, v]) => v !== undefined),
    ) as unknown as Finding;
    return { ...cleaned, message: `${finding.message} ${suffix}` };
  });
}

/**
 * Runs one helm command on a chart folder (e.g. `template`, `lint`,
 * `install --dry-run=client`), answered from the helm result cache when the
 * helm version, the arguments and every file of the chart are unchanged.
 * Resolves with helm's exit code and output; rejects only when helm cannot
 * run at all.
 */
export async function runHelmOnChart(
  version: HelmVersion,
  args: string[],
  chartDir: string,
  options: { binary?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const binary = options.binary ?? defaultHelmBinaries()[version];
  const helmVersion = await helmBinaryVersion(version, binary);
  const absDir = path.resolve(chartDir);
  const chart: ChartTarget = { dir: '.', absDir, name: '', valuesSets: [] };
  const digest = chartDigest(chart, await digestTree(absDir));
  return cachedRun(binary, helmVersion, args, chart, digest);
}
