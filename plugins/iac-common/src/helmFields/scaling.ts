/*
 * helm_context: the autoscalers (HPA, KEDA) and their rules; the replica
 * bounds other groups' rules use.
 */
import { z } from 'zod';
import { httpUrl, int, numericString, safeString } from '../fields';
import type { HelmValues } from '../helm';
import { Ctx, issue } from './common';

/** Fewest and most replicas the workload can run with (HPA, KEDA or fixed). */
export function replicaBounds(v: HelmValues): { min: number; max: number } {
  if (v.hpa_enabled)
    return { min: v.hpa_min_replicas, max: v.hpa_max_replicas };
  if (v.keda_enabled)
    return { min: v.keda_min_replicas, max: v.keda_max_replicas };
  return { min: v.replica_count, max: v.replica_count };
}

/** helm_context fields: HPA. */
export const hpaFields = {
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
};

/** helm_context fields: KEDA. */
export const kedaFields = {
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
};

/** Cross-field rules: Autoscalers. */
export function checkAutoscalers(v: HelmValues, ctx: Ctx) {
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
}
