/*
 * pod-security for the charts Terraform installs (helm_release of the
 * add-on stacks): the pods a known chart (chartValues.ts) renders from the
 * values we pass it (`values = [yamlencode({ … })]`, literal parts only; a
 * computed value leaves the chart's default) against the level of the
 * namespace the release goes into. Namespace levels come from the add-on
 * chart's `namespaces` list ({ name, podSecurity }) in a helm_release of the
 * same module; a namespace created otherwise (`create_namespace`,
 * kube-system) has no enforce label: `privileged`, nothing to check.
 */
import type { Finding } from '../../types';
import { isPlainObject } from '../../util';
import { chartPods } from './chartValues';
import {
  fromHclJson,
  HclValue,
  UNKNOWN,
  yamlencodeArgument,
} from './hclLiteral';
import {
  POD_SECURITY_LEVELS,
  PodSecurityLevel,
  podSecurityViolations,
} from './standards';

type Obj = Record<string, unknown>;

interface Release {
  name: string;
  file: string;
  chart?: string;
  namespace?: string;
  values: Obj;
}

const dirOf = (file: string) =>
  file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';

/** The JSON of the literal parts: computed entries dropped. */
function known(value: HclValue): unknown {
  if (value === UNKNOWN) return undefined;
  if (Array.isArray(value)) return value.map(known);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== UNKNOWN)
        .map(([k, v]) => [k, known(v)]),
    );
  }
  return value;
}

function first(value: unknown): Obj {
  const item = Array.isArray(value) ? value[0] : value;
  return isPlainObject(item) ? item : {};
}

/** "external-secrets", or "${local.x}" resolved through the module's literal locals. */
function literal(
  value: unknown,
  locals: Map<string, string>,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = /^\$\{local\.([\w-]+)\}$/.exec(value);
  if (ref) return locals.get(ref[1]);
  return value.includes('${') ? undefined : value;
}

function releasesByModule(hcl: Map<string, unknown>): Map<string, Release[]> {
  const locals = new Map<string, Map<string, string>>();
  const objects = new Map<string, Map<string, HclValue>>();
  const raw: [string, string, Obj][] = [];
  for (const [file, doc] of hcl) {
    if (!file.endsWith('.tf') || !isPlainObject(doc)) continue;
    const dir = dirOf(file);
    const own = locals.get(dir) ?? new Map<string, string>();
    const ownObjects = objects.get(dir) ?? new Map<string, HclValue>();
    locals.set(dir, own);
    objects.set(dir, ownObjects);
    for (const block of Array.isArray(doc.locals) ? doc.locals : []) {
      for (const [k, v] of Object.entries(isPlainObject(block) ? block : {})) {
        if (typeof v === 'string' && !v.includes('${')) own.set(k, v);
        if (isPlainObject(v)) ownObjects.set(k, fromHclJson(v));
      }
    }
    const releases = isPlainObject(doc.resource)
      ? doc.resource.helm_release
      : undefined;
    for (const [name, body] of Object.entries(
      isPlainObject(releases) ? releases : {},
    )) {
      raw.push([file, name, first(body)]);
    }
  }
  const out = new Map<string, Release[]>();
  for (const [file, name, body] of raw) {
    const moduleLocals = locals.get(dirOf(file))!;
    const moduleObjects = objects.get(dirOf(file))!;
    const resolve = (ref: string) =>
      moduleObjects.get(ref.slice('local.'.length)) ??
      moduleLocals.get(ref.slice('local.'.length));
    let values: Obj = {};
    for (const item of Array.isArray(body.values) ? body.values : []) {
      const parsed = known(yamlencodeArgument(item, resolve) ?? UNKNOWN);
      if (isPlainObject(parsed)) values = { ...values, ...parsed };
    }
    const list = out.get(dirOf(file)) ?? [];
    list.push({
      name,
      file,
      chart: literal(body.chart, moduleLocals),
      namespace: literal(body.namespace, moduleLocals),
      values,
    });
    out.set(dirOf(file), list);
  }
  return out;
}

/** Namespace → [level, the release that labels it], from the add-on chart's `namespaces` values. */
function namespaceLevels(
  releases: Release[],
): Map<string, [PodSecurityLevel, string]> {
  const levels = new Map<string, [PodSecurityLevel, string]>();
  for (const r of releases) {
    const list = r.values.namespaces;
    for (const ns of Array.isArray(list) ? list : []) {
      if (!isPlainObject(ns) || typeof ns.name !== 'string') continue;
      const level = ns.podSecurity;
      if ((POD_SECURITY_LEVELS as readonly unknown[]).includes(level)) {
        levels.set(ns.name, [level as PodSecurityLevel, r.name]);
      }
    }
  }
  return levels;
}

export function terraformReleaseFindings(
  hcl: Map<string, unknown> | undefined,
): Finding[] {
  if (!hcl) return [];
  const findings: Finding[] = [];
  for (const releases of releasesByModule(hcl).values()) {
    const levels = namespaceLevels(releases);
    for (const r of releases) {
      const target = r.namespace ? levels.get(r.namespace) : undefined;
      const pods = r.chart ? chartPods(r.chart, r.values) : undefined;
      if (!target || !pods) continue;
      const [level, labelledBy] = target;
      for (const pod of pods.pods) {
        const violations = podSecurityViolations(pod, level);
        if (violations.length) {
          findings.push({
            check: 'pod-security',
            severity: 'error',
            file: r.file,
            message: `helm_release.${r.name}: ${pod.name} of chart ${
              pods.mapping.chart
            }: namespace "${
              r.namespace
            }" enforces "${level}" (helm_release.${labelledBy}), the pod is rejected: ${violations.join(
              '; ',
            )} (values, mapped per ${pods.mapping.source})`,
          });
        }
      }
    }
  }
  return findings;
}
