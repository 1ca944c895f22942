/*
 * pod-security: every pod we render, and every pod a chart we install
 * renders from the values we pass it, is admitted by the Pod Security level
 * its namespace enforces (`pod-security.kubernetes.io/enforce`).
 *
 * Which namespace level applies:
 * - plain manifests: the Namespace object of `metadata.namespace` in the tree;
 * - rendered chart objects: the Namespace the same render created (the chart
 *   owns its namespace), else the namespaces a Flux HelmRelease of this
 *   chart deploys it to (`spec.targetNamespace`), else the level the chart
 *   declares in its values (`namespace.podSecurityLevel`), else `restricted`
 *   (the bar of our charts);
 * - HelmReleases of third-party charts (chartValues.ts): the namespace of the
 *   release (`spec.targetNamespace`, else `metadata.namespace`);
 * - Terraform helm_release of third-party charts (terraformReleases.ts): the
 *   level the add-on chart's namespaces list gives the release namespace.
 * A namespace without an `enforce` label is `privileged` (the Kubernetes
 * default); a namespace that is not in the tree leaves the level unknown
 * (then: the chart's declared level, else `restricted`).
 * Pods get Istio's injected containers when the namespace or pod asks for
 * injection (pods.ts).
 */
import YAML from 'yaml';
import type { Finding } from '../types';
import { isPlainObject } from '../util';
import { chartPods } from './podSecurity/chartValues';
import { terraformReleaseFindings } from './podSecurity/terraformReleases';
import { admittedPod, NamespaceInfo, podTemplateOf } from './podSecurity/pods';
import {
  POD_SECURITY_LEVELS,
  PodSecurityLevel,
  podSecurityViolations,
  PodTemplate,
} from './podSecurity/standards';
import type { ManifestObject, SemanticInput, SemanticRule } from './types';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return isPlainObject(value) ? value : {};
}

/** A namespace a pod may land in, with the level it enforces. */
interface Target extends NamespaceInfo {
  name: string;
  level: PodSecurityLevel;
  /** How the level was found, for the message. */
  why: string;
}

function levelOf(labels: Obj): PodSecurityLevel {
  const value = String(labels['pod-security.kubernetes.io/enforce'] ?? '');
  return (POD_SECURITY_LEVELS as readonly string[]).includes(value)
    ? (value as PodSecurityLevel)
    : 'privileged';
}

function namespaceTarget(m: ManifestObject): Target {
  const metadata = obj(m.object.metadata);
  const labels = obj(metadata.labels);
  const name = String(metadata.name);
  return {
    name,
    labels,
    annotations: obj(metadata.annotations),
    level: levelOf(labels),
    why: `namespace "${name}" (${m.file}) enforces`,
  };
}

function isKind(m: ManifestObject, apiVersion: RegExp, kind: string) {
  return m.object.kind === kind && apiVersion.test(String(m.object.apiVersion));
}

const HELM_RELEASE = /^helm\.toolkit\.fluxcd\.io\//;

/** "./charts/orders/" -> "charts/orders" */
function normalizeChartPath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The chart's declared level: namespace.podSecurityLevel of the values used. */
function declaredLevel(
  input: SemanticInput,
  chart: string,
  values: string | undefined,
): PodSecurityLevel | undefined {
  const prefix = chart === '.' ? '' : `${chart}/`;
  let level: PodSecurityLevel | undefined;
  for (const file of ['values.yaml', values]) {
    const text = file ? input.files.get(`${prefix}${file}`) : undefined;
    if (text === undefined) {
      continue;
    }
    try {
      const value = obj(obj(YAML.parse(text)).namespace).podSecurityLevel;
      if ((POD_SECURITY_LEVELS as readonly unknown[]).includes(value)) {
        level = value as PodSecurityLevel;
      }
    } catch {
      // not YAML: the yaml check reports it
    }
  }
  return level;
}

function unknownNamespace(
  name: string,
  level: PodSecurityLevel,
  why: string,
): Target {
  return { name, labels: {}, annotations: {}, level, why };
}

function describe(object: Obj): string {
  const metadata = obj(object.metadata);
  const ns = metadata.namespace ? `${String(metadata.namespace)}/` : '';
  return `${String(object.kind)} ${ns}${String(metadata.name)}`;
}

function check(
  pod: PodTemplate & { labels: Obj },
  targets: Target[],
  subject: string,
  file: string,
  suffix = '',
): Finding[] {
  const findings: Finding[] = [];
  for (const target of targets) {
    const { pod: admitted, injected } = admittedPod(pod, target);
    const violations = podSecurityViolations(admitted, target.level);
    if (violations.length) {
      const sidecars = injected.length
        ? ` (with the injected Istio containers ${injected.join(', ')})`
        : '';
      findings.push({
        check: 'pod-security',
        severity: 'error',
        file,
        message: `${subject}${sidecars}: ${target.why} "${
          target.level
        }", the pod is rejected: ${violations.join('; ')}${suffix}`,
      });
    }
  }
  return findings;
}

export const podSecurityRule: SemanticRule = {
  check: 'pod-security',
  description:
    'every pod template, and the pods of charts installed with our values, pass the Pod Security level their namespace enforces',
  run(input) {
    const plainNamespaces = new Map<string, Target>();
    const renderNamespaces = new Map<string, Target>();
    const releaseTargets = new Map<string, Set<string>>();
    const ociRepositories = new Map<string, Obj>();
    for (const m of input.manifests) {
      if (isKind(m, /^v1$/, 'Namespace')) {
        const target = namespaceTarget(m);
        if (m.chart === undefined) {
          plainNamespaces.set(target.name, target);
        } else {
          renderNamespaces.set(
            `${m.chart}\0${m.values}\0${target.name}`,
            target,
          );
        }
      } else if (
        m.chart === undefined &&
        isKind(m, HELM_RELEASE, 'HelmRelease')
      ) {
        const spec = obj(m.object.spec);
        const chart = obj(obj(spec.chart).spec).chart;
        const ns = spec.targetNamespace ?? obj(m.object.metadata).namespace;
        if (typeof chart === 'string' && typeof ns === 'string') {
          const key = normalizeChartPath(chart);
          releaseTargets.set(
            key,
            (releaseTargets.get(key) ?? new Set()).add(ns),
          );
        }
      } else if (
        m.chart === undefined &&
        isKind(m, /^source\.toolkit\.fluxcd\.io\//, 'OCIRepository')
      ) {
        const metadata = obj(m.object.metadata);
        ociRepositories.set(
          `${String(metadata.namespace ?? '')}/${String(metadata.name)}`,
          m.object,
        );
      }
    }
    const plainTarget = (name: string): Target | undefined =>
      plainNamespaces.get(name);

    const findings: Finding[] = [];
    for (const m of input.manifests) {
      const pod = podTemplateOf(m.object);
      if (pod) {
        const ns = String(obj(m.object.metadata).namespace ?? 'default');
        let targets: Target[];
        if (m.chart !== undefined) {
          const own = renderNamespaces.get(`${m.chart}\0${m.values}\0${ns}`);
          const released = [...(releaseTargets.get(m.chart) ?? [])]
            .map(plainTarget)
            .filter((t): t is Target => t !== undefined);
          targets = own ? [own] : released;
          if (targets.length === 0) {
            const declared = declaredLevel(input, m.chart, m.values);
            targets = [
              unknownNamespace(
                ns,
                declared ?? 'restricted',
                declared
                  ? `the chart declares (namespace.podSecurityLevel)`
                  : "no namespace in the tree, the charts' bar is",
              ),
            ];
          }
        } else {
          targets = [
            plainTarget(ns) ??
              unknownNamespace(
                ns,
                'restricted',
                `namespace "${ns}" is not in the tree, the bar is`,
              ),
          ];
        }
        findings.push(...check(pod, targets, describe(m.object), m.file));
        continue;
      }
      if (m.chart === undefined && isKind(m, HELM_RELEASE, 'HelmRelease')) {
        findings.push(...checkRelease(m, ociRepositories, plainTarget));
      }
    }
    findings.push(...terraformReleaseFindings(input.hcl));
    return findings;
  },
};

/** The chart name of a HelmRelease: spec.chart.spec.chart or its OCIRepository's URL. */
function releaseChart(object: Obj, oci: Map<string, Obj>): string | undefined {
  const spec = obj(object.spec);
  const named = obj(obj(spec.chart).spec).chart;
  if (typeof named === 'string') {
    return named.split('/').pop();
  }
  const ref = obj(spec.chartRef);
  if (ref.kind === 'OCIRepository') {
    const ns = ref.namespace ?? obj(object.metadata).namespace ?? '';
    const repo = oci.get(`${String(ns)}/${String(ref.name)}`);
    const url = obj(repo?.spec).url;
    return typeof url === 'string' ? url.split('/').pop() : undefined;
  }
  return undefined;
}

function checkRelease(
  m: ManifestObject,
  oci: Map<string, Obj>,
  plainTarget: (name: string) => Target | undefined,
): Finding[] {
  const chart = releaseChart(m.object, oci);
  const known = chart
    ? chartPods(chart, obj(obj(m.object.spec).values))
    : undefined;
  if (!known) {
    return [];
  }
  const spec = obj(m.object.spec);
  const ns = String(
    spec.targetNamespace ?? obj(m.object.metadata).namespace ?? 'default',
  );
  const target = plainTarget(ns);
  if (!target) {
    return [];
  }
  return known.pods.flatMap(pod =>
    check(
      { ...pod, labels: {} },
      [target],
      `${describe(m.object)}: ${pod.name} of chart ${known.mapping.chart}`,
      m.file,
      ` (spec.values, mapped per ${known.mapping.source})`,
    ),
  );
}
