/*
 * Every JSON example of the generator spec, copied verbatim: the two
 * platform payloads, the only complete helm_context (pod scheduling) and
 * every helm_context fragment. Used by the tests of every package, the
 * action examples, the benchmark and the playground's presets.
 */

/** "Unified platform payload (new cluster)" */
export const SEED_PLATFORM_NEW_CLUSTER = {
  cloud: 'aws',
  existing_cluster: false,
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    create_namespace: true,
    image_repository: 'nginx',
    image_tag: '1.27',
    replica_count: 2,
    service_port: 80,
    container_port: 80,
  },
};

/** "Unified platform payload (existing cluster)" */
export const SEED_PLATFORM_EXISTING_CLUSTER = {
  cloud: 'gcp',
  existing_cluster: true,
  helm_context: {
    chart_name: 'orders',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'orders',
    create_namespace: true,
    image_repository: 'nginx',
    image_tag: '1.27',
    replica_count: 2,
    service_port: 80,
    container_port: 80,
    load_balancer_type: 'External',
  },
};

/** "Pod scheduling controls": anti-affinity example (a complete helm_context). */
export const SEED_HELM_AFFINITY = {
  chart_name: 'orders',
  chart_version: '0.1.0',
  app_version: '1.0.0',
  namespace: 'orders',
  create_namespace: true,
  image_repository: 'nginx',
  image_tag: '1.27',
  replica_count: 2,
  service_port: 80,
  container_port: 80,
  cpu_request: '100m',
  memory_request: '128Mi',
  cpu_limit: '500m',
  memory_limit: '512Mi',
  affinity_enabled: true,
  affinity_type: 'podAntiAffinity',
  affinity_topology_key: 'kubernetes.io/hostname',
};

/** "HPA autoscaling controls" */
export const SEED_HELM_HPA = {
  hpa_enabled: true,
  hpa_min_replicas: 2,
  hpa_max_replicas: 10,
  hpa_cpu_utilization_target: 70,
  hpa_memory_utilization_target: 80,
};

/** "Istio mesh controls (ingress/egress)" */
export const SEED_HELM_ISTIO = {
  istio_enabled: true,
  istio_ingress_enabled: true,
  istio_egress_enabled: true,
  istio_gateway_create: false,
  istio_gateway_name: 'public-gateway',
  istio_gateway_namespace: 'istio-system',
  istio_gateway_host: 'orders.example.com',
  istio_gateway_port: 80,
  istio_gateway_ref: 'istio-system/public-gateway',
  istio_virtual_service_host: 'orders.example.com',
  istio_virtual_service_prefix: '/',
  istio_egress_host: 'api.stripe.com',
  istio_egress_port: 443,
  istio_egress_protocol: 'HTTPS',
};

/** "Pod request throttling controls" */
export const SEED_HELM_THROTTLE = {
  istio_enabled: true,
  throttle_enabled: true,
  throttle_max_tokens: 100,
  throttle_tokens_per_fill: 100,
  throttle_fill_interval: '1s',
};

/** "KEDA throttling-aware autoscaling" */
export const SEED_HELM_KEDA = {
  hpa_enabled: false,
  keda_enabled: true,
  keda_min_replicas: 2,
  keda_max_replicas: 20,
  keda_polling_interval: 30,
  keda_cooldown_period: 600,
  keda_threshold: '0.05',
  keda_activation_threshold: '0.01',
  keda_prometheus_server_address:
    'http://prometheus.monitoring.svc.cluster.local:9090',
  keda_metric_name: 'orders_throttle_ratio',
  keda_query:
    'sum(rate(istio_requests_total{destination_workload="orders",response_code="429"}[5m])) / clamp_min(sum(rate(istio_requests_total{destination_workload="orders"}[5m])), 1)',
  keda_scale_up_stabilization_window: 60,
  keda_scale_down_stabilization_window: 600,
};

/** "Metrics emission controls" */
export const SEED_HELM_METRICS = {
  metrics_enabled: true,
  metrics_app_enabled: true,
  metrics_app_path: '/metrics',
  metrics_app_port: 9090,
  metrics_pod_monitor_enabled: true,
  metrics_pod_monitor_interval: '30s',
  metrics_pod_monitor_scrape_timeout: '10s',
};

/** "Logging provider support": grafana-cloud */
export const SEED_HELM_LOGS_GRAFANA = {
  logs_enabled: true,
  logs_provider: 'grafana-cloud',
  logs_grafana_cloud_logs_url:
    'https://logs-prod-us-central1.grafana.net/loki/api/v1/push',
  logs_grafana_cloud_tenant_id: '123456',
  logs_grafana_cloud_auth_secret_name: 'grafana-cloud-logs-auth',
  logs_grafana_cloud_auth_secret_create: true,
  logs_grafana_cloud_auth_user: '123456',
  logs_grafana_cloud_auth_token: '<token>',
};

/** "Logging provider support": splunk */
export const SEED_HELM_LOGS_SPLUNK = {
  logs_enabled: true,
  logs_provider: 'splunk',
  logs_splunk_hec_url: 'https://splunk-hec.example.com:8088/services/collector',
  logs_splunk_index: 'platform',
  logs_splunk_source: 'k8s',
  logs_splunk_sourcetype: '_json',
  logs_splunk_token_secret_name: 'splunk-hec-token',
  logs_splunk_token_secret_create: true,
  logs_splunk_token: '<hec-token>',
};

/** "Unified telemetry support": grafana-cloud */
export const SEED_HELM_TELEMETRY_GRAFANA = {
  telemetry_enabled: true,
  telemetry_provider: 'grafana-cloud',
  telemetry_metrics_enabled: true,
  telemetry_traces_enabled: true,
  telemetry_logs_enabled: true,
  telemetry_otlp_endpoint:
    'https://otlp-gateway-prod-us-central-0.grafana.net/otlp',
  telemetry_otlp_protocol: 'http/protobuf',
  telemetry_auth_header_name: 'Authorization',
  telemetry_auth_secret_name: 'otel-auth',
  telemetry_auth_secret_create: true,
  telemetry_auth_token: 'Bearer <grafana-token>',
};

/**
 * "Unified telemetry support": splunk. Verbatim, the endpoint contains the
 * placeholder "<realm>", which is not a valid host name: the tests expect it
 * to be rejected as is and accepted once the realm is filled in.
 */
export const SEED_HELM_TELEMETRY_SPLUNK = {
  telemetry_enabled: true,
  telemetry_provider: 'splunk',
  telemetry_metrics_enabled: true,
  telemetry_traces_enabled: true,
  telemetry_logs_enabled: true,
  telemetry_otlp_endpoint: 'https://ingest.<realm>.signalfx.com/v2/otlp',
  telemetry_otlp_protocol: 'http/protobuf',
  telemetry_auth_header_name: 'X-SF-Token',
  telemetry_auth_secret_name: 'otel-auth',
  telemetry_auth_secret_create: true,
  telemetry_auth_token: '<splunk-token>',
};

/** "Cluster operations management": PDB + quota */
export const SEED_HELM_PDB_QUOTA = {
  pdb_enabled: true,
  pdb_min_available: '1',
  pdb_max_unavailable: '',
  quota_enabled: true,
  quota_requests_cpu: '4',
  quota_requests_memory: '8Gi',
  quota_limits_cpu: '8',
  quota_limits_memory: '16Gi',
  quota_pods: '40',
};

/** "Grafana alerts for node/pod scaling" */
export const SEED_HELM_SCALING_ALERTS = {
  scaling_alerts_enabled: true,
  scaling_alerts_provider: 'grafana',
  scaling_alerts_severity: 'warning',
  scaling_alerts_pod_window: '10m',
  scaling_alerts_node_window: '10m',
  scaling_alerts_pod_for: '1m',
  scaling_alerts_node_for: '1m',
};

/** "High-severity alert for node quota usage" */
export const SEED_HELM_QUOTA_ALERTS = {
  quota_alerts_enabled: true,
  quota_alerts_provider: 'grafana',
  quota_alerts_node_usage_threshold_percent: 75,
  quota_alerts_node_for: '2m',
};

/** The helm_context fragments, by the spec section they come from. */
export const SEED_HELM_FRAGMENTS: Record<string, Record<string, unknown>> = {
  hpa: SEED_HELM_HPA,
  istio: SEED_HELM_ISTIO,
  throttle: SEED_HELM_THROTTLE,
  keda: SEED_HELM_KEDA,
  metrics: SEED_HELM_METRICS,
  'logs grafana-cloud': SEED_HELM_LOGS_GRAFANA,
  'logs splunk': SEED_HELM_LOGS_SPLUNK,
  'telemetry grafana-cloud': SEED_HELM_TELEMETRY_GRAFANA,
  'pdb + quota': SEED_HELM_PDB_QUOTA,
  'scaling alerts': SEED_HELM_SCALING_ALERTS,
  'quota alerts': SEED_HELM_QUOTA_ALERTS,
};

/** Minimal valid terraform_context per cloud (aws is the spec's own). */
export const MINIMAL_TERRAFORM_CONTEXT = {
  aws: SEED_PLATFORM_NEW_CLUSTER.terraform_context,
  azure: {
    project: 'platform',
    location: 'eastus',
    resource_group_name: 'rg-platform-dev',
    cluster_name: 'platform-aks',
  },
  gcp: {
    project: 'platform',
    gcp_project_id: 'acme-platform-dev',
    gcp_region: 'us-central1',
    cluster_name: 'platform-gke',
  },
} as const;
