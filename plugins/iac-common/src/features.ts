/*
 * Feature groups of helm_context: what the portal's "Features" step shows.
 * Each group is a switch (its toggle field) revealing the fields that belong
 * to it, or a switch-less section of settings. Membership is by field-name
 * prefix (the longest matching prefix wins), so a field added to the
 * contract with a known prefix joins its group without an edit here; a field
 * that matches no group and is not a core field fails features.test.ts.
 *
 * Inside a group, a boolean `<stem>_enabled` field gates the fields whose
 * names start with `<stem>_` (e.g. ingress_tls_enabled → ingress_tls_secret_name):
 * hidden fields are not shown and formToPayload leaves them out.
 */
import { HELM_KEYS } from './helm';
import { SECRET_FIELDS } from './secrets';

/** A group of helm_context fields shown together in the form. */
export interface FeatureGroup {
  /** Stable id, e.g. "istio" (used in ui:options and test ids). */
  id: string;
  title: string;
  /** One sentence: what turning it on adds. */
  description: string;
  /** The boolean helm_context field that switches the group (none: a settings section). */
  toggle?: string;
  /** Field-name prefixes of the members (the longest match over all groups wins). */
  prefixes: readonly string[];
  /** Members named exactly (for names no prefix describes). */
  fields?: readonly string[];
  /** Toggles that must be on too, e.g. throttling requires istio_enabled. */
  requires?: readonly string[];
  /** Toggles that must be off, e.g. KEDA excludes hpa_enabled. */
  excludes?: readonly string[];
}

/**
 * helm_context fields every Template asks on its own steps (Workload,
 * Traffic): not part of the Features step.
 */
export const CORE_HELM_FIELDS: readonly string[] = [
  'chart_name',
  'namespace',
  'image_repository',
  'image_tag',
  'replica_count',
  'container_port',
  'service_port',
  'load_balancer_type',
];

/** The feature groups, in the order the form shows them. */
export const FEATURE_GROUPS: readonly FeatureGroup[] = [
  {
    id: 'ingress',
    title: 'Ingress',
    description:
      'An Ingress for a host name, with TLS (optionally from cert-manager).',
    toggle: 'ingress_enabled',
    prefixes: ['ingress_'],
  },
  {
    id: 'hpa',
    title: 'Horizontal pod autoscaler',
    description: 'Scales the Deployment on CPU and memory utilization.',
    toggle: 'hpa_enabled',
    prefixes: ['hpa_'],
    excludes: ['keda_enabled'],
  },
  {
    id: 'keda',
    title: 'KEDA autoscaling',
    description:
      'A KEDA ScaledObject scaling on a Prometheus query (instead of the HPA).',
    toggle: 'keda_enabled',
    prefixes: ['keda_'],
    excludes: ['hpa_enabled'],
  },
  {
    id: 'pdb',
    title: 'Pod disruption budget',
    description: 'Keeps replicas running during node drains and upgrades.',
    toggle: 'pdb_enabled',
    prefixes: ['pdb_'],
  },
  {
    id: 'istio',
    title: 'Istio service mesh',
    description:
      'Sidecar injection, and optionally a Gateway / VirtualService for ingress and a ServiceEntry for egress.',
    toggle: 'istio_enabled',
    prefixes: ['istio_'],
  },
  {
    id: 'throttling',
    title: 'Request throttling',
    description:
      'A token-bucket rate limit on the Istio sidecar (EnvoyFilter).',
    toggle: 'throttle_enabled',
    prefixes: ['throttle_'],
    requires: ['istio_enabled'],
  },
  {
    id: 'metrics',
    title: 'Prometheus metrics',
    description:
      'Scraping of the application metrics (PodMonitor or ServiceMonitor).',
    toggle: 'metrics_enabled',
    prefixes: ['metrics_'],
  },
  {
    id: 'logs',
    title: 'Log shipping',
    description: 'Structured logs shipped to Grafana Cloud or Splunk.',
    toggle: 'logs_enabled',
    prefixes: ['logs_'],
  },
  {
    id: 'telemetry',
    title: 'OpenTelemetry',
    description: 'Metrics, traces and logs exported over OTLP.',
    toggle: 'telemetry_enabled',
    prefixes: ['telemetry_'],
  },
  {
    id: 'audit',
    title: 'Audit policy',
    description: 'An audit policy ConfigMap for the workload.',
    toggle: 'audit_enabled',
    prefixes: ['audit_'],
  },
  {
    id: 'quota',
    title: 'Namespace resource quota',
    description: 'A ResourceQuota capping CPU, memory and pods.',
    toggle: 'quota_enabled',
    prefixes: ['quota_'],
  },
  {
    id: 'scaling-alerts',
    title: 'Scaling alerts',
    description: 'Prometheus alerts when pods or nodes cannot scale.',
    toggle: 'scaling_alerts_enabled',
    prefixes: ['scaling_alerts_'],
  },
  {
    id: 'quota-alerts',
    title: 'Quota alerts',
    description: 'A Prometheus alert when node usage nears the quota.',
    toggle: 'quota_alerts_enabled',
    prefixes: ['quota_alerts_'],
  },
  {
    id: 'network-policy',
    title: 'Network policy',
    description:
      'A NetworkPolicy that admits traffic only from the ingress path, the release namespace and Prometheus.',
    toggle: 'network_policy_enabled',
    prefixes: ['network_policy_'],
  },
  {
    id: 'affinity',
    title: 'Pod affinity',
    description: 'Pod affinity or anti-affinity on a topology key.',
    toggle: 'affinity_enabled',
    prefixes: ['affinity_'],
  },
  {
    id: 'topology-spread',
    title: 'Topology spread',
    description: 'Spreads the replicas across zones.',
    toggle: 'topology_spread_enabled',
    prefixes: ['topology_spread_'],
  },
  {
    id: 'alerts',
    title: 'Alert settings',
    description: 'Settings shared by the alerts.',
    prefixes: ['alerts_'],
  },
  {
    id: 'chart',
    title: 'Chart and namespace',
    description: 'Chart and application versions, namespace creation.',
    prefixes: ['chart_', 'app_'],
    fields: ['create_namespace'],
  },
  {
    id: 'image',
    title: 'Image',
    description: 'Digest pinning, pull policy and pull secrets.',
    prefixes: ['image_'],
  },
  {
    id: 'resources',
    title: 'Resources and security context',
    description: 'CPU and memory requests and limits, user, root filesystem.',
    prefixes: ['cpu_', 'memory_', 'run_as_', 'read_only_'],
  },
  {
    id: 'probes',
    title: 'Probes and graceful shutdown',
    description:
      'Liveness and readiness probes, and how long a stopping pod keeps serving.',
    prefixes: ['probe_', 'liveness_', 'readiness_', 'pre_stop_'],
  },
  {
    id: 'identity',
    title: 'Service account and cloud identity',
    description:
      'The ServiceAccount, its annotations and the workload identity of the cloud.',
    prefixes: ['service_account_', 'aws_', 'azure_', 'gcp_'],
  },
  {
    id: 'env',
    title: 'Environment variables',
    description: 'Plain variables and variables from existing Secrets.',
    prefixes: ['env_'],
    fields: ['env'],
  },
];

/** The group of a field name (longest prefix; exact `fields` first), or undefined. */
function groupByName(field: string): FeatureGroup | undefined {
  let best: FeatureGroup | undefined;
  let bestLength = -1;
  for (const group of FEATURE_GROUPS) {
    if (group.fields?.includes(field)) return group;
    for (const prefix of group.prefixes) {
      if (field.startsWith(prefix) && prefix.length > bestLength) {
        best = group;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** The feature group of a helm_context field (undefined: a core field or none). */
export function featureGroupOf(field: string): FeatureGroup | undefined {
  if (CORE_HELM_FIELDS.includes(field)) return undefined;
  return groupByName(field);
}

/** The helm_context fields of a group, in contract order (its toggle first). */
export function featureFields(group: FeatureGroup): string[] {
  const members = HELM_KEYS.filter(k => featureGroupOf(k) === group);
  return group.toggle
    ? [group.toggle, ...members.filter(k => k !== group.toggle)]
    : members;
}

const SECRETS = new Set<string>(
  SECRET_FIELDS.filter(f => f.startsWith('helm_context.')).map(f =>
    f.slice('helm_context.'.length),
  ),
);

/** True for helm_context fields that are secrets (task secrets, never form values). */
export function isSecretHelmField(field: string): boolean {
  return SECRETS.has(field);
}

/**
 * The toggles a helm_context field is shown and sent under, outermost
 * first: its group's toggle, then every `<stem>_enabled` field of the same
 * group whose stem prefixes the field (e.g. ingress_tls_secret_name →
 * [ingress_enabled, ingress_tls_enabled]). A toggle is not gated by itself.
 */
export function featureGates(field: string): string[] {
  const group = featureGroupOf(field);
  if (!group) return [];
  const gates = featureFields(group)
    .filter(
      k =>
        k !== field &&
        k.endsWith('_enabled') &&
        field.startsWith(`${k.slice(0, -'enabled'.length)}`),
    )
    .sort((a, b) => a.length - b.length);
  if (group.toggle && field !== group.toggle && !gates.includes(group.toggle)) {
    gates.unshift(group.toggle);
  }
  return gates;
}
