/*
 * helm_context: the chart, the image, the workload (resources, replicas,
 * security context), scheduling, the PodDisruptionBudget and the namespace
 * quota, with the rules that tie them together.
 */
import { z } from 'zod';
import {
  cpuQuantity,
  dns1123Label,
  dns1123Subdomain,
  int,
  intOrPercent,
  memoryQuantity,
  parseCpuQuantity,
  parseMemoryQuantity,
  port,
  qualifiedName,
  safeString,
  semver,
} from '../fields';
import type { HelmValues } from '../helm';
import { Ctx, IMAGE_REPOSITORY, issue } from './common';
import { replicaBounds } from './scaling';

/** helm_context fields: chart. */
export const chartFields = {
  chart_name: dns1123Label(53).describe(
    'Chart name, also the Helm release and workload name: an RFC 1123 label of at most 53 characters (Helm release name limit).',
  ),
  chart_version: semver()
    .default('0.1.0')
    .describe('Chart version (Chart.yaml "version"): SemVer 2, e.g. "0.1.0".'),
  app_version: safeString({
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/,
    allowed:
      'letters, digits, ".", "_", "+" and "-", starting with a letter or digit (e.g. "1.0.0")',
  })
    .default('1.0.0')
    .describe('Application version (Chart.yaml "appVersion"), e.g. "1.0.0".'),
  namespace: dns1123Label(63)
    .superRefine((value, ctx) => {
      if (value.startsWith('kube-')) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Namespaces starting with "kube-" are reserved for Kubernetes system components; choose an application namespace',
        });
      }
    })
    .describe(
      'Namespace the workload is deployed to (RFC 1123 label, not "kube-*").',
    ),
  create_namespace: z
    .boolean()
    .default(true)
    .describe(
      "Create the namespace (with the chart's labels) as part of the release.",
    ),
};

/** helm_context fields: image. */
export const imageFields = {
  image_repository: safeString({ min: 1, max: 255 })
    .superRefine((value, ctx) => {
      const last = value.slice(value.lastIndexOf('/') + 1);
      if (value.includes('@')) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Must not include a digest: put the repository here and the digest in image_digest',
        });
      } else if (last.includes(':')) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Must not include a tag: put the repository here (e.g. "ghcr.io/acme/orders") and the tag in image_tag',
        });
      } else if (!IMAGE_REPOSITORY.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Invalid format: an OCI image repository such as "nginx" or "ghcr.io/acme/orders" (optional registry host[:port]/, then lowercase path components separated by "/")',
        });
      }
    })
    .describe(
      'Container image repository without tag, e.g. "nginx" or "ghcr.io/acme/orders".',
    ),
  image_tag: safeString({ max: 128 })
    .superRefine((value, ctx) => {
      if (value === '') {
        ctx.addIssue({
          code: 'custom',
          message:
            'Must not be empty: use a pinned tag such as "1.27" or "v2.3.1"',
        });
      } else if (value.toLowerCase() === 'latest') {
        ctx.addIssue({
          code: 'custom',
          message:
            '"latest" is not allowed: it is mutable, so rollouts are not reproducible and rollbacks do not roll back. Use a pinned tag such as "1.27" or "v2.3.1"',
        });
      } else if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Invalid format: an image tag of letters, digits, "_", "." and "-" (at most 128 characters, not starting with "." or "-")',
        });
      }
    })
    .describe('Pinned image tag, e.g. "1.27". Never empty or "latest".'),
  image_digest: safeString({
    min: 1,
    max: 71,
    pattern: /^sha256:[a-f0-9]{64}$/,
    allowed: 'an image digest "sha256:" followed by 64 lowercase hex digits',
  })
    .optional()
    .describe(
      'Optional image digest ("sha256:..."); when set the image is pulled by digest (tag kept for readability).',
    ),
  image_pull_policy: z
    .enum(['IfNotPresent', 'Always'])
    .default('IfNotPresent')
    .describe('Image pull policy.'),
  image_pull_secrets: z
    .array(
      dns1123Subdomain().describe(
        'Name of an existing docker-registry Secret.',
      ),
    )
    .max(10)
    .default([])
    .describe('Names of existing image pull Secrets in the namespace.'),
};

/** helm_context fields: workload. */
export const workloadFields = {
  replica_count: int(1, 1000)
    .default(2)
    .describe(
      'Replicas when neither HPA nor KEDA is enabled (omitted from the Deployment when autoscaling).',
    ),
  service_port: port().default(80).describe('Port of the Service.'),
  container_port: port()
    .default(8080)
    .describe(
      'Port the container listens on (named "http"). Pods run as non-root without capabilities, so ports below 1024 need an image that can bind them.',
    ),
  load_balancer_type: z
    .enum(['ClusterIP', 'Internal', 'External'])
    .default('ClusterIP')
    .describe(
      'How the Service is exposed: "ClusterIP" (default, in-cluster only; expose through ingress or Istio), "Internal" (LoadBalancer on a private address with each cloud\'s internal-LB annotation) or "External" (internet-facing LoadBalancer).',
    ),
  cpu_request: cpuQuantity()
    .default('100m')
    .describe('CPU request, e.g. "100m".'),
  memory_request: memoryQuantity()
    .default('128Mi')
    .describe('Memory request, e.g. "128Mi".'),
  cpu_limit: cpuQuantity()
    .default('500m')
    .describe('CPU limit, e.g. "500m"; at least cpu_request.'),
  memory_limit: memoryQuantity()
    .default('512Mi')
    .describe('Memory limit, e.g. "512Mi"; at least memory_request.'),
  pre_stop_sleep_seconds: int(0, 120)
    .default(5)
    .describe(
      'Seconds a stopping pod keeps serving (preStop sleep) while endpoints and load balancers drop it; 0 disables. The termination grace period is this plus 25 s (at least 30 s).',
    ),
  network_policy_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Deny ingress to the pods except from the release namespace, the ingress path (ingress controller, Istio gateway, load balancer) and Prometheus (metrics ports). Egress stays open.',
    ),
  run_as_user: int(1000, 2_147_483_647)
    .default(10001)
    .describe(
      'UID the containers run as (non-root; 10001 by default, 65532 for distroless).',
    ),
  read_only_root_filesystem: z
    .boolean()
    .default(true)
    .describe(
      'Mount the root filesystem read-only (an emptyDir is mounted at /tmp).',
    ),
};

/** helm_context fields: scheduling. */
export const schedulingFields = {
  topology_spread_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Spread replicas across topology domains (topologySpreadConstraints).',
    ),
  topology_spread_topology_key: qualifiedName()
    .default('topology.kubernetes.io/zone')
    .describe('Node label defining the spread domains.'),
  topology_spread_max_skew: int(1, 10)
    .default(1)
    .describe('Maximum allowed difference of replica counts between domains.'),
  topology_spread_when_unsatisfiable: z
    .enum(['ScheduleAnyway', 'DoNotSchedule'])
    .default('ScheduleAnyway')
    .describe(
      'ScheduleAnyway (soft, never blocks scheduling) or DoNotSchedule (hard).',
    ),
  affinity_enabled: z
    .boolean()
    .default(false)
    .describe('Add a pod affinity or anti-affinity rule between the replicas.'),
  affinity_type: z
    .enum(['podAffinity', 'podAntiAffinity'])
    .default('podAntiAffinity')
    .describe(
      'podAntiAffinity spreads replicas apart; podAffinity packs them together.',
    ),
  affinity_topology_key: qualifiedName()
    .default('kubernetes.io/hostname')
    .describe(
      'Topology key of the affinity rule, e.g. "kubernetes.io/hostname".',
    ),
};

/** helm_context fields: PDB. */
export const pdbFields = {
  pdb_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Create a PodDisruptionBudget (default maxUnavailable 1 when neither bound is set).',
    ),
  pdb_min_available: intOrPercent('minAvailable')
    .optional()
    .describe(
      'PDB minAvailable: a number or percentage ("1", 1, "50%"); "" means unset. Exclusive with pdb_max_unavailable.',
    ),
  pdb_max_unavailable: intOrPercent('maxUnavailable')
    .optional()
    .describe(
      'PDB maxUnavailable: a number or percentage ("1", 1, "25%"); "" means unset. Exclusive with pdb_min_available.',
    ),
};

/** helm_context fields: quota. */
export const quotaFields = {
  quota_enabled: z
    .boolean()
    .default(false)
    .describe('Create a ResourceQuota for the namespace.'),
  quota_requests_cpu: cpuQuantity()
    .default('4')
    .describe('Quota requests.cpu, e.g. "4".'),
  quota_requests_memory: memoryQuantity()
    .default('8Gi')
    .describe('Quota requests.memory, e.g. "8Gi".'),
  quota_limits_cpu: cpuQuantity()
    .default('8')
    .describe('Quota limits.cpu, e.g. "8".'),
  quota_limits_memory: memoryQuantity()
    .default('16Gi')
    .describe('Quota limits.memory, e.g. "16Gi".'),
  quota_pods: z
    .union([
      int(1, 100_000),
      safeString({
        min: 1,
        max: 6,
        pattern: /^[1-9][0-9]*$/,
        allowed: 'a positive whole number such as "40"',
      }),
    ])
    .transform(v => Number(v))
    .default(40)
    .describe(
      'Quota on the number of pods (number or numeric string, e.g. "40").',
    ),
};

/** Cross-field rules: PDB. */
export function checkPdb(v: HelmValues, ctx: Ctx) {
  const minSet = v.pdb_min_available !== undefined;
  const maxSet = v.pdb_max_unavailable !== undefined;
  if (minSet && maxSet) {
    issue(
      ctx,
      ['pdb_max_unavailable'],
      'pdb_min_available and pdb_max_unavailable are mutually exclusive in a PodDisruptionBudget: set only one (use "" for the other)',
    );
  }
  if (v.pdb_enabled) {
    const floor = replicaBounds(v).min;
    const min = v.pdb_min_available;
    if (
      min === '100%' ||
      (typeof min === 'number' && min >= floor && floor > 0)
    ) {
      issue(
        ctx,
        ['pdb_min_available'],
        `pdb_min_available (${min}) would block every voluntary eviction (node drains, cluster upgrades) with ${floor} replica(s): use a value below ${floor}, a percentage below 100%, or pdb_max_unavailable`,
      );
    }
    const max = v.pdb_max_unavailable;
    if (max === 0 || max === '0%') {
      issue(
        ctx,
        ['pdb_max_unavailable'],
        'pdb_max_unavailable of 0 would block every voluntary eviction (node drains, cluster upgrades): use at least 1',
      );
    }
  }
}

/** Cross-field rules: Resources & quota. */
export function checkResourcesQuota(v: HelmValues, ctx: Ctx) {
  const cmp = (
    lowField: string,
    low: string,
    highField: string,
    high: string,
    parse: (s: string) => number | undefined,
  ) => {
    const l = parse(low);
    const h = parse(high);
    if (l !== undefined && h !== undefined && l > h) {
      issue(
        ctx,
        [lowField],
        `${lowField} (${low}) must not exceed ${highField} (${high})`,
      );
    }
  };
  cmp('cpu_request', v.cpu_request, 'cpu_limit', v.cpu_limit, parseCpuQuantity);
  cmp(
    'memory_request',
    v.memory_request,
    'memory_limit',
    v.memory_limit,
    parseMemoryQuantity,
  );
  if (parseCpuQuantity(v.cpu_request) === 0) {
    issue(
      ctx,
      ['cpu_request'],
      'Must be greater than 0: every container declares a CPU request',
    );
  }
  if (parseMemoryQuantity(v.memory_request) === 0) {
    issue(
      ctx,
      ['memory_request'],
      'Must be greater than 0: every container declares a memory request',
    );
  }
  if (v.quota_enabled) {
    cmp(
      'quota_requests_cpu',
      v.quota_requests_cpu,
      'quota_limits_cpu',
      v.quota_limits_cpu,
      parseCpuQuantity,
    );
    cmp(
      'quota_requests_memory',
      v.quota_requests_memory,
      'quota_limits_memory',
      v.quota_limits_memory,
      parseMemoryQuantity,
    );
    const maxPods = replicaBounds(v).max;
    const fits = (
      field: string,
      quota: string,
      per: string,
      parse: (s: string) => number | undefined,
    ) => {
      const q = parse(quota);
      const p = parse(per);
      if (q !== undefined && p !== undefined && maxPods * p > q + 1e-9) {
        issue(
          ctx,
          [field],
          `${field} (${quota}) is too small for ${maxPods} replica(s) of ${per} each: raise the quota or lower the workload`,
        );
      }
    };
    fits(
      'quota_requests_cpu',
      v.quota_requests_cpu,
      v.cpu_request,
      parseCpuQuantity,
    );
    fits(
      'quota_requests_memory',
      v.quota_requests_memory,
      v.memory_request,
      parseMemoryQuantity,
    );
    fits('quota_limits_cpu', v.quota_limits_cpu, v.cpu_limit, parseCpuQuantity);
    fits(
      'quota_limits_memory',
      v.quota_limits_memory,
      v.memory_limit,
      parseMemoryQuantity,
    );
    if (v.quota_pods < maxPods) {
      issue(
        ctx,
        ['quota_pods'],
        `quota_pods (${v.quota_pods}) is below the ${maxPods} replica(s) the workload can run`,
      );
    }
  }
}
