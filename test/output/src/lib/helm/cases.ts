/*
 * The Helm matrix: every chart tree x every helm_context knob on and off,
 * boundary values, and the spec's own JSON examples. Every case must render,
 * pass helm lint --strict / helm template on Helm 3 and 4 and validate
 * against the Kubernetes and CRD schemas with zero findings.
 */
import { PLAINTEXT_SECRETS } from '../generate';
import { HelmCase } from './chart';
import {
  SEED_HELM_AFFINITY,
  SEED_HELM_FRAGMENTS,
  SEED_HELM_TELEMETRY_SPLUNK,
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from './seed';

export const HELM_TREES = ['basic', 'aks-basic', 'gke-basic'] as const;
export type HelmTree = (typeof HELM_TREES)[number];

/** The cloud each tree is the default for. */
export const TREE_CLOUD: Record<HelmTree, 'aws' | 'azure' | 'gcp'> = {
  basic: 'aws',
  'aks-basic': 'azure',
  'gke-basic': 'gcp',
};

const [GRAFANA_TOKEN, SPLUNK_TOKEN, OTLP_TOKEN] = PLAINTEXT_SECRETS;

/** The smallest helm_context: everything else is the contract's default. */
export const BASE_CONTEXT = {
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'ghcr.io/acme/orders',
  image_tag: '1.4.2',
};

const IDENTITY: Record<HelmTree, Record<string, unknown>> = {
  basic: { aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders' },
  'aks-basic': {
    azure_workload_identity_client_id: '2b6a1c3e-8f4d-4a7b-9c0e-1d2f3a4b5c6d',
  },
  'gke-basic': {
    gcp_service_account_email: 'orders@acme-platform.iam.gserviceaccount.com',
  },
};

const ISTIO_INGRESS_CREATED = {
  istio_enabled: true,
  istio_ingress_enabled: true,
  istio_gateway_create: true,
  istio_gateway_host: 'orders.example.com',
  istio_gateway_port: 8080,
};

const GRAFANA_LOGS = {
  logs_enabled: true,
  logs_provider: 'grafana-cloud',
  logs_grafana_cloud_logs_url:
    'https://logs-prod-eu-west-0.grafana.net/loki/api/v1/push',
  logs_grafana_cloud_tenant_id: '987654',
  logs_grafana_cloud_auth_user: '987654',
  logs_grafana_cloud_auth_secret_name: 'orders-grafana-logs',
  logs_grafana_cloud_auth_secret_create: true,
  logs_grafana_cloud_auth_token: GRAFANA_TOKEN,
};

const TELEMETRY = {
  telemetry_enabled: true,
  telemetry_provider: 'grafana-cloud',
  telemetry_otlp_endpoint:
    'https://otlp-gateway-prod-eu-west-0.grafana.net/otlp',
  telemetry_auth_secret_name: 'orders-otlp-auth',
  telemetry_auth_secret_create: true,
  telemetry_auth_token: OTLP_TOKEN,
};

/** Everything on (HPA for autoscaling); `keda` swaps the autoscaler. */
function allOn(tree: HelmTree, keda: boolean): Record<string, unknown> {
  return {
    replica_count: 3,
    load_balancer_type: 'Internal',
    cpu_request: '250m',
    memory_request: '256Mi',
    cpu_limit: '500m',
    memory_limit: '512Mi',
    affinity_enabled: true,
    ...(keda
      ? {
          keda_enabled: true,
          keda_query: 'sum(rate(http_requests_total{app="orders"}[2m]))',
          keda_metric_name: 'orders_rps',
          keda_threshold: '100',
          keda_activation_threshold: '10',
        }
      : { hpa_enabled: true }),
    ...ISTIO_INGRESS_CREATED,
    istio_egress_enabled: true,
    istio_egress_host: 'api.stripe.com',
    throttle_enabled: true,
    metrics_enabled: true,
    metrics_app_enabled: true,
    metrics_app_port: 9090,
    metrics_pod_monitor_enabled: true,
    metrics_service_monitor_enabled: true,
    ...GRAFANA_LOGS,
    ...TELEMETRY,
    audit_enabled: true,
    audit_mode: 'strict',
    pdb_enabled: true,
    pdb_max_unavailable: 1,
    quota_enabled: true,
    scaling_alerts_enabled: true,
    quota_alerts_enabled: true,
    ingress_enabled: true,
    ingress_host: 'orders.example.com',
    ingress_cert_manager_issuer: 'letsencrypt-prod',
    env: [{ name: 'FEATURE_FLAGS', value: 'checkout-v2' }],
    env_from_secrets: [
      { name: 'DATABASE_URL', secret_name: 'orders-db', secret_key: 'url' },
    ],
    service_account_annotations: { 'example.com/owner': 'payments' },
    ...IDENTITY[tree],
  };
}

/** helm_context overrides, by knob. Each is valid for every tree. */
function knobs(tree: HelmTree): Record<string, Record<string, unknown>> {
  return {
    defaults: {},
    'service Internal': { load_balancer_type: 'Internal' },
    'service External': { load_balancer_type: 'External' },
    'resources minimum': {
      cpu_request: '1m',
      memory_request: '1Mi',
      cpu_limit: '1m',
      memory_limit: '1Mi',
    },
    'resources large': {
      cpu_request: '15.5',
      memory_request: '64Gi',
      cpu_limit: '32',
      memory_limit: '128Gi',
    },
    'one replica, no spread': {
      replica_count: 1,
      topology_spread_enabled: false,
    },
    'replicas 1000, hard spread': {
      replica_count: 1000,
      topology_spread_when_unsatisfiable: 'DoNotSchedule',
      topology_spread_max_skew: 10,
      topology_spread_topology_key: 'kubernetes.io/hostname',
    },
    'pod anti-affinity': {
      affinity_enabled: true,
      affinity_type: 'podAntiAffinity',
      affinity_topology_key: 'kubernetes.io/hostname',
    },
    'pod affinity by zone': {
      affinity_enabled: true,
      affinity_type: 'podAffinity',
      affinity_topology_key: 'topology.kubernetes.io/zone',
    },
    'hpa cpu and memory': { hpa_enabled: true },
    'hpa cpu only (memory 0)': {
      hpa_enabled: true,
      hpa_cpu_utilization_target: 100,
      hpa_memory_utilization_target: 0,
    },
    'hpa memory only (cpu 0)': {
      hpa_enabled: true,
      hpa_cpu_utilization_target: 0,
      hpa_memory_utilization_target: 1,
    },
    'hpa bounds 1..1000': {
      hpa_enabled: true,
      hpa_min_replicas: 1,
      hpa_max_replicas: 1000,
    },
    keda: {
      keda_enabled: true,
      keda_query: 'sum(rate(http_requests_total{app="orders"}[2m]))',
      keda_metric_name: 'orders_rps',
      keda_threshold: 50,
      keda_activation_threshold: '5',
    },
    'keda scale to zero, bounds': {
      keda_enabled: true,
      keda_min_replicas: 0,
      keda_max_replicas: 1000,
      keda_polling_interval: 1,
      keda_cooldown_period: 0,
      keda_scale_up_stabilization_window: 3600,
      keda_scale_down_stabilization_window: 0,
      keda_query: 'vector(1)',
    },
    'istio sidecar only': { istio_enabled: true },
    'istio sidecar with istio cni': { istio_enabled: true, istio_cni: true },
    'no network policy, no pre-stop delay': {
      network_policy_enabled: false,
      pre_stop_sleep_seconds: 0,
    },
    'pre-stop delay 60s': { pre_stop_sleep_seconds: 60 },
    'istio ingress, created gateway': ISTIO_INGRESS_CREATED,
    'istio ingress, existing gateway': {
      istio_enabled: true,
      istio_ingress_enabled: true,
      istio_gateway_ref: 'istio-system/public-gateway',
      istio_virtual_service_host: '*.orders.example.com',
      istio_virtual_service_prefix: '/api',
    },
    'istio egress https': {
      istio_enabled: true,
      istio_egress_enabled: true,
      istio_egress_host: 'api.stripe.com',
    },
    'istio egress wildcard tcp': {
      istio_enabled: true,
      istio_egress_enabled: true,
      istio_egress_host: '*.googleapis.com',
      istio_egress_port: 5432,
      istio_egress_protocol: 'TCP',
    },
    'throttle 50ms, large bucket': {
      istio_enabled: true,
      throttle_enabled: true,
      throttle_max_tokens: 1000000,
      throttle_tokens_per_fill: 1,
      throttle_fill_interval: '50ms',
    },
    'throttle 60m': {
      istio_enabled: true,
      throttle_enabled: true,
      throttle_max_tokens: 1,
      throttle_tokens_per_fill: 1,
      throttle_fill_interval: '60m',
    },
    'metrics own port, pod monitor': {
      metrics_enabled: true,
      metrics_app_enabled: true,
      metrics_app_port: 9090,
      metrics_pod_monitor_enabled: true,
    },
    'metrics on the http port, both monitors': {
      metrics_enabled: true,
      metrics_app_enabled: true,
      metrics_app_port: 8080,
      metrics_app_path: '/internal/metrics',
      metrics_pod_monitor_enabled: true,
      metrics_service_monitor_enabled: true,
    },
    'metrics istio sidecar only': {
      metrics_enabled: true,
      istio_enabled: true,
      metrics_pod_monitor_enabled: true,
      metrics_pod_monitor_interval: '1h',
      metrics_pod_monitor_scrape_timeout: '59m',
    },
    'metrics master switch off': {
      metrics_enabled: false,
      metrics_app_enabled: true,
      metrics_pod_monitor_enabled: true,
      metrics_service_monitor_enabled: true,
    },
    'logs without provider': {
      logs_enabled: true,
      logs_format: 'logfmt',
      logs_level: 'debug',
    },
    'logs grafana-cloud, secret created': GRAFANA_LOGS,
    'logs grafana-cloud, existing secret': {
      logs_enabled: true,
      logs_format: 'text',
      logs_provider: 'grafana-cloud',
      logs_grafana_cloud_logs_url:
        'https://logs-prod-us-central1.grafana.net/loki/api/v1/push',
      logs_grafana_cloud_auth_secret_name: 'grafana-cloud-logs-auth',
    },
    'logs splunk, secret created': {
      logs_enabled: true,
      logs_provider: 'splunk',
      logs_level: 'error',
      logs_splunk_hec_url:
        'https://splunk-hec.example.com:8088/services/collector',
      logs_splunk_index: 'platform',
      logs_splunk_source: 'k8s:orders',
      logs_splunk_sourcetype: '_json',
      logs_splunk_token_secret_name: 'splunk-hec-token',
      logs_splunk_token_secret_create: true,
      logs_splunk_token: SPLUNK_TOKEN,
    },
    'logs splunk, existing secret, in-cluster HEC': {
      logs_enabled: true,
      logs_provider: 'splunk',
      logs_splunk_hec_url: 'http://splunk-hec.logging.svc:8088',
      logs_splunk_token_secret_name: 'splunk-hec-token',
    },
    'telemetry grafana-cloud, secret created': TELEMETRY,
    'telemetry splunk, existing secret': {
      telemetry_enabled: true,
      telemetry_provider: 'splunk',
      telemetry_otlp_endpoint: 'https://ingest.us1.signalfx.com/v2/otlp',
      telemetry_auth_header_name: 'X-SF-Token',
      telemetry_auth_secret_name: 'splunk-o11y-token',
    },
    'telemetry collector, traces only, no auth': {
      telemetry_enabled: true,
      telemetry_otlp_endpoint: 'http://otel-collector.monitoring.svc:4317',
      telemetry_otlp_protocol: 'grpc',
      telemetry_metrics_enabled: false,
      telemetry_logs_enabled: false,
    },
    'audit strict with bodies': {
      audit_enabled: true,
      audit_mode: 'strict',
      audit_include_request_body: true,
      audit_policy_version: 'v12',
    },
    'audit minimal': { audit_enabled: true, audit_mode: 'minimal' },
    'pdb default': { pdb_enabled: true },
    'pdb minAvailable 50%': { pdb_enabled: true, pdb_min_available: '50%' },
    'pdb maxUnavailable 1 (minAvailable "")': {
      pdb_enabled: true,
      pdb_min_available: '',
      pdb_max_unavailable: 1,
    },
    'resource quota': {
      quota_enabled: true,
      quota_requests_cpu: '500m',
      quota_requests_memory: '1Gi',
      quota_limits_cpu: '1',
      quota_limits_memory: '1Gi',
      quota_pods: '2',
    },
    'alerts with runbooks, bounds': {
      scaling_alerts_enabled: true,
      scaling_alerts_severity: 'critical',
      scaling_alerts_pod_window: '1h',
      scaling_alerts_node_window: '30s',
      scaling_alerts_pod_for: '0s',
      quota_alerts_enabled: true,
      quota_alerts_node_usage_threshold_percent: 100,
      quota_alerts_node_for: '1h',
      alerts_runbook_url: 'https://runbooks.example.com/orders/',
    },
    'alerts, default runbooks': {
      scaling_alerts_enabled: true,
      quota_alerts_enabled: true,
      quota_alerts_node_usage_threshold_percent: 1,
    },
    'no namespace object': { create_namespace: false },
    'existing service account': {
      service_account_create: false,
      service_account_name: 'orders-runtime',
    },
    'service account annotations, token mounted': {
      service_account_name: 'orders-sa',
      service_account_automount_token: true,
      service_account_annotations: { 'example.com/owner': 'payments' },
    },
    'cloud workload identity': IDENTITY[tree],
    'tcp probes': { probe_type: 'tcp' },
    'probes on the metrics port': {
      metrics_enabled: true,
      metrics_app_enabled: true,
      metrics_app_port: 9102,
      probe_port: 9102,
      liveness_probe_path: '/healthz',
      readiness_probe_path: '/ready',
    },
    'ingress tls, cert-manager ClusterIssuer': {
      ingress_enabled: true,
      ingress_host: 'orders.example.com',
      ingress_class_name: 'nginx',
      ingress_cert_manager_issuer: 'letsencrypt-prod',
      ingress_annotations: {
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      },
    },
    'ingress without tls, exact path': {
      ingress_enabled: true,
      ingress_host: '*.example.com',
      ingress_tls_enabled: false,
      ingress_path: '/api/v1',
      ingress_path_type: 'Exact',
    },
    'ingress tls secret, Issuer': {
      ingress_enabled: true,
      ingress_host: 'orders.example.com',
      ingress_tls_secret_name: 'orders-cert',
      ingress_cert_manager_issuer: 'internal-ca',
      ingress_cert_manager_issuer_kind: 'Issuer',
      ingress_path_type: 'ImplementationSpecific',
    },
    'env and env from secrets': {
      env: [
        { name: 'APP_MODE', value: 'production' },
        { name: 'GREETING', value: 'hello, world: 100% {ok} #1 & more' },
        { name: '_UNDERSCORE', value: '' },
      ],
      env_from_secrets: [
        { name: 'DATABASE_URL', secret_name: 'orders-db', secret_key: 'url' },
        {
          name: 'API_KEY',
          secret_name: 'orders.api-keys',
          secret_key: '.dot_key-1',
        },
      ],
    },
    'image digest, pull secrets, Always': {
      image_digest: `sha256:${'a1'.repeat(32)}`,
      image_pull_secrets: ['ghcr-pull', 'mirror.pull'],
      image_pull_policy: 'Always',
    },
    'uid 65532, writable root filesystem': {
      run_as_user: 65532,
      read_only_root_filesystem: false,
    },
    'longest names and versions': {
      chart_name: `o${'r'.repeat(51)}s`,
      namespace: `n${'s'.repeat(61)}x`,
      chart_version: '10.20.30-rc.1+build.5',
      app_version: 'v2.3.1_build+7',
      image_repository: 'registry.example.com:5000/team/sub/orders-api',
      image_tag: `v${'1'.repeat(127)}`,
      ...ISTIO_INGRESS_CREATED,
      metrics_enabled: true,
      metrics_app_enabled: true,
      metrics_service_monitor_enabled: true,
      scaling_alerts_enabled: true,
      quota_alerts_enabled: true,
      throttle_enabled: true,
      istio_egress_enabled: true,
      istio_egress_host: 'api.stripe.com',
      audit_enabled: true,
    },
    'ports 1 and 65535': { service_port: 1, container_port: 65535 },
    'all on (hpa)': allOn(tree, false),
    'all on (keda)': allOn(tree, true),
  };
}

/** Knob cases of a tree, sent as helm requests with the tree's cloud. */
function knobCases(tree: HelmTree): HelmCase[] {
  return Object.entries(knobs(tree)).map(([knob, overrides]) => ({
    name: `${tree} / ${knob}`,
    kind: 'helm' as const,
    tree,
    payload: {
      cloud: TREE_CLOUD[tree],
      ...(tree === 'basic' ? {} : { helm_template: tree }),
      helm_context: { ...BASE_CONTEXT, ...overrides },
    },
    secrets: [],
  }));
}

/** basic is the generic chart: without a cloud, and on Azure and Google Cloud. */
function genericCases(): HelmCase[] {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['no cloud, defaults', { helm_context: BASE_CONTEXT }],
    [
      'no cloud, External',
      { helm_context: { ...BASE_CONTEXT, load_balancer_type: 'External' } },
    ],
    [
      'azure, Internal + identity',
      {
        cloud: 'azure',
        helm_template: 'basic',
        helm_context: {
          ...BASE_CONTEXT,
          load_balancer_type: 'Internal',
          ...IDENTITY['aks-basic'],
        },
      },
    ],
    [
      'gcp, Internal + identity',
      {
        cloud: 'gcp',
        helm_template: 'basic',
        helm_context: {
          ...BASE_CONTEXT,
          load_balancer_type: 'Internal',
          ...IDENTITY['gke-basic'],
        },
      },
    ],
  ];
  return cases.map(([name, payload]) => ({
    name: `basic / ${name}`,
    kind: 'helm' as const,
    tree: 'basic',
    payload,
    secrets: [],
  }));
}

/** Secret values in a helm_context (seed examples carry placeholders). */
function secretsOf(context: Record<string, unknown>): string[] {
  return [
    'logs_grafana_cloud_auth_token',
    'logs_splunk_token',
    'telemetry_auth_token',
  ]
    .map(k => context[k])
    .filter((v): v is string => typeof v === 'string');
}

/** The spec's JSON examples: each fragment merged into its complete helm_context, on every tree. */
function seedCases(): HelmCase[] {
  const contexts: Array<[string, Record<string, unknown>]> = [
    ['pod scheduling (complete helm_context)', SEED_HELM_AFFINITY],
    ...Object.entries(SEED_HELM_FRAGMENTS).map(
      ([section, fragment]): [string, Record<string, unknown>] => [
        section,
        { ...SEED_HELM_AFFINITY, ...fragment },
      ],
    ),
    [
      'telemetry splunk (realm filled in)',
      {
        ...SEED_HELM_AFFINITY,
        ...SEED_HELM_TELEMETRY_SPLUNK,
        telemetry_otlp_endpoint: 'https://ingest.us1.signalfx.com/v2/otlp',
      },
    ],
  ];
  const cases: HelmCase[] = [];
  for (const tree of HELM_TREES) {
    for (const [section, context] of contexts) {
      cases.push({
        name: `${tree} / seed: ${section}`,
        kind: 'helm',
        tree,
        payload: {
          cloud: TREE_CLOUD[tree],
          ...(tree === 'basic' ? {} : { helm_template: tree }),
          helm_context: context,
        },
        secrets: secretsOf(context),
      });
    }
  }
  cases.push(
    {
      name: 'basic / seed: platform payload (new cluster)',
      kind: 'platform',
      tree: 'basic',
      payload: SEED_PLATFORM_NEW_CLUSTER,
      secrets: [],
    },
    {
      name: 'gke-basic / seed: platform payload (existing cluster)',
      kind: 'platform',
      tree: 'gke-basic',
      payload: SEED_PLATFORM_EXISTING_CLUSTER,
      secrets: [],
    },
  );
  return cases;
}

/** Every case of the matrix. */
export function helmMatrix(): HelmCase[] {
  const cases = [
    ...HELM_TREES.flatMap(knobCases),
    ...genericCases(),
    ...seedCases(),
  ];
  for (const c of cases) {
    const context = (c.payload as { helm_context: Record<string, unknown> })
      .helm_context;
    c.secrets = [...new Set([...c.secrets, ...secretsOf(context)])];
  }
  return cases;
}

/** One representative payload per tree (golden files, full ci/ value sets). */
export function representativeCases(): HelmCase[] {
  return HELM_TREES.flatMap(tree => {
    const all = knobCases(tree);
    return [
      all.find(c => c.name.endsWith('/ defaults'))!,
      all.find(c => c.name.endsWith('/ all on (hpa)'))!,
    ];
  });
}
