/* helm_context: Istio, metrics, logs and telemetry, PDB, quota, alerts and audit (the rest is in helm.test.ts). */
import { parseHelmPayload } from './index';
import { expectIssue, helm, valueOf } from './__fixtures__/helpers';
import {
  SEED_HELM_ISTIO,
  SEED_HELM_LOGS_GRAFANA,
  SEED_HELM_LOGS_SPLUNK,
  SEED_HELM_TELEMETRY_GRAFANA,
} from './seedExamples';

const h = (overrides: Record<string, unknown>) =>
  parseHelmPayload({ helm_context: helm(overrides) });
const P = 'helm_context.';

describe('istio', () => {
  it('throttling requires istio', () => {
    expectIssue(
      h({ throttle_enabled: true }),
      `${P}throttle_enabled`,
      /throttle_enabled requires istio_enabled/,
    );
  });
  it('throttle refill must not exceed the bucket, and the interval is at least 50ms', () => {
    expectIssue(
      h({
        istio_enabled: true,
        throttle_enabled: true,
        throttle_max_tokens: 10,
        throttle_tokens_per_fill: 20,
      }),
      `${P}throttle_tokens_per_fill`,
      'throttle_tokens_per_fill (20) must not exceed throttle_max_tokens (10)',
    );
    expectIssue(
      h({ throttle_fill_interval: '10ms' }),
      `${P}throttle_fill_interval`,
      'Too short: must be at least 50ms',
    );
    valueOf(
      h({
        istio_enabled: true,
        throttle_enabled: true,
        throttle_fill_interval: '500ms',
      }),
    );
  });
  it('ingress / egress require istio_enabled', () => {
    expectIssue(
      h({ ...SEED_HELM_ISTIO, istio_enabled: false }),
      `${P}istio_ingress_enabled`,
      'istio_ingress_enabled requires istio_enabled',
    );
    expectIssue(
      h({ ...SEED_HELM_ISTIO, istio_enabled: false }),
      `${P}istio_egress_enabled`,
      'istio_egress_enabled requires istio_enabled',
    );
  });
  it('ingress needs a gateway (create or ref)', () => {
    expectIssue(
      h({ ...SEED_HELM_ISTIO, istio_gateway_ref: undefined }),
      `${P}istio_gateway_ref`,
      /set istio_gateway_create to true, or istio_gateway_ref/,
    );
    valueOf(
      h({
        ...SEED_HELM_ISTIO,
        istio_gateway_ref: undefined,
        istio_gateway_create: true,
      }),
    );
  });
  it('a created gateway needs a host; ingress needs a host', () => {
    expectIssue(
      h({
        ...SEED_HELM_ISTIO,
        istio_gateway_create: true,
        istio_gateway_host: undefined,
      }),
      `${P}istio_gateway_host`,
      /Required when istio_gateway_create is true/,
    );
    expectIssue(
      h({
        ...SEED_HELM_ISTIO,
        istio_gateway_host: undefined,
        istio_virtual_service_host: undefined,
      }),
      `${P}istio_virtual_service_host`,
      /Istio ingress needs a host/,
    );
  });
  it('egress needs a host', () => {
    expectIssue(
      h({ ...SEED_HELM_ISTIO, istio_egress_host: undefined }),
      `${P}istio_egress_host`,
      /Required when istio_egress_enabled is true/,
    );
  });
  it('gateway ref is namespace/name; hosts are lowercase DNS names', () => {
    expectIssue(
      h({ istio_gateway_ref: 'public-gateway' }),
      `${P}istio_gateway_ref`,
      /"<namespace>\/<gateway-name>"/,
    );
    expectIssue(
      h({ istio_gateway_host: 'Orders.example.com' }),
      `${P}istio_gateway_host`,
      /lowercase DNS host name/,
    );
    valueOf(h({ istio_gateway_host: '*.example.com' }));
    expectIssue(
      h({ istio_egress_protocol: 'https' }),
      `${P}istio_egress_protocol`,
      /Must be one of "HTTPS"/,
    );
  });
  it('app ports must not collide with the sidecar', () => {
    expectIssue(
      h({ istio_enabled: true, container_port: 15090 }),
      `${P}container_port`,
      /reserved by the Istio sidecar/,
    );
    expectIssue(
      h({
        istio_enabled: true,
        metrics_app_enabled: true,
        metrics_app_port: 15020,
      }),
      `${P}metrics_app_port`,
      /reserved by the Istio sidecar/,
    );
    valueOf(h({ container_port: 15090 }));
  });
});

describe('metrics', () => {
  it('scrape timeout must not exceed the interval; durations are Prometheus-style', () => {
    expectIssue(
      h({
        metrics_pod_monitor_interval: '10s',
        metrics_pod_monitor_scrape_timeout: '30s',
      }),
      `${P}metrics_pod_monitor_scrape_timeout`,
      'metrics_pod_monitor_scrape_timeout (30s) must not exceed metrics_pod_monitor_interval (10s)',
    );
    expectIssue(
      h({ metrics_pod_monitor_interval: '30' }),
      `${P}metrics_pod_monitor_interval`,
      /duration/,
    );
    expectIssue(
      h({ metrics_app_path: 'metrics' }),
      `${P}metrics_app_path`,
      /starting with "\/"/,
    );
  });
});

describe('logs and telemetry', () => {
  it('grafana-cloud needs its push URL and secret', () => {
    expectIssue(
      h({ ...SEED_HELM_LOGS_GRAFANA, logs_grafana_cloud_logs_url: undefined }),
      `${P}logs_grafana_cloud_logs_url`,
      /Required when logs_provider is "grafana-cloud"/,
    );
    expectIssue(
      h({
        logs_enabled: true,
        logs_provider: 'grafana-cloud',
        logs_grafana_cloud_logs_url: 'https://logs.example.com/push',
      }),
      `${P}logs_grafana_cloud_auth_secret_name`,
      /Required when logs_provider is "grafana-cloud"/,
    );
  });
  it('splunk needs its HEC URL and secret', () => {
    expectIssue(
      h({ ...SEED_HELM_LOGS_SPLUNK, logs_splunk_hec_url: undefined }),
      `${P}logs_splunk_hec_url`,
      /Required when logs_provider is "splunk"/,
    );
    expectIssue(
      h({
        ...SEED_HELM_LOGS_SPLUNK,
        logs_splunk_token_secret_name: undefined,
        logs_splunk_token_secret_create: false,
      }),
      `${P}logs_splunk_token_secret_name`,
      /Required when logs_provider is "splunk"/,
    );
  });
  it('provider rules apply only when logs are enabled', () => {
    valueOf(h({ logs_enabled: false, logs_provider: 'splunk' }));
  });
  it('unknown providers are rejected', () => {
    expectIssue(
      h({ logs_provider: 'datadog' }),
      `${P}logs_provider`,
      'Must be one of "grafana-cloud", "splunk"',
    );
  });
  it('grafana cloud URL must be https; splunk HEC may be plain http in-cluster only', () => {
    expectIssue(
      h({
        logs_grafana_cloud_logs_url: 'http://logs.grafana.net/loki/api/v1/push',
      }),
      `${P}logs_grafana_cloud_logs_url`,
      /must use https/,
    );
    expectIssue(
      h({
        logs_splunk_hec_url:
          'http://splunk.example.com:8088/services/collector',
      }),
      `${P}logs_splunk_hec_url`,
      /in-cluster/,
    );
    valueOf(
      h({
        logs_splunk_hec_url:
          'http://splunk-hec.logging.svc:8088/services/collector',
      }),
    );
  });
  it('telemetry needs an endpoint and at least one signal', () => {
    expectIssue(
      h({ telemetry_enabled: true }),
      `${P}telemetry_otlp_endpoint`,
      /Required when telemetry_enabled is true/,
    );
    expectIssue(
      h({
        ...SEED_HELM_TELEMETRY_GRAFANA,
        telemetry_metrics_enabled: false,
        telemetry_traces_enabled: false,
        telemetry_logs_enabled: false,
      }),
      `${P}telemetry_enabled`,
      /every signal is disabled/,
    );
  });
  it.each([
    [
      'logs_grafana_cloud_auth_secret_create',
      'logs_grafana_cloud_auth_secret_name',
    ],
    ['logs_splunk_token_secret_create', 'logs_splunk_token_secret_name'],
    ['telemetry_auth_secret_create', 'telemetry_auth_secret_name'],
  ])('%s without a secret name', (create, name) => {
    expectIssue(
      h({ [create]: true }),
      P + name,
      `Required when ${create} is true: the name of the Secret to create`,
    );
  });
  it('tokens are printable single-line ASCII', () => {
    expectIssue(
      h({ telemetry_auth_token: 'Bearer  x' }),
      `${P}telemetry_auth_token`,
      /double spaces/,
    );
    expectIssue(
      h({ logs_splunk_token: 'tökén' }),
      `${P}logs_splunk_token`,
      /printable ASCII/,
    );
  });
});

describe('PDB', () => {
  it('min_available and max_unavailable are exclusive', () => {
    expectIssue(
      h({ pdb_min_available: '1', pdb_max_unavailable: '1' }),
      `${P}pdb_max_unavailable`,
      /mutually exclusive/,
    );
    expectIssue(
      h({ pdb_min_available: 1, pdb_max_unavailable: '25%' }),
      `${P}pdb_max_unavailable`,
      /mutually exclusive/,
    );
    valueOf(h({ pdb_min_available: '1', pdb_max_unavailable: '' }));
    valueOf(h({ pdb_min_available: '', pdb_max_unavailable: '' }));
  });
  it('a PDB must never block evictions', () => {
    expectIssue(
      h({ pdb_enabled: true, pdb_min_available: 2 }),
      `${P}pdb_min_available`,
      /would block every voluntary eviction .* with 2 replica/,
    );
    expectIssue(
      h({ pdb_enabled: true, pdb_min_available: '100%' }),
      `${P}pdb_min_available`,
      /would block/,
    );
    expectIssue(
      h({ pdb_enabled: true, pdb_max_unavailable: '0' }),
      `${P}pdb_max_unavailable`,
      /would block/,
    );
    expectIssue(
      h({
        pdb_enabled: true,
        pdb_min_available: 3,
        hpa_enabled: true,
        hpa_min_replicas: 3,
        hpa_max_replicas: 6,
      }),
      `${P}pdb_min_available`,
      /with 3 replica/,
    );
    valueOf(h({ pdb_enabled: true, pdb_min_available: '50%' }));
    valueOf(h({ pdb_enabled: true }));
  });
  it('values are whole numbers or percentages', () => {
    expectIssue(
      h({ pdb_min_available: '1.5' }),
      `${P}pdb_min_available`,
      /whole number such as "1" or a percentage/,
    );
    expectIssue(
      h({ pdb_min_available: '120%' }),
      `${P}pdb_min_available`,
      /at most 100%/,
    );
  });
});

describe('quota', () => {
  it('requests must not exceed limits', () => {
    expectIssue(
      h({ quota_enabled: true, quota_requests_cpu: '16' }),
      `${P}quota_requests_cpu`,
      'quota_requests_cpu (16) must not exceed quota_limits_cpu (8)',
    );
  });
  it('the quota must fit the workload', () => {
    expectIssue(
      h({ quota_enabled: true, hpa_enabled: true, hpa_max_replicas: 50 }),
      `${P}quota_requests_cpu`,
      'quota_requests_cpu (4) is too small for 50 replica(s) of 100m each',
    );
    expectIssue(
      h({ quota_enabled: true, quota_pods: '1' }),
      `${P}quota_pods`,
      'quota_pods (1) is below the 2 replica(s) the workload can run',
    );
  });
  it('quota_pods accepts numbers and numeric strings', () => {
    expect(valueOf(h({ quota_pods: 12 })).helm_context.quota_pods).toBe(12);
    expectIssue(
      h({ quota_pods: 'forty' }),
      `${P}quota_pods`,
      /positive whole number/,
    );
  });
});

describe('alerts and audit', () => {
  it('enums and durations', () => {
    expectIssue(
      h({ scaling_alerts_provider: 'pagerduty' }),
      `${P}scaling_alerts_provider`,
      'Must be one of "grafana"',
    );
    expectIssue(
      h({ scaling_alerts_pod_window: '10 m' }),
      `${P}scaling_alerts_pod_window`,
      /duration/,
    );
    expectIssue(
      h({ quota_alerts_node_usage_threshold_percent: 101 }),
      `${P}quota_alerts_node_usage_threshold_percent`,
      'Must be at most 100',
    );
    expectIssue(
      h({ audit_mode: 'paranoid' }),
      `${P}audit_mode`,
      /Must be one of "strict", "standard", "minimal"/,
    );
    expectIssue(
      h({ audit_policy_version: '1' }),
      `${P}audit_policy_version`,
      /"v" followed by a number/,
    );
  });
});
