/*
 * helm_context: every Helm knob of the generator spec (seed 000) plus the
 * production fields of seed 002 (service account + cloud identity, probes,
 * ingress with TLS, env from existing Secrets, topology spread, pod security).
 */
import { z } from 'zod';
import {
  cpuQuantity,
  dns1123Label,
  dns1123Subdomain,
  duration,
  envVarName,
  guid,
  hostname,
  httpUrl,
  int,
  intOrPercent,
  memoryQuantity,
  numericString,
  parseCpuQuantity,
  parseDuration,
  parseMemoryQuantity,
  port,
  qualifiedName,
  safeString,
  semver,
  urlPath,
} from './fields';
import { HTTP_HEADER_NAME } from './formats';
import { strictObject } from './strict';

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

/** JSON Schema keyword added to secret fields (besides `writeOnly: true`). */
export const SECRET_KEYWORD = 'x-iacforge-secret';

/** A token: accepted on input, never rendered (see SECRET_FIELDS / stripSecrets). */
function secretToken(what: string) {
  return safeString({
    min: 1,
    max: 4096,
    pattern: /^[!-~]+( [!-~]+)*$/,
    allowed: `${what}: printable ASCII without leading, trailing or double spaces`,
  })
    .meta({ writeOnly: true, [SECRET_KEYWORD]: true })
    .optional();
}

const PROMETHEUS_DURATION = { units: ['s', 'm', 'h'] as const };

/** Istio sidecar / agent ports that an application port must not use. */
export const ISTIO_RESERVED_PORTS: readonly number[] = [
  15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090,
];

const IMAGE_REPOSITORY =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

const helmShape = {
  // -- chart ---------------------------------------------------------------
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

  // -- image ---------------------------------------------------------------
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

  // -- workload ------------------------------------------------------------
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

  // -- service account & cloud identity -------------------------------------
  service_account_create: z
    .boolean()
    .default(true)
    .describe('Create a dedicated ServiceAccount for the workload.'),
  service_account_name: dns1123Subdomain()
    .optional()
    .describe(
      'ServiceAccount name. Default: the release full name. Required when service_account_create is false (an existing account).',
    ),
  service_account_automount_token: z
    .boolean()
    .default(false)
    .describe(
      'Mount the Kubernetes API token into the pods (only if the app calls the API).',
    ),
  service_account_annotations: z
    .record(
      qualifiedName(),
      safeString({ max: 1024, allowed: 'an annotation value' }).describe(
        'Annotation value.',
      ),
    )
    .default({})
    .describe(
      'Extra annotations on the created ServiceAccount. Prefer the explicit cloud identity fields below.',
    ),
  aws_iam_role_arn: safeString({
    min: 1,
    max: 2048,
    pattern: /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/,
    allowed: 'an IAM role ARN such as "arn:aws:iam::123456789012:role/orders"',
  })
    .optional()
    .describe(
      'AWS only: IAM role for the workload via IRSA (annotation eks.amazonaws.com/role-arn).',
    ),
  azure_workload_identity_client_id: guid()
    .optional()
    .describe(
      'Azure only: client id of the user-assigned managed identity for Azure Workload Identity (annotation azure.workload.identity/client-id, pod label azure.workload.identity/use).',
    ),
  gcp_service_account_email: safeString({
    min: 1,
    max: 254,
    pattern:
      /^[a-z]([a-z0-9-]{4,28}[a-z0-9])?@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
    allowed:
      'a Google service account email such as "orders@my-project.iam.gserviceaccount.com"',
  })
    .optional()
    .describe(
      'GCP only: Google service account for GKE Workload Identity (annotation iam.gke.io/gcp-service-account).',
    ),

  // -- probes --------------------------------------------------------------
  probe_type: z
    .enum(['http', 'tcp'])
    .default('http')
    .describe(
      'Liveness, readiness and startup probes: HTTP GET on the paths below, or TCP connect.',
    ),
  liveness_probe_path: urlPath()
    .default('/')
    .describe(
      'HTTP path of the liveness (and startup) probe, e.g. "/healthz".',
    ),
  readiness_probe_path: urlPath()
    .default('/')
    .describe('HTTP path of the readiness probe, e.g. "/ready".'),
  probe_port: port()
    .optional()
    .describe(
      'Port probed. Default: container_port. Must be container_port or metrics_app_port.',
    ),

  // -- ingress -------------------------------------------------------------
  ingress_enabled: z
    .boolean()
    .default(false)
    .describe('Create a Kubernetes Ingress for the Service.'),
  ingress_class_name: dns1123Subdomain()
    .optional()
    .describe(
      'IngressClass, e.g. "nginx", "alb", "webapprouting.kubernetes.azure.com", "gce".',
    ),
  ingress_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'Host name served by the Ingress, e.g. "orders.example.com". Required when ingress_enabled.',
    ),
  ingress_path: urlPath().default('/').describe('Path served by the Ingress.'),
  ingress_path_type: z
    .enum(['Prefix', 'Exact', 'ImplementationSpecific'])
    .default('Prefix')
    .describe('Ingress pathType.'),
  ingress_tls_enabled: z
    .boolean()
    .default(true)
    .describe('Terminate TLS at the Ingress for ingress_host.'),
  ingress_tls_secret_name: dns1123Subdomain()
    .optional()
    .describe(
      'TLS Secret name. Default: "<release>-tls" (filled by cert-manager when an issuer is set).',
    ),
  ingress_cert_manager_issuer: dns1123Subdomain()
    .optional()
    .describe(
      'cert-manager issuer that provisions the certificate, e.g. "letsencrypt-prod".',
    ),
  ingress_cert_manager_issuer_kind: z
    .enum(['ClusterIssuer', 'Issuer'])
    .default('ClusterIssuer')
    .describe('Kind of ingress_cert_manager_issuer.'),
  ingress_annotations: z
    .record(
      qualifiedName(),
      safeString({
        max: 4096,
        allowQuotes: true,
        allowed: 'an annotation value',
      }).describe(
        'Annotation value (JSON values such as ALB listen-ports are allowed).',
      ),
    )
    .superRefine((annotations, ctx) => {
      for (const key of Object.keys(annotations)) {
        if (/snippet$/i.test(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'Snippet annotations inject raw proxy configuration and are disabled in hardened ingress controllers (CVE-2021-25742); configure the controller instead',
          });
        }
      }
    })
    .default({})
    .describe('Extra Ingress annotations (controller-specific).'),

  // -- environment ---------------------------------------------------------
  env: z
    .array(
      strictObject({
        name: envVarName().describe('Environment variable name.'),
        value: safeString({
          max: 4096,
          allowed: 'a single-line value',
        }).describe('Plain value (not for secrets: use env_from_secrets).'),
      }).describe('A plain environment variable.'),
    )
    .max(100)
    .default([])
    .describe('Plain (non-secret) environment variables.'),
  env_from_secrets: z
    .array(
      strictObject({
        name: envVarName().describe('Environment variable name.'),
        secret_name: dns1123Subdomain().describe(
          'Name of an existing Secret in the namespace.',
        ),
        secret_key: safeString({
          min: 1,
          max: 253,
          pattern: /^[-._a-zA-Z0-9]+$/,
          allowed: 'a Secret key: letters, digits, "-", "_" and "."',
        }).describe('Key inside the Secret.'),
      }).describe(
        'An environment variable read from an existing Secret (secretKeyRef).',
      ),
    )
    .max(100)
    .default([])
    .describe(
      'Environment variables from existing Secrets (database URL, API keys ...): never plain values.',
    ),

  // -- scheduling ----------------------------------------------------------
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

  // -- HPA -----------------------------------------------------------------
  hpa_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Enable a HorizontalPodAutoscaler (autoscaling/v2). Mutually exclusive with keda_enabled.',
    ),
  hpa_min_replicas: int(1, 1000).default(2).describe('HPA minimum replicas.'),
  hpa_max_replicas: int(1, 1000).default(10).describe('HPA maximum replicas.'),
  hpa_cpu_utilization_target: int(0, 100)
    .default(70)
    .describe(
      'Target average CPU utilization in percent of the request; 0 disables the CPU metric.',
    ),
  hpa_memory_utilization_target: int(0, 100)
    .default(80)
    .describe(
      'Target average memory utilization in percent of the request; 0 disables the memory metric.',
    ),

  // -- Istio ---------------------------------------------------------------
  istio_enabled: z
    .boolean()
    .default(false)
    .describe(
      'The workload runs in the Istio mesh (sidecar injection label on the namespace / pods).',
    ),
  istio_cni: z
    .boolean()
    .default(false)
    .describe(
      'The cluster runs the Istio CNI node agent: injected pods then need no privileged istio-init container and the namespace keeps Pod Security "restricted". Without it the namespace enforces "privileged" (istio-init runs as root with NET_ADMIN and NET_RAW).',
    ),
  istio_ingress_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Route ingress traffic through an Istio Gateway + VirtualService. Requires istio_enabled.',
    ),
  istio_egress_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Allow egress to istio_egress_host through a ServiceEntry. Requires istio_enabled.',
    ),
  istio_gateway_create: z
    .boolean()
    .default(false)
    .describe(
      'Create a Gateway in this chart (otherwise reference an existing one with istio_gateway_ref).',
    ),
  istio_gateway_name: dns1123Subdomain()
    .optional()
    .describe(
      'Name of the Gateway created by the chart. Default: "<release>-gateway".',
    ),
  istio_gateway_namespace: dns1123Label()
    .default('istio-system')
    .describe('Namespace of the Istio ingress gateway deployment.'),
  istio_gateway_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'Host served by the created Gateway, e.g. "orders.example.com". Required when istio_gateway_create.',
    ),
  istio_gateway_port: port()
    .default(80)
    .describe('Port of the created Gateway server.'),
  istio_gateway_ref: safeString({
    min: 3,
    max: 317,
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    allowed: '"<namespace>/<gateway-name>", e.g. "istio-system/public-gateway"',
  })
    .optional()
    .describe(
      'Existing Gateway to bind the VirtualService to, as "<namespace>/<name>" (when istio_gateway_create is false).',
    ),
  istio_virtual_service_host: hostname({ wildcard: true })
    .optional()
    .describe('Host of the VirtualService. Default: istio_gateway_host.'),
  istio_virtual_service_prefix: urlPath()
    .default('/')
    .describe('URI prefix routed to the Service by the VirtualService.'),
  istio_egress_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'External host reachable through the ServiceEntry, e.g. "api.stripe.com". Required when istio_egress_enabled.',
    ),
  istio_egress_port: port().default(443).describe('Port of istio_egress_host.'),
  istio_egress_protocol: z
    .enum(['HTTPS', 'HTTP', 'TLS', 'TCP', 'GRPC', 'HTTP2'])
    .default('HTTPS')
    .describe('Protocol of the ServiceEntry port.'),

  // -- throttling ----------------------------------------------------------
  throttle_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Local rate limiting of inbound requests at the Istio sidecar (EnvoyFilter). Requires istio_enabled.',
    ),
  throttle_max_tokens: int(1, 1_000_000)
    .default(100)
    .describe('Token bucket size (burst).'),
  throttle_tokens_per_fill: int(1, 1_000_000)
    .default(100)
    .describe(
      'Tokens added every throttle_fill_interval; at most throttle_max_tokens.',
    ),
  throttle_fill_interval: duration({
    units: ['ms', 's', 'm'],
    minMs: 50,
    maxMs: 3_600_000,
  })
    .default('1s')
    .describe(
      'Refill interval of the token bucket, e.g. "1s", "500ms" (at least 50ms).',
    ),

  // -- KEDA ----------------------------------------------------------------
  keda_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Autoscale with a KEDA ScaledObject driven by a Prometheus query. Mutually exclusive with hpa_enabled.',
    ),
  keda_min_replicas: int(0, 1000)
    .default(1)
    .describe('KEDA minimum replicas (0 allows scale to zero).'),
  keda_max_replicas: int(1, 1000)
    .default(10)
    .describe('KEDA maximum replicas.'),
  keda_polling_interval: int(1, 3600)
    .default(30)
    .describe('Seconds between two evaluations of the trigger.'),
  keda_cooldown_period: int(0, 86_400)
    .default(300)
    .describe(
      'Seconds after the last active trigger before scaling to keda_min_replicas.',
    ),
  keda_threshold: numericString('a threshold')
    .default('1')
    .describe(
      'Target value of the query per replica (string or number, e.g. "0.05").',
    ),
  keda_activation_threshold: numericString('an activation threshold')
    .default('0')
    .describe(
      'Value above which the scaler activates (string or number, e.g. "0.01").',
    ),
  keda_prometheus_server_address: httpUrl({ requireHttps: 'never' })
    .default('http://prometheus-operated.monitoring.svc.cluster.local:9090')
    .describe('Prometheus server URL queried by KEDA.'),
  keda_metric_name: safeString({
    min: 1,
    max: 128,
    pattern: /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
    allowed:
      'a metric name: letters, digits, "_" and ":", not starting with a digit',
  })
    .optional()
    .describe(
      'Name of the external metric exposed by KEDA, e.g. "orders_throttle_ratio".',
    ),
  keda_query: safeString({
    min: 1,
    max: 4096,
    allowQuotes: true,
    allowed: 'a single-line PromQL query',
  })
    .optional()
    .describe(
      'PromQL query returning one value (quotes, braces and brackets allowed; single line). Required when keda_enabled.',
    ),
  keda_scale_up_stabilization_window: int(0, 3600)
    .default(0)
    .describe('Seconds of scale-up stabilization (HPA behavior).'),
  keda_scale_down_stabilization_window: int(0, 3600)
    .default(300)
    .describe('Seconds of scale-down stabilization (HPA behavior).'),

  // -- metrics -------------------------------------------------------------
  metrics_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Master switch for metrics emission (Istio/Envoy sidecar metrics and the app endpoint).',
    ),
  metrics_app_enabled: z
    .boolean()
    .default(false)
    .describe(
      'The application exposes its own Prometheus endpoint (metrics_app_port + metrics_app_path).',
    ),
  metrics_app_path: urlPath()
    .default('/metrics')
    .describe('Path of the app metrics endpoint.'),
  metrics_app_port: port()
    .default(9090)
    .describe(
      'Port of the app metrics endpoint (named "metrics"; may equal container_port).',
    ),
  metrics_pod_monitor_enabled: z
    .boolean()
    .default(false)
    .describe('Create a PodMonitor (Prometheus Operator).'),
  metrics_pod_monitor_interval: duration(PROMETHEUS_DURATION)
    .default('30s')
    .describe('Scrape interval, e.g. "30s".'),
  metrics_pod_monitor_scrape_timeout: duration(PROMETHEUS_DURATION)
    .default('10s')
    .describe('Scrape timeout, e.g. "10s"; at most the interval.'),
  metrics_service_monitor_enabled: z
    .boolean()
    .default(false)
    .describe('Create a ServiceMonitor (Prometheus Operator).'),

  // -- logs ----------------------------------------------------------------
  logs_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Structured logging settings and log-scraping annotations; with logs_provider, shipping to that provider.',
    ),
  logs_format: z
    .enum(['json', 'logfmt', 'text'])
    .default('json')
    .describe('Log format the app is told to emit (LOG_FORMAT).'),
  logs_level: z
    .enum(['trace', 'debug', 'info', 'warn', 'error'])
    .default('info')
    .describe('Log level the app is told to use (LOG_LEVEL).'),
  logs_provider: z
    .enum(['grafana-cloud', 'splunk'])
    .optional()
    .describe(
      'Where logs are shipped: "grafana-cloud" (Loki push) or "splunk" (HEC). Unset: in-cluster collector only.',
    ),
  logs_grafana_cloud_logs_url: httpUrl({ requireHttps: 'always' })
    .optional()
    .describe(
      'Grafana Cloud Loki push URL, e.g. "https://logs-prod-us-central1.grafana.net/loki/api/v1/push".',
    ),
  logs_grafana_cloud_tenant_id: safeString({
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: 'a tenant id: letters, digits, "_" and "-"',
  })
    .optional()
    .describe('Grafana Cloud Loki tenant (instance) id.'),
  logs_grafana_cloud_auth_secret_name: dns1123Subdomain()
    .optional()
    .describe(
      'Secret holding the Grafana Cloud credentials. Required when logs_provider is "grafana-cloud".',
    ),
  logs_grafana_cloud_auth_secret_create: z
    .boolean()
    .default(false)
    .describe(
      'Create that Secret (from a repository/Actions secret or ExternalSecret, never from a committed value).',
    ),
  logs_grafana_cloud_auth_user: safeString({
    min: 1,
    max: 128,
    pattern: /^[A-Za-z0-9_.@-]+$/,
    allowed: 'a user name: letters, digits, "_", ".", "@" and "-"',
  })
    .optional()
    .describe(
      'Grafana Cloud basic-auth user (usually the numeric instance id).',
    ),
  logs_grafana_cloud_auth_token: secretToken(
    'a Grafana Cloud access token',
  ).describe(
    'SECRET. Grafana Cloud access policy token. Accepted, but stripped before rendering: it becomes a repository secret, never a file.',
  ),
  logs_splunk_hec_url: httpUrl({ requireHttps: 'external' })
    .optional()
    .describe(
      'Splunk HTTP Event Collector URL, e.g. "https://splunk-hec.example.com:8088/services/collector".',
    ),
  logs_splunk_index: safeString({
    min: 1,
    max: 80,
    pattern: /^[a-z0-9][a-z0-9_-]*$/,
    allowed:
      'a Splunk index: lowercase letters, digits, "_" and "-", starting with a letter or digit',
  })
    .optional()
    .describe('Splunk index.'),
  logs_splunk_source: safeString({
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_.:/-]+$/,
    allowed: 'letters, digits, "_", ".", ":", "/" and "-"',
  })
    .optional()
    .describe('Splunk source, e.g. "k8s".'),
  logs_splunk_sourcetype: safeString({
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_.:-]+$/,
    allowed: 'letters, digits, "_", ".", ":" and "-"',
  })
    .optional()
    .describe('Splunk sourcetype, e.g. "_json".'),
  logs_splunk_token_secret_name: dns1123Subdomain()
    .optional()
    .describe(
      'Secret holding the HEC token. Required when logs_provider is "splunk".',
    ),
  logs_splunk_token_secret_create: z
    .boolean()
    .default(false)
    .describe(
      'Create that Secret (from a repository/Actions secret or ExternalSecret, never from a committed value).',
    ),
  logs_splunk_token: secretToken('a Splunk HEC token').describe(
    'SECRET. Splunk HEC token. Accepted, but stripped before rendering: it becomes a repository secret, never a file.',
  ),

  // -- telemetry -----------------------------------------------------------
  telemetry_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Export OpenTelemetry signals over OTLP (OTEL_EXPORTER_OTLP_* environment variables).',
    ),
  telemetry_provider: z
    .enum(['grafana-cloud', 'splunk'])
    .optional()
    .describe(
      'OTLP backend: "grafana-cloud" or "splunk" (unset: a generic OTLP collector).',
    ),
  telemetry_metrics_enabled: z
    .boolean()
    .default(true)
    .describe('Export metrics (OTEL_METRICS_EXPORTER).'),
  telemetry_traces_enabled: z
    .boolean()
    .default(true)
    .describe('Export traces (OTEL_TRACES_EXPORTER).'),
  telemetry_logs_enabled: z
    .boolean()
    .default(true)
    .describe('Export logs (OTEL_LOGS_EXPORTER).'),
  telemetry_otlp_endpoint: httpUrl({
    requireHttps: 'external',
    allowLoopback: true,
  })
    .optional()
    .describe(
      'OTLP endpoint, e.g. "https://otlp-gateway-prod-us-central-0.grafana.net/otlp". Required when telemetry_enabled.',
    ),
  telemetry_otlp_protocol: z
    .enum(['http/protobuf', 'http/json', 'grpc'])
    .default('http/protobuf')
    .describe('OTLP protocol (OTEL_EXPORTER_OTLP_PROTOCOL).'),
  telemetry_auth_header_name: safeString({
    min: 1,
    max: 64,
    pattern: HTTP_HEADER_NAME,
    allowed:
      'an HTTP header name: letters, digits and "-", starting with a letter',
  })
    .default('Authorization')
    .describe(
      'Header carrying the token, e.g. "Authorization" (Grafana Cloud) or "X-SF-Token" (Splunk).',
    ),
  telemetry_auth_secret_name: dns1123Subdomain()
    .optional()
    .describe('Secret holding the OTLP auth header value.'),
  telemetry_auth_secret_create: z
    .boolean()
    .default(false)
    .describe(
      'Create that Secret (from a repository/Actions secret or ExternalSecret, never from a committed value).',
    ),
  telemetry_auth_token: secretToken('an OTLP auth header value').describe(
    'SECRET. Value of the auth header (e.g. "Bearer <token>"). Accepted, but stripped before rendering: it becomes a repository secret, never a file.',
  ),

  // -- audit ---------------------------------------------------------------
  audit_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Mount an application audit policy ConfigMap at /etc/platform/audit/policy.yaml.',
    ),
  audit_mode: z
    .enum(['strict', 'standard', 'minimal'])
    .default('standard')
    .describe(
      'Audit policy: "strict" (every request and change), "standard" (changes and auth events), "minimal" (auth events only).',
    ),
  audit_include_request_body: z
    .boolean()
    .default(false)
    .describe(
      'Include request bodies in audit events (may contain personal data).',
    ),
  audit_policy_version: safeString({
    min: 2,
    max: 8,
    pattern: /^v[1-9][0-9]*$/,
    allowed: '"v" followed by a number, e.g. "v1"',
  })
    .default('v1')
    .describe('Version label of the audit policy, e.g. "v1".'),

  // -- PDB -----------------------------------------------------------------
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

  // -- quota ---------------------------------------------------------------
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

  // -- alerts --------------------------------------------------------------
  alerts_runbook_url: httpUrl({ requireHttps: 'never' })
    .optional()
    .describe(
      "Base URL of the runbooks linked from the generated alerts (runbook_url). Default: the generated repository's docs.",
    ),
  scaling_alerts_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Create a PrometheusRule with informational pod / node scaling alerts.',
    ),
  scaling_alerts_provider: z
    .enum(['grafana'])
    .default('grafana')
    .describe('Alert consumer ("grafana").'),
  scaling_alerts_severity: z
    .enum(['info', 'warning', 'critical'])
    .default('info')
    .describe(
      'Kept for compatibility: generated scaling alerts are always severity "info".',
    ),
  scaling_alerts_pod_window: duration(PROMETHEUS_DURATION)
    .default('10m')
    .describe('Window over which replica changes are detected, e.g. "10m".'),
  scaling_alerts_node_window: duration(PROMETHEUS_DURATION)
    .default('10m')
    .describe(
      'Window over which allocatable-CPU changes (node scaling) are detected, e.g. "10m".',
    ),
  scaling_alerts_pod_for: duration(PROMETHEUS_DURATION)
    .default('1m')
    .describe('"for" duration of the pod scaling alert, e.g. "1m".'),
  scaling_alerts_node_for: duration(PROMETHEUS_DURATION)
    .default('1m')
    .describe('"for" duration of the node scaling alert, e.g. "1m".'),
  quota_alerts_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Create a critical alert when requested CPU crosses a share of allocatable node CPU.',
    ),
  quota_alerts_provider: z
    .enum(['grafana'])
    .default('grafana')
    .describe('Alert consumer ("grafana").'),
  quota_alerts_node_usage_threshold_percent: int(1, 100)
    .default(75)
    .describe('Threshold in percent of allocatable node CPU, e.g. 75.'),
  quota_alerts_node_for: duration(PROMETHEUS_DURATION)
    .default('2m')
    .describe('"for" duration of the quota alert, e.g. "2m".'),
};

type HelmValues = z.output<z.ZodObject<typeof helmShape>>;

/** Fewest and most replicas the workload can run with (HPA, KEDA or fixed). */
function replicaBounds(v: HelmValues): { min: number; max: number } {
  if (v.hpa_enabled)
    return { min: v.hpa_min_replicas, max: v.hpa_max_replicas };
  if (v.keda_enabled)
    return { min: v.keda_min_replicas, max: v.keda_max_replicas };
  return { min: v.replica_count, max: v.replica_count };
}

function checkHelm(v: HelmValues, ctx: Ctx) {
  // Autoscalers ------------------------------------------------------------
  if (v.hpa_enabled && v.keda_enabled) {
    issue(
      ctx,
      ['keda_enabled'],
      'hpa_enabled and keda_enabled cannot both be true: KEDA manages its own HPA for the Deployment and two autoscalers would fight over the replica count. Set hpa_enabled to false to scale with KEDA',
    );
  }
  if (v.hpa_min_replicas > v.hpa_max_replicas) {
    issue(
      ctx,
      ['hpa_min_replicas'],
      `hpa_min_replicas (${v.hpa_min_replicas}) must not be greater than hpa_max_replicas (${v.hpa_max_replicas})`,
    );
  }
  if (
    v.hpa_enabled &&
    v.hpa_cpu_utilization_target === 0 &&
    v.hpa_memory_utilization_target === 0
  ) {
    issue(
      ctx,
      ['hpa_cpu_utilization_target'],
      'With hpa_enabled, at least one of hpa_cpu_utilization_target and hpa_memory_utilization_target must be greater than 0',
    );
  }
  if (v.keda_min_replicas > v.keda_max_replicas) {
    issue(
      ctx,
      ['keda_min_replicas'],
      `keda_min_replicas (${v.keda_min_replicas}) must not be greater than keda_max_replicas (${v.keda_max_replicas})`,
    );
  }
  if (v.keda_enabled && !v.keda_query) {
    issue(
      ctx,
      ['keda_query'],
      'Required when keda_enabled is true: the PromQL query KEDA scales on',
    );
  }
  if (Number(v.keda_activation_threshold) > Number(v.keda_threshold)) {
    issue(
      ctx,
      ['keda_activation_threshold'],
      `keda_activation_threshold (${v.keda_activation_threshold}) must not be greater than keda_threshold (${v.keda_threshold})`,
    );
  }

  // Istio ------------------------------------------------------------------
  if (v.throttle_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['throttle_enabled'],
      'throttle_enabled requires istio_enabled: request throttling is an EnvoyFilter on the Istio sidecar',
    );
  }
  if (v.throttle_tokens_per_fill > v.throttle_max_tokens) {
    issue(
      ctx,
      ['throttle_tokens_per_fill'],
      `throttle_tokens_per_fill (${v.throttle_tokens_per_fill}) must not exceed throttle_max_tokens (${v.throttle_max_tokens}), the bucket size`,
    );
  }
  if (v.istio_ingress_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['istio_ingress_enabled'],
      'istio_ingress_enabled requires istio_enabled',
    );
  }
  if (v.istio_egress_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['istio_egress_enabled'],
      'istio_egress_enabled requires istio_enabled',
    );
  }
  if (v.istio_enabled && v.istio_ingress_enabled) {
    if (v.istio_gateway_create && !v.istio_gateway_host) {
      issue(
        ctx,
        ['istio_gateway_host'],
        'Required when istio_gateway_create is true: the host the new Gateway serves (e.g. "orders.example.com")',
      );
    }
    if (!v.istio_gateway_create && !v.istio_gateway_ref) {
      issue(
        ctx,
        ['istio_gateway_ref'],
        'Istio ingress needs a Gateway: set istio_gateway_create to true, or istio_gateway_ref to an existing gateway ("<namespace>/<name>", e.g. "istio-system/public-gateway")',
      );
    }
    if (!v.istio_virtual_service_host && !v.istio_gateway_host) {
      issue(
        ctx,
        ['istio_virtual_service_host'],
        'Istio ingress needs a host: set istio_virtual_service_host (or istio_gateway_host)',
      );
    }
  }
  if (v.istio_enabled && v.istio_egress_enabled && !v.istio_egress_host) {
    issue(
      ctx,
      ['istio_egress_host'],
      'Required when istio_egress_enabled is true: the external host to allow (e.g. "api.stripe.com")',
    );
  }
  if (v.istio_enabled) {
    const ports: [string, number | undefined][] = [
      ['container_port', v.container_port],
      [
        'metrics_app_port',
        v.metrics_app_enabled ? v.metrics_app_port : undefined,
      ],
      ['probe_port', v.probe_port],
    ];
    for (const [field, p] of ports) {
      if (p !== undefined && ISTIO_RESERVED_PORTS.includes(p)) {
        issue(
          ctx,
          [field],
          `Port ${p} is reserved by the Istio sidecar (${ISTIO_RESERVED_PORTS.join(
            ', ',
          )}); choose another port`,
        );
      }
    }
  }

  // Metrics ----------------------------------------------------------------
  const interval = parseDuration(v.metrics_pod_monitor_interval);
  const timeout = parseDuration(v.metrics_pod_monitor_scrape_timeout);
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    issue(
      ctx,
      ['metrics_pod_monitor_scrape_timeout'],
      `metrics_pod_monitor_scrape_timeout (${v.metrics_pod_monitor_scrape_timeout}) must not exceed metrics_pod_monitor_interval (${v.metrics_pod_monitor_interval})`,
    );
  }

  // Logs & telemetry --------------------------------------------------------
  if (v.logs_enabled && v.logs_provider === 'grafana-cloud') {
    if (!v.logs_grafana_cloud_logs_url) {
      issue(
        ctx,
        ['logs_grafana_cloud_logs_url'],
        'Required when logs_provider is "grafana-cloud": the Loki push URL (https://logs-prod-<region>.grafana.net/loki/api/v1/push)',
      );
    }
    if (!v.logs_grafana_cloud_auth_secret_name) {
      issue(
        ctx,
        ['logs_grafana_cloud_auth_secret_name'],
        'Required when logs_provider is "grafana-cloud": the Secret holding the Grafana Cloud credentials',
      );
    }
  }
  if (v.logs_enabled && v.logs_provider === 'splunk') {
    if (!v.logs_splunk_hec_url) {
      issue(
        ctx,
        ['logs_splunk_hec_url'],
        'Required when logs_provider is "splunk": the HTTP Event Collector URL (https://<host>:8088/services/collector)',
      );
    }
    if (!v.logs_splunk_token_secret_name) {
      issue(
        ctx,
        ['logs_splunk_token_secret_name'],
        'Required when logs_provider is "splunk": the Secret holding the HEC token',
      );
    }
  }
  if (v.telemetry_enabled) {
    if (!v.telemetry_otlp_endpoint) {
      issue(
        ctx,
        ['telemetry_otlp_endpoint'],
        'Required when telemetry_enabled is true: the OTLP endpoint URL',
      );
    }
    if (
      !v.telemetry_metrics_enabled &&
      !v.telemetry_traces_enabled &&
      !v.telemetry_logs_enabled
    ) {
      issue(
        ctx,
        ['telemetry_enabled'],
        'telemetry_enabled is true but every signal is disabled: enable at least one of telemetry_metrics_enabled, telemetry_traces_enabled, telemetry_logs_enabled',
      );
    }
  }
  const secretPairs = [
    [
      'logs_grafana_cloud_auth_secret_create',
      'logs_grafana_cloud_auth_secret_name',
    ],
    ['logs_splunk_token_secret_create', 'logs_splunk_token_secret_name'],
    ['telemetry_auth_secret_create', 'telemetry_auth_secret_name'],
  ] as const;
  for (const [create, name] of secretPairs) {
    if (v[create] && !v[name]) {
      issue(
        ctx,
        [name],
        `Required when ${create} is true: the name of the Secret to create`,
      );
    }
  }

  // PDB --------------------------------------------------------------------
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

  // Resources & quota --------------------------------------------------------
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

  // Service account & identity ---------------------------------------------
  const identities = (
    [
      ['aws_iam_role_arn', 'eks.amazonaws.com/role-arn'],
      [
        'azure_workload_identity_client_id',
        'azure.workload.identity/client-id',
      ],
      ['gcp_service_account_email', 'iam.gke.io/gcp-service-account'],
    ] as const
  ).filter(([field]) => v[field] !== undefined);
  if (identities.length > 1) {
    issue(
      ctx,
      [identities[1][0]],
      `Set only one cloud identity: ${identities
        .map(([f]) => f)
        .join(' and ')} are both set`,
    );
  }
  for (const [field, annotation] of identities) {
    if (annotation in v.service_account_annotations) {
      issue(
        ctx,
        ['service_account_annotations', annotation],
        `Set either ${field} or the annotation "${annotation}", not both`,
      );
    }
  }
  if (!v.service_account_create) {
    if (!v.service_account_name) {
      issue(
        ctx,
        ['service_account_name'],
        'Required when service_account_create is false: the existing ServiceAccount to run as',
      );
    }
    if (
      identities.length > 0 ||
      Object.keys(v.service_account_annotations).length > 0
    ) {
      issue(
        ctx,
        ['service_account_create'],
        'Cloud identity and service_account_annotations are applied to the ServiceAccount this chart creates: set service_account_create to true, or annotate the existing account yourself and remove them',
      );
    }
  }

  // Probes, ingress, env ---------------------------------------------------
  if (
    v.probe_port !== undefined &&
    v.probe_port !== v.container_port &&
    !(v.metrics_app_enabled && v.probe_port === v.metrics_app_port)
  ) {
    issue(
      ctx,
      ['probe_port'],
      `probe_port (${
        v.probe_port
      }) must be a declared container port: container_port (${
        v.container_port
      })${
        v.metrics_app_enabled
          ? ` or metrics_app_port (${v.metrics_app_port})`
          : ''
      }`,
    );
  }
  if (v.ingress_enabled && !v.ingress_host) {
    issue(
      ctx,
      ['ingress_host'],
      'Required when ingress_enabled is true: the host name to serve',
    );
  }
  if (v.ingress_cert_manager_issuer && !v.ingress_tls_enabled) {
    issue(
      ctx,
      ['ingress_cert_manager_issuer'],
      'A cert-manager issuer only applies with ingress_tls_enabled: enable TLS or remove the issuer',
    );
  }
  const names = new Map<string, string>();
  v.env.forEach((e, i) => {
    if (names.has(e.name)) {
      issue(
        ctx,
        ['env', i, 'name'],
        `Duplicate environment variable "${e.name}" (also in ${names.get(
          e.name,
        )})`,
      );
    } else {
      names.set(e.name, `env[${i}]`);
    }
  });
  v.env_from_secrets.forEach((e, i) => {
    if (names.has(e.name)) {
      issue(
        ctx,
        ['env_from_secrets', i, 'name'],
        `Duplicate environment variable "${e.name}" (also in ${names.get(
          e.name,
        )})`,
      );
    } else {
      names.set(e.name, `env_from_secrets[${i}]`);
    }
  });
}

/** helm_context: the workload chart's inputs. */
export const helmContextSchema = strictObject(helmShape)
  .superRefine(checkHelm)
  .describe(
    'Helm chart inputs: workload, image, scaling (HPA/KEDA), Istio, throttling, observability (metrics, logs, telemetry, alerts), audit, PDB, quota, identity, probes, ingress.',
  );

/** Parsed helm_context (defaults applied). */
export type HelmContext = z.output<typeof helmContextSchema>;
/** helm_context as accepted on input. */
export type HelmContextInput = z.input<typeof helmContextSchema>;

/** @internal field names, for tests and docs */
export const HELM_KEYS: readonly string[] = Object.keys(helmShape);
