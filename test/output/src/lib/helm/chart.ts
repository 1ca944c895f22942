/*
 * Helpers of the Helm chart matrix: render payloads with the real engine,
 * lay several charts out in one folder (one checkDirectory call checks them
 * all), run `helm template` for assertions on the rendered objects, and
 * validate values.yaml against values.schema.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  HelmVersion,
  KubernetesValidator,
  runHelmOnChart,
  SchemaIssue,
} from '@iacforge/output-checks';
import {
  GenerateKind,
  GenerateResult,
  IacEngine,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import { getEngine, PLAINTEXT_SECRETS, templateRoot } from '../generate';

/** One payload of the matrix. */
export type HelmCase = {
  /** Unique, readable: "gke-basic / hpa cpu only". */
  name: string;
  kind: GenerateKind;
  payload: Record<string, unknown>;
  /** Helm tree the payload selects (basic, aks-basic, gke-basic). */
  tree: string;
  /** Secret values given in the payload: none may appear in the output. */
  secrets: string[];
};

/** A rendered chart: its files relative to the chart folder. */
export type RenderedChart = {
  helmCase: HelmCase;
  result: GenerateResult;
  /** Chart folder in the generated repository, e.g. charts/orders. */
  chartDir: string;
  files: Map<string, Buffer>;
};

/** Every value that must never be written: the fixed test tokens and the case's own. */
export function forbiddenValues(helmCase: HelmCase): string[] {
  return [...new Set([...PLAINTEXT_SECRETS, ...helmCase.secrets])];
}

/** The root holding the Helm trees (templates/iac/helm). */
export const helmRoot = path.join(templateRoot, 'helm');

let helmEngine: IacEngine | undefined;

/**
 * The engine over the Helm trees alone: helm requests render nothing else,
 * and the charts do not depend on the other kinds' trees.
 */
export function getHelmEngine(): IacEngine {
  helmEngine ??= IacEngine.fromRoots([helmRoot]);
  return helmEngine;
}

/** The engine a case needs: Helm trees for helm requests, every tree for platform ones. */
export function engineFor(kind: GenerateKind): IacEngine {
  return kind === 'helm' ? getHelmEngine() : getEngine();
}

/** Renders a case and returns the chart's files. */
export function renderChart(helmCase: HelmCase): RenderedChart {
  const result = requireGenerated(
    engineFor(helmCase.kind).generate(helmCase.kind, helmCase.payload),
  );
  const helm = result.payload.helm_context as { chart_name: string };
  const chartDir = `charts/${helm.chart_name}`;
  const files = new Map<string, Buffer>();
  for (const file of result.files) {
    if (file.path.startsWith(`${chartDir}/`)) {
      files.set(file.path.slice(chartDir.length + 1), file.content);
    }
  }
  if (!files.has('Chart.yaml')) {
    throw new Error(`${helmCase.name}: no chart was generated in ${chartDir}`);
  }
  return { helmCase, result, chartDir, files };
}

/** A fresh temporary folder (removed by the caller). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes files under `dir`. */
export function writeTree(dir: string, files: Map<string, Buffer | string>) {
  for (const [rel, content] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/**
 * Writes several charts side by side (`<dir>/charts/<id>`), optionally
 * without their `ci/` value sets (then helm runs on the default values only).
 */
export function writeBatch(
  dir: string,
  charts: Array<{ id: string; chart: RenderedChart }>,
  options: { dropCi: boolean },
) {
  for (const { id, chart } of charts) {
    const files = new Map<string, Buffer>();
    for (const [rel, content] of chart.files) {
      if (options.dropCi && rel.startsWith('ci/')) {
        continue;
      }
      files.set(`charts/${id}/${rel}`, content);
    }
    writeTree(dir, files);
  }
}

/** A Kubernetes object as rendered. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
};

type HelmOptions = {
  release?: string;
  namespace?: string;
  values?: string[];
  /** --set-string key=value (strings) */
  set?: string[];
  /** --set key=value (typed: booleans, numbers) */
  setTyped?: string[];
  version?: HelmVersion;
};

function valueArgs(options: HelmOptions): string[] {
  return [
    '--namespace',
    options.namespace ?? 'orders',
    ...(options.values ?? []).flatMap(v => ['--values', v]),
    ...(options.set ?? []).flatMap(s => ['--set-string', s]),
    ...(options.setTyped ?? []).flatMap(s => ['--set', s]),
  ];
}

/**
 * Runs helm on one chart folder through output-checks (results cached by
 * content: an unchanged chart and arguments do not start helm again).
 */
async function runHelm(
  version: HelmVersion,
  chartDir: string,
  args: string[],
): Promise<string> {
  const result = await runHelmOnChart(version, args, chartDir);
  if (result.code !== 0) {
    throw new Error((result.stderr || result.stdout).trim());
  }
  return result.stdout;
}

/**
 * NOTES.txt as `helm install --dry-run=client` prints it (Helm 4: Helm 3's
 * client dry-run still wants a cluster).
 */
export async function helmNotes(
  files: Map<string, Buffer>,
  options: HelmOptions = {},
): Promise<string> {
  const dir = tempDir('helm-notes-');
  try {
    writeTree(dir, files);
    const out = await runHelm('v4', dir, [
      'install',
      options.release ?? 'orders',
      dir,
      '--dry-run=client',
      ...valueArgs(options),
    ]);
    return out.slice(out.indexOf('NOTES:'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `helm template` of a chart folder; rejects with helm's message on failure. */
export async function helmTemplate(
  chartDir: string,
  options: HelmOptions = {},
): Promise<string> {
  return runHelm(options.version ?? 'v3', chartDir, [
    'template',
    options.release ?? 'orders',
    chartDir,
    ...valueArgs(options),
  ]);
}

/** The objects of a `helm template` output (documents with a kind). */
export function parseManifests(text: string): K8sObject[] {
  return YAML.parseAllDocuments(text, { version: '1.1' })
    .map(doc => doc.toJS())
    .filter(
      (obj): obj is K8sObject =>
        obj && typeof obj === 'object' && typeof obj.kind === 'string',
    );
}

/** Renders `files` into a temporary chart folder and runs `helm template`. */
export async function templateChart(
  files: Map<string, Buffer>,
  options: Parameters<typeof helmTemplate>[1] = {},
): Promise<K8sObject[]> {
  const dir = tempDir('helm-chart-');
  try {
    writeTree(dir, files);
    return parseManifests(await helmTemplate(dir, options));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** values.yaml as Helm reads it (YAML 1.1, like sigs.k8s.io/yaml). */
export function readValues(files: Map<string, Buffer>): Record<string, any> {
  return YAML.parse(files.get('values.yaml')!.toString('utf8'), {
    version: '1.1',
  });
}

const VALUES_API = 'values.iacforge.io/v1';

const validators = new Map<string, KubernetesValidator>();

/**
 * Validates chart values against the chart's values.schema.json with ajv
 * (through @iacforge/output-checks' validator: the values are wrapped into an
 * object of a made-up kind whose schema embeds the chart schema). Validators
 * are compiled once per schema text.
 */
export function validateValues(
  values: unknown,
  schemaText: string,
): SchemaIssue[] {
  let validator = validators.get(schemaText);
  if (!validator) {
    const { definitions, $schema: _dialect, ...body } = JSON.parse(schemaText);
    validator = new KubernetesValidator({
      extraSchemas: [
        {
          apiVersion: VALUES_API,
          kind: 'ChartValues',
          schema: {
            definitions,
            type: 'object',
            required: ['apiVersion', 'kind', 'values'],
            additionalProperties: false,
            properties: {
              apiVersion: { const: VALUES_API },
              kind: { const: 'ChartValues' },
              values: body,
            },
          },
        },
      ],
    });
    validators.set(schemaText, validator);
  }
  return validator.validate({
    apiVersion: VALUES_API,
    kind: 'ChartValues',
    values,
  }).issues;
}

/** "a.b[0]: message" lines of schema issues. */
export function formatIssues(issues: SchemaIssue[]): string {
  return issues
    .map(i => `${i.path.map(String).join('.')}: ${i.message}`)
    .join('\n');
}

/**
 * Helm processes at a time: the number of CPUs, at most 4 (HELM_MATRIX_CONCURRENCY overrides).
 */
export const HELM_CONCURRENCY =
  Number(process.env.HELM_MATRIX_CONCURRENCY) ||
  Math.max(1, Math.min(4, os.availableParallelism()));
