/*
 * Policy checks on rendered chart objects: OUTPUT-QUALITY Helm points 11
 * (labels, selectors, namespaces), 13 (pod security), 14 (resources,
 * probes, image), 15 (autoscaling, PDB, spreading), 16 (monitors, alerts),
 * 17 (secrets only by reference), and the kube-linter default checks that
 * apply to these kinds. Each function returns readable problems; [] is clean.
 */
import { K8sObject } from './chart';

export const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];

const CLUSTER_SCOPED = new Set(['Namespace']);

function subject(o: K8sObject): string {
  return `${o.kind}/${o.metadata?.name}`;
}

function only<T extends K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter(o => o.kind === kind) as T[];
}

function matches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Point 11: standard labels everywhere, name+instance selectors, namespaces from the release. */
export function checkMetadata(
  objects: K8sObject[],
  release: { name: string; namespace: string; gatewayNamespace?: string },
): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    for (const label of STANDARD_LABELS) {
      if (!o.metadata.labels?.[label]) {
        problems.push(`${subject(o)}: label ${label} missing`);
      }
    }
    if (o.metadata.labels?.['app.kubernetes.io/instance'] !== release.name) {
      problems.push(
        `${subject(o)}: app.kubernetes.io/instance is not the release name`,
      );
    }
    if (CLUSTER_SCOPED.has(o.kind)) {
      if (o.kind === 'Namespace' && o.metadata.name !== release.namespace) {
        problems.push(`${subject(o)}: not the release namespace`);
      }
      continue;
    }
    const expected =
      o.kind === 'Gateway' && release.gatewayNamespace
        ? release.gatewayNamespace
        : release.namespace;
    if (o.metadata.namespace !== expected) {
      problems.push(
        `${subject(o)}: namespace ${
          o.metadata.namespace
        }, expected ${expected}`,
      );
    }
  }
  for (const d of only(objects, 'Deployment')) {
    const selector = d.spec.selector.matchLabels;
    if (
      Object.keys(selector).sort().join(',') !==
      'app.kubernetes.io/instance,app.kubernetes.io/name'
    ) {
      problems.push(`${subject(d)}: selector is not name + instance`);
    }
    if (!matches(selector, d.spec.template.metadata.labels)) {
      problems.push(`${subject(d)}: pod labels do not match the selector`);
    }
  }
  return problems;
}

type Container = Record<string, any>;

function containerPorts(pod: Record<string, any>): Set<string> {
  return new Set(
    (pod.containers as Container[]).flatMap(c =>
      (c.ports ?? []).map((p: { name: string }) => p.name),
    ),
  );
}

/** The number of replicas the Deployment can reach. */
function maxReplicas(objects: K8sObject[], d: K8sObject): number {
  const hpa = only(objects, 'HorizontalPodAutoscaler')[0];
  if (hpa) return hpa.spec.maxReplicas;
  const keda = only(objects, 'ScaledObject')[0];
  if (keda) return keda.spec.maxReplicaCount;
  return d.spec.replicas;
}

/** Points 13-15 on the Deployment and its autoscaler / PDB. */
export function checkWorkload(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const deployments = only(objects, 'Deployment');
  if (deployments.length !== 1) {
    return [`expected one Deployment, found ${deployments.length}`];
  }
  const d = deployments[0];
  const pod = d.spec.template.spec;
  const where = subject(d);
  const psc = pod.securityContext ?? {};
  if (psc.runAsNonRoot !== true)
    problems.push(`${where}: pod runAsNonRoot is not true`);
  if (!(psc.runAsUser >= 10001))
    problems.push(`${where}: pod runAsUser ${psc.runAsUser} < 10001`);
  if (psc.seccompProfile?.type !== 'RuntimeDefault') {
    problems.push(`${where}: pod seccompProfile is not RuntimeDefault`);
  }
  if (pod.automountServiceAccountToken !== false) {
    problems.push(`${where}: automountServiceAccountToken is not false`);
  }
  if (!pod.serviceAccountName || pod.serviceAccountName === 'default') {
    problems.push(`${where}: no dedicated ServiceAccount`);
  }
  const sa = only(objects, 'ServiceAccount').find(
    s => s.metadata.name === pod.serviceAccountName,
  );
  if (!sa) {
    problems.push(
      `${where}: ServiceAccount ${pod.serviceAccountName} is not created by the chart`,
    );
  } else if (sa.automountServiceAccountToken !== false) {
    problems.push(`${subject(sa)}: automountServiceAccountToken is not false`);
  }
  const ports = containerPorts(pod);
  const tmpVolumes = new Set(
    (pod.volumes ?? [])
      .filter((v: { emptyDir?: unknown }) => v.emptyDir)
      .map((v: { name: string }) => v.name),
  );
  for (const c of pod.containers as Container[]) {
    const at = `${where} container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false)
      problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (sc.readOnlyRootFilesystem !== true)
      problems.push(`${at}: readOnlyRootFilesystem is not true`);
    if (sc.runAsNonRoot !== true)
      problems.push(`${at}: runAsNonRoot is not true`);
    if (sc.privileged === true) problems.push(`${at}: privileged`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL'))
      problems.push(`${at}: capabilities.drop lacks ALL`);
    if (sc.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${at}: seccompProfile is not RuntimeDefault`);
    if (!c.resources?.requests?.cpu) problems.push(`${at}: no CPU request`);
    if (!c.resources?.requests?.memory)
      problems.push(`${at}: no memory request`);
    if (!c.resources?.limits?.memory) problems.push(`${at}: no memory limit`);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const p = c[probe];
      const port = p?.httpGet?.port ?? p?.tcpSocket?.port;
      if (!p) {
        problems.push(`${at}: no ${probe}`);
      } else if (typeof port !== 'string' || !ports.has(port)) {
        problems.push(
          `${at}: ${probe} port ${port} is not a declared port name`,
        );
      }
    }
    const image = String(c.image ?? '');
    const tag = /:([^:/@]+)(@sha256:[a-f0-9]{64})?$/.exec(image)?.[1];
    if (!tag || tag === 'latest')
      problems.push(`${at}: image "${image}" has no pinned tag`);
    const tmp = (c.volumeMounts ?? []).find(
      (m: { mountPath: string }) => m.mountPath === '/tmp',
    );
    if (!tmp || !tmpVolumes.has(tmp.name))
      problems.push(`${at}: no emptyDir at /tmp`);
  }

  const hpas = only(objects, 'HorizontalPodAutoscaler');
  const kedas = only(objects, 'ScaledObject');
  if (hpas.length && kedas.length)
    problems.push('both an HPA and a KEDA ScaledObject');
  for (const a of [...hpas, ...kedas]) {
    const ref = a.spec.scaleTargetRef;
    if (ref.kind !== 'Deployment' || ref.name !== d.metadata.name) {
      problems.push(`${subject(a)}: does not target ${where}`);
    }
  }
  const autoscaled = hpas.length + kedas.length > 0;
  if (autoscaled && d.spec.replicas !== undefined) {
    problems.push(`${where}: replicas set while autoscaling`);
  }
  if (!autoscaled && typeof d.spec.replicas !== 'number') {
    problems.push(`${where}: replicas missing without autoscaling`);
  }
  if (maxReplicas(objects, d) >= 2) {
    const anti = pod.affinity?.podAntiAffinity;
    if (!anti && !(pod.topologySpreadConstraints ?? []).length) {
      problems.push(
        `${where}: ${maxReplicas(
          objects,
          d,
        )} replicas without anti-affinity or topology spread`,
      );
    }
  }
  for (const pdb of only(objects, 'PodDisruptionBudget')) {
    if (pdb.spec.unhealthyPodEvictionPolicy !== 'AlwaysAllow') {
      problems.push(
        `${subject(pdb)}: unhealthyPodEvictionPolicy is not AlwaysAllow`,
      );
    }
    const { minAvailable, maxUnavailable } = pdb.spec;
    if (maxUnavailable === 0 || maxUnavailable === '0%') {
      problems.push(`${subject(pdb)}: maxUnavailable 0 blocks evictions`);
    }
    const floor =
      hpas[0]?.spec.minReplicas ??
      kedas[0]?.spec.minReplicaCount ??
      d.spec.replicas;
    if (typeof minAvailable === 'number' && minAvailable >= floor) {
      problems.push(
        `${subject(
          pdb,
        )}: minAvailable ${minAvailable} >= ${floor} replicas blocks evictions`,
      );
    }
    if (minAvailable === '100%')
      problems.push(`${subject(pdb)}: minAvailable 100% blocks evictions`);
    if (
      !matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels)
    ) {
      problems.push(`${subject(pdb)}: selector does not match the pods`);
    }
  }
  return problems;
}

/** Point 16: monitors select real ports by name; alerts carry for / severity / summary / description / runbook_url. */
export function checkObservability(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const d = only(objects, 'Deployment')[0];
  const podPorts = d ? containerPorts(d.spec.template.spec) : new Set<string>();
  const istio =
    d?.spec.template.metadata.labels?.['sidecar.istio.io/inject'] === 'true';
  for (const pm of only(objects, 'PodMonitor')) {
    if (
      !matches(pm.spec.selector.matchLabels, d?.spec.template.metadata.labels)
    ) {
      problems.push(`${subject(pm)}: selector matches no pod`);
    }
    for (const ep of pm.spec.podMetricsEndpoints) {
      const ok =
        podPorts.has(ep.port) || (istio && ep.port === 'http-envoy-prom');
      if (!ok)
        problems.push(
          `${subject(pm)}: port ${ep.port} is not a named pod port`,
        );
    }
  }
  for (const sm of only(objects, 'ServiceMonitor')) {
    const services = only(objects, 'Service').filter(s =>
      matches(sm.spec.selector.matchLabels, s.metadata.labels),
    );
    if (services.length !== 1) {
      problems.push(`${subject(sm)}: selects ${services.length} Services`);
      continue;
    }
    const svcPorts = new Set(
      services[0].spec.ports.map((p: { name: string }) => p.name),
    );
    for (const ep of sm.spec.endpoints) {
      if (!svcPorts.has(ep.port))
        problems.push(`${subject(sm)}: port ${ep.port} is not a Service port`);
    }
    for (const p of services[0].spec.ports) {
      if (typeof p.targetPort !== 'string' || !podPorts.has(p.targetPort)) {
        problems.push(
          `${subject(services[0])}: targetPort ${
            p.targetPort
          } is not a named pod port`,
        );
      }
    }
  }
  for (const rule of only(objects, 'PrometheusRule')) {
    for (const group of rule.spec.groups) {
      for (const r of group.rules) {
        const at = `${subject(rule)} alert ${r.alert}`;
        if (!r.for) problems.push(`${at}: no for`);
        if (!r.labels?.severity) problems.push(`${at}: no severity`);
        for (const a of ['summary', 'description', 'runbook_url']) {
          if (!r.annotations?.[a]) problems.push(`${at}: no ${a}`);
        }
      }
    }
  }
  return problems;
}

const SECRET_LIKE =
  /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE_KEY|_AUTH$/i;

/** Point 17 (and kube-linter env-var-secret): secret-looking env vars only via secretKeyRef. */
export function checkSecretsByReference(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const d of only(objects, 'Deployment')) {
    for (const c of d.spec.template.spec.containers as Container[]) {
      for (const e of c.env ?? []) {
        if (SECRET_LIKE.test(e.name) && !e.valueFrom?.secretKeyRef) {
          problems.push(`${subject(d)} env ${e.name}: not from a secretKeyRef`);
        }
      }
      if ((c.envFrom ?? []).length)
        problems.push(`${subject(d)}: envFrom imports whole objects`);
    }
  }
  return problems;
}

/**
 * The kube-linter default checks that apply to what the chart renders (the
 * ones not already covered above): host namespaces and mounts, dangling
 * references, mismatching selectors, deprecated fields, invalid target ports.
 */
export function checkKubeLinterDefaults(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const deployments = only(objects, 'Deployment');
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (pod[f]) problems.push(`${subject(d)}: ${f}`);
    }
    if (pod.serviceAccount)
      problems.push(`${subject(d)}: deprecated serviceAccount field`);
    for (const v of pod.volumes ?? []) {
      if (v.hostPath) problems.push(`${subject(d)}: hostPath volume ${v.name}`);
    }
    if ((pod.securityContext?.sysctls ?? []).length)
      problems.push(`${subject(d)}: sysctls`);
    for (const c of pod.containers as Container[]) {
      for (const p of c.ports ?? []) {
        if (p.containerPort === 22) problems.push(`${subject(d)}: ssh port`);
      }
    }
  }
  const podLabels = deployments.map(d => d.spec.template.metadata.labels);
  const podPorts = new Set(
    deployments.flatMap(d => [...containerPorts(d.spec.template.spec)]),
  );
  for (const s of only(objects, 'Service')) {
    if (!podLabels.some(l => matches(s.spec.selector, l))) {
      problems.push(
        `${subject(s)}: dangling Service (selector matches no pod)`,
      );
    }
    for (const p of s.spec.ports) {
      if (typeof p.targetPort === 'string' && !podPorts.has(p.targetPort)) {
        problems.push(
          `${subject(s)}: targetPort ${p.targetPort} does not exist`,
        );
      }
    }
  }
  for (const hpa of only(objects, 'HorizontalPodAutoscaler')) {
    if (
      !deployments.some(d => d.metadata.name === hpa.spec.scaleTargetRef.name)
    ) {
      problems.push(`${subject(hpa)}: dangling HPA`);
    }
  }
  for (const sm of only(objects, 'ServiceMonitor')) {
    if (
      !only(objects, 'Service').some(s =>
        matches(sm.spec.selector.matchLabels, s.metadata.labels),
      )
    ) {
      problems.push(`${subject(sm)}: dangling ServiceMonitor`);
    }
  }
  for (const pdb of only(objects, 'PodDisruptionBudget')) {
    if (!podLabels.some(l => matches(pdb.spec.selector.matchLabels, l))) {
      problems.push(`${subject(pdb)}: PDB selects no pod`);
    }
  }
  return problems;
}

/** Every check of this module. */
export function checkAll(
  objects: K8sObject[],
  release: { name: string; namespace: string; gatewayNamespace?: string },
): string[] {
  return [
    ...checkMetadata(objects, release),
    ...checkWorkload(objects),
    ...checkObservability(objects),
    ...checkSecretsByReference(objects),
    ...checkKubeLinterDefaults(objects),
  ];
}
