/*
 * helm_context: every Helm knob of the generator spec (seed 000) plus the
 * production fields of seed 002 (service account + cloud identity, probes,
 * ingress with TLS, env from existing Secrets, topology spread, pod security).
 */
import { z } from 'zod';
import { strictObject } from './strict';
import type { Ctx } from './helmFields/common';
import {
  chartFields,
  checkPdb,
  checkResourcesQuota,
  imageFields,
  pdbFields,
  quotaFields,
  schedulingFields,
  workloadFields,
} from './helmFields/workload';
import {
  checkProbesIngressEnv,
  checkServiceAccountIdentity,
  environmentFields,
  ingressFields,
  probesFields,
  serviceAccountCloudIdentityFields,
} from './helmFields/identity';
import { checkAutoscalers, hpaFields, kedaFields } from './helmFields/scaling';
import { checkIstio, istioFields, throttlingFields } from './helmFields/mesh';
import {
  alertsFields,
  auditFields,
  checkLogsTelemetry,
  checkMetrics,
  logsFields,
  metricsFields,
  telemetryFields,
} from './helmFields/observability';

export { ISTIO_RESERVED_PORTS, SECRET_KEYWORD } from './helmFields/common';

/** Every helm_context field, in the order of the form and the JSON Schema. */
const helmShape = {
  ...chartFields,
  ...imageFields,
  ...workloadFields,
  ...serviceAccountCloudIdentityFields,
  ...probesFields,
  ...ingressFields,
  ...environmentFields,
  ...schedulingFields,
  ...hpaFields,
  ...istioFields,
  ...throttlingFields,
  ...kedaFields,
  ...metricsFields,
  ...logsFields,
  ...telemetryFields,
  ...auditFields,
  ...pdbFields,
  ...quotaFields,
  ...alertsFields,
};

export type HelmValues = z.output<z.ZodObject<typeof helmShape>>;

/** The cross-field rules of every group, in this order (the order of the issues). */
function checkHelm(v: HelmValues, ctx: Ctx) {
  checkAutoscalers(v, ctx);
  checkIstio(v, ctx);
  checkMetrics(v, ctx);
  checkLogsTelemetry(v, ctx);
  checkPdb(v, ctx);
  checkResourcesQuota(v, ctx);
  checkServiceAccountIdentity(v, ctx);
  checkProbesIngressEnv(v, ctx);
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
