/*
 * Where every terraform_context field goes in the generated repository:
 * the root module's terraform.auto.tfvars.json (same variable name), the
 * add-ons' addons.auto.tfvars.json, the partial backend file backend.hcl, or
 * the workflows (terraform_version). The matrix checks that every field of
 * every payload lands in exactly one of these places with its exact value.
 */
import type { Cloud } from '@iacforge/plugin-iac-common';

export type Routing = {
  /** terraform_context field → key in backend.hcl. */
  backend: Record<string, string>;
  /** Fields read by the governance workflows, not by Terraform. */
  workflows: string[];
  /** Fields only the add-ons use (addons.auto.tfvars.json, same name). */
  addonsOnly: string[];
  /** addons_context toggles that become attributes of the `addons` variable. */
  addonToggles: string[];
};

export const ROUTING: Record<Cloud, Routing> = {
  aws: {
    backend: {
      state_bucket: 'bucket',
      state_key: 'key',
      state_region: 'region',
    },
    workflows: ['terraform_version'],
    addonsOnly: [
      'cluster_autoscaler_scan_interval',
      'cluster_autoscaler_scale_down_delay_after_add',
      'cluster_autoscaler_scale_down_unneeded',
      'cluster_autoscaler_scale_down_unready',
      'cluster_autoscaler_scale_down_utilization_threshold',
      'cluster_autoscaler_max_graceful_termination_sec',
      'plan_identity',
    ],
    addonToggles: [
      'metrics_server',
      'load_balancer_controller',
      'external_secrets',
      'cluster_autoscaler',
      'karpenter',
      'prometheus_operator_crds',
    ],
  },
  azure: {
    backend: {
      state_resource_group_name: 'resource_group_name',
      state_storage_account_name: 'storage_account_name',
      state_container_name: 'container_name',
      state_key: 'key',
    },
    workflows: ['terraform_version'],
    addonsOnly: ['plan_identity'],
    addonToggles: ['external_secrets', 'prometheus_operator_crds'],
  },
  gcp: {
    backend: { state_bucket: 'bucket', state_prefix: 'prefix' },
    workflows: ['terraform_version'],
    addonsOnly: ['plan_identity'],
    addonToggles: ['external_secrets'],
  },
};

const pick = (obj: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(
    keys.filter(k => obj[k] !== undefined).map(k => [k, obj[k]]),
  );

/** The exact content of terraform.auto.tfvars.json for a parsed terraform_context. */
export function expectedRootTfvars(
  cloud: Cloud,
  tc: Record<string, unknown>,
): Record<string, unknown> {
  const r = ROUTING[cloud];
  const excluded = new Set([
    ...Object.keys(r.backend),
    ...r.workflows,
    ...r.addonsOnly,
  ]);
  return pick(
    tc,
    Object.keys(tc).filter(k => !excluded.has(k)),
  );
}

/** The exact content of addons.auto.tfvars.json. */
export function expectedAddonsTfvars(
  cloud: Cloud,
  tc: Record<string, unknown>,
  addons: Record<string, unknown>,
): Record<string, unknown> {
  const r = ROUTING[cloud];
  return { addons: pick(addons, r.addonToggles), ...pick(tc, r.addonsOnly) };
}

/** The exact settings of backend.hcl. */
export function expectedBackend(
  cloud: Cloud,
  tc: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ROUTING[cloud].backend).map(([field, key]) => [
      key,
      tc[field],
    ]),
  );
}
