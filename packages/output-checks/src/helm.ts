import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cacheDir,
  cacheRoot,
  packageDir,
  readEntry,
  swap,
  writeEntry,
} from './cache';
import { digestTree, FileMap, joinRel, normalizePath } from './files';
import { formatPath, KubernetesValidator, ObjectPath } from './kubernetes';
import type { ManifestObject } from './semantic';
import { Finding, HelmVersion } from './types';
import { createLimiter, errorMessage, isPlainObject, oneLine } from './util';
import { parseYaml } from './yaml';

export const HELM_VERSIONS: HelmVersion[] = ['v3', 'v4'];

const HELM_TIMEOUT_MS = 120_000;

/**
 * The repository's `.tools` directory: the nearest ancestor of this package
 * (or of the working directory) that has `.tools/helm` or
 * `scripts/bootstrap.sh`.
 */
function findToolsDir(): string {
  const pkg = packageDir();
  const starts = [pkg, process.cwd()].filter((d): d is string => !!d);
  for (const marker of [path.join('.tools', 'helm'), 'scripts/bootstrap.sh']) {
    for (const start of starts) {
      let dir = path.resolve(start);
      for (;;) {
        if (fs.existsSync(path.join(dir, marker))) {
          return path.join(dir, '.tools');
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
          break;
        }
        dir = parent;
      }
    }
  }
  return path.resolve(pkg ?? process.cwd(), '..', '..', '.tools');
}

/** Where scripts/bootstrap.sh installs helm 3 and helm 4. */
export function defaultHelmBinaries(): Record<HelmVersion, string> {
  const tools = findToolsDir();
  return {
    v3: path.join(tools, 'helm', 'v3', 'helm'),
    v4: path.join(tools, 'helm', 'v4', 'helm'),
  };
}

interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** helm's cache/config/data go to a private temp dir, not the user's home. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = path.join(cacheRoot(), 'helm-home');
  fs.mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
  };
}

function run(
  binary: string,
  args: string[],
  cwd: string,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        cwd,
        env: helmEnv(),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: HELM_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ code: 0, stdout, stderr });
        } else if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
        } else if (error.killed) {
          reject(
            new Error(
              `helm ${args[0]} timed out after ${HELM_TIMEOUT_MS / 1000}s`,
            ),
          );
        } else {
          reject(error);
        }
      },
    );
  });
}

/** The chart folder, as stored in cached helm output. */
const CHART_PLACEHOLDER = '\u0000chart\u0000';

/**
 * Digest of a chart's files as helm sees them: every file under the chart
 * folder (path + content digest, from {@link digestTree}).
 */
export function chartDigest(
  chart: ChartTarget,
  digests: Map<string, string>,
): string {
  const prefix = chart.dir === '.' || chart.dir === '' ? '' : `${chart.dir}/`;
  const hash = createHash('sha256');
  for (const [file, digest] of digests) {
    if (file.startsWith(prefix)) {
      hash.update(file.slice(prefix.length)).update('\0').update(digest);
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/**
 * helm runs are pure functions of the helm version, the arguments and the
 * chart's files, so their results are kept in the `helm` cache (see
 * cache.ts), with the chart folder written as a placeholder: a second check
 * of an unchanged chart, in any folder, does not start helm again.
 */
async function cachedRun(
  binary: string,
  helmVersion: string,
  args: string[],
  chart: ChartTarget,
  digest: string,
): Promise<ProcessResult> {
  const dir = cacheDir('helm');
  if (!dir) {
    return run(binary, args, chart.absDir);
  }
  // the chart folder and values files outside it are keyed by content and
  // stored as placeholders, so the same check in another folder is a hit
  const places: Array<[string, string]> = [[chart.absDir, CHART_PLACEHOLDER]];
  const hash = createHash('sha256')
    .update(helmVersion)
    .update('\0')
    .update(digest);
  for (const arg of args) {
    if (
      path.isAbsolute(arg) &&
      !arg.startsWith(chart.absDir) &&
      fs.existsSync(arg)
    ) {
      const placeholder = `\u0000file${places.length}\u0000`;
      places.push([arg, placeholder]);
      hash.update('\0').update(placeholder).update(fs.readFileSync(arg));
    } else {
      hash.update('\0').update(swap(arg, chart.absDir, CHART_PLACEHOLDER));
    }
  }
  const toStored = (text: string) =>
    places.reduce((t, [real, placeholder]) => swap(t, real, placeholder), text);
  const fromStored = (text: string) =>
    places.reduce((t, [real, placeholder]) => swap(t, placeholder, real), text);
  const key = hash.digest('hex');
  const cached = readEntry<ProcessResult>(dir, key);
  if (cached) {
    return {
      code: cached.code,
      stdout: fromStored(cached.stdout),
      stderr: fromStored(cached.stderr),
    };
  }
  const result = await run(binary, args, chart.absDir);
  writeEntry(dir, key, {
    code: result.code,
    stdout: toStored(result.stdout),
    stderr: toStored(result.stderr),
  });
  return result;
}

const versionCache = new Map<string, Promise<string>>();

/**
 * The version a helm binary reports (`v3.17.2`), checked against the
 * expected major version. Rejects with a readable message if the binary is
 * missing or broken.
 */
export function helmBinaryVersion(
  version: HelmVersion,
  binary: string,
): Promise<string> {
  const key = `${version}:${binary}`;
  let pending = versionCache.get(key);
  if (!pending) {
    pending = (async () => {
      try {
        fs.accessSync(binary, fs.constants.X_OK);
      } catch {
        throw new Error(
          `helm ${version} is not installed at ${binary}: run scripts/bootstrap.sh (it unpacks helm 3 and helm 4 into .tools/helm) or set options.helmBinaries.${version}`,
        );
      }
      let result: ProcessResult;
      try {
        result = await run(binary, ['version', '--short'], os.tmpdir());
      } catch (error) {
        throw new Error(
          `helm ${version} at ${binary} does not run: ${errorMessage(error)}`,
        );
      }
      const reported = result.stdout.trim().replace(/\+.*$/, '');
      if (result.code !== 0 || !reported.startsWith(`${version}.`)) {
        throw new Error(
          `${binary} reports "${oneLine(
            result.stdout + result.stderr,
          )}", expected helm ${version}.x: run scripts/bootstrap.sh`,
        );
      }
      return reported;
    })();
    versionCache.set(key, pending);
    pending.catch(() => versionCache.delete(key));
  }
  return pending;
}

/** A chart to run helm on. */
export interface ChartTarget {
  /** Relative to the checked root (`.` for the root). */
  dir: string;
  /** Absolute path on disk. */
  absDir: string;
  /** `name` from Chart.yaml (helm prefixes template paths with it). */
  name: string;
  /**
   * Values sets, each one lint + template run: a label (chart-relative
   * path) and the absolute file (none for the chart's default values).
   */
  valuesSets: Array<{ label: string; file?: string }>;
}

/** A finding of one helm run, before runs are merged. */
interface RunFinding extends Finding {
  helm: HelmVersion;
  values: string;
  /** All values sets of the chart the run was for, in run order. */
  valuesSets: string[];
}

const LOCATION =
  /^(?:template: )?([^\s:()]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?:?\s*(.*)$/s;

/** Maps a path as helm prints it (`web/templates/x.yaml`) to the checked root. */
export function chartFile(chart: ChartTarget, helmPath: string): string {
  const parts = normalizePath(helmPath).split('/');
  const inChart =
    parts.length > 1 && parts[0] === chart.name ? parts.slice(1) : parts;
  return joinRel(chart.dir, inChart.join('/'));
}

/** Parses one helm error text into file/line/message. */
export function parseHelmMessage(
  chart: ChartTarget,
  text: string,
  defaultFile: string,
): Pick<Finding, 'file' | 'line' | 'column' | 'message'> {
  const message = oneLine(text);
  let m = /^parse error at \(([^)]+?):(\d+)\):\s*(.*)$/.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      line: Number(m[2]),
      message: `template parse error: ${m[3]}`,
    };
  }
  m = /^YAML parse error on (\S+?):\s*(.*)$/.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      message: `rendered output is not valid YAML: ${m[2]}`,
    };
  }
  m = LOCATION.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      line: Number(m[2]),
      column: m[3] ? Number(m[3]) : undefined,
      message: m[4] || message,
    };
  }
  return { file: defaultFile, message };
}

/** Parses `helm lint` output ([INFO]/[WARNING]/[ERROR] items). */
export function parseLintOutput(
  chart: ChartTarget,
  output: string,
): Array<Pick<Finding, 'file' | 'line' | 'column' | 'message' | 'severity'>> {
  const items: Array<{ level: string; text: string }> = [];
  let current: { level: string; text: string } | undefined;
  for (const line of output.split('\n')) {
    const item = /^\[(INFO|WARNING|ERROR)\]\s?(.*)$/.exec(line);
    if (item) {
      current = { level: item[1], text: item[2] };
      items.push(current);
    } else if (current && /^\s+\S/.test(line)) {
      current.text += `\n${line}`;
    } else {
      current = undefined;
    }
  }
  const chartYaml = joinRel(chart.dir, 'Chart.yaml');
  return items
    .filter(item => item.level !== 'INFO')
    .map(item => {
      const subject = /^([^\s:]*): ([\s\S]*)$/.exec(item.text);
      const defaultFile =
        subject && subject[1] && !subject[1].endsWith('/')
          ? joinRel(chart.dir, subject[1])
          : chartYaml;
      const parsed = parseHelmMessage(
        chart,
        subject ? subject[2] : item.text,
        defaultFile,
      );
      return {
        ...parsed,
        severity: 'error' as const,
        message:
          item.level === 'WARNING'
            ? `${parsed.message} (lint warning; fails --strict)`
            : parsed.message,
      };
    });
}

/** The text of helm's `Error: ...` (without the `--debug` hint). */
function helmErrorText(stderr: string): string {
  const text = stderr
    .split('\n')
    .filter(line => !/^Use --debug flag/.test(line))
    .join('\n')
    .trim();
  return text.replace(/^Error:\s*/, '');
}

/** Splits `helm template` output into documents with their `# Source:`. */
export function splitRendered(
  output: string,
): Array<{ source?: string; text: string }> {
  return output
    .split(/^---[ \t]*$/m)
    .map(text => ({ text, source: /^# Source: (.+)$/m.exec(text)?.[1] }))
    .filter(doc => doc.text.trim() !== '');
}

/**
 * Best-effort line of a rendered field in its template: the deepest key of
 * the path that occurs exactly once as `key:` in the template source.
 */
export function locateInTemplate(
  source: string | undefined,
  at: ObjectPath,
): { line: number; column: number } | undefined {
  if (!source) {
    return undefined;
  }
  const lines = source.split('\n');
  const keys = at.filter((s): s is string => typeof s === 'string');
  for (let i = keys.length - 1; i >= 0; i--) {
    const escaped = keys[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^(\\s*(?:-\\s+)?)["']?${escaped}["']?\\s*:`);
    const hits = lines.flatMap((text, index) => {
      const m = pattern.exec(text);
      return m ? [{ line: index + 1, column: m[1].length + 1 }] : [];
    });
    if (hits.length === 1) {
      return hits[0];
    }
    if (hits.length > 1) {
      return undefined;
    }
  }
  return undefined;
}

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
