/*
 * helm_context: metrics, logs, telemetry, audit and alerts, with their
 * rules.
 */
import { z } from 'zod';
import {
  dns1123Subdomain,
  duration,
  httpUrl,
  int,
  parseDuration,
  port,
  safeString,
  urlPath,
} from '../fields';
import { HTTP_HEADER_NAME } from '../formats';
import type { HelmValues } from '../helm';
import { Ctx, issue, PROMETHEUS_DURATION, secretToken } from './common';

/** helm_context fields: metrics. */
export const metricsFields = {
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
};

/** helm_context fields: logs. */
export const logsFields = {
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
};

/** helm_context fields: telemetry. */
export const telemetryFields = {
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
};

/** helm_context fields: audit. */
export const auditFields = {
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
};

/** helm_context fields: alerts. */
export const alertsFields = {
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

/** Cross-field rules: Metrics. */
export function checkMetrics(v: HelmValues, ctx: Ctx) {
  const interval = parseDuration(v.metrics_pod_monitor_interval);
  const timeout = parseDuration(v.metrics_pod_monitor_scrape_timeout);
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    issue(
      ctx,
      ['metrics_pod_monitor_scrape_timeout'],
      `metrics_pod_monitor_scrape_timeout (${v.metrics_pod_monitor_scrape_timeout}) must not exceed metrics_pod_monitor_interval (${v.metrics_pod_monitor_interval})`,
    );
  }
}

/** Cross-field rules: Logs & telemetry. */
export function checkLogsTelemetry(v: HelmValues, ctx: Ctx) {
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
}
