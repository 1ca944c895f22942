/*
 * The payload matrix of the Terraform trees: every cloud × every toggle on
 * and off × boundary values (sizes, autoscaling, add-ons, existing vs new
 * network, public vs private endpoint, versions, tags), rendered as
 * /generate/platform requests, and also as /generate/terraform (variants
 * marked terraformToo) and /generate/cluster (every variant with add-ons)
 * requests.
 */
import type { Cloud } from '@iacforge/plugin-iac-common';
import { PER_CLOUD, Variant, cidrs } from './cloudVariants';

export type MatrixCase = {
  name: string;
  cloud: Cloud;
  kind: 'terraform' | 'platform' | 'cluster';
  payload: Record<string, unknown>;
};

/** The spec's helm_context (only needed because platform payloads require one). */
export const HELM_CONTEXT = {
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
};

/** Minimal terraform_context per cloud (the spec's own for aws). */
export const BASE_CONTEXT: Record<Cloud, Record<string, unknown>> = {
  aws: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  azure: {
    project: 'platform',
    location: 'eastus',
    resource_group_name: 'rg-platform-dev',
    cluster_name: 'platform-aks',
    // the apply identity: cluster admin to install the add-ons
    cluster_admin_principal_ids: ['00000000-0000-4000-8000-000000000001'],
  },
  gcp: {
    project: 'platform',
    gcp_project_id: 'acme-platform-dev',
    gcp_region: 'us-central1',
    cluster_name: 'platform-gke',
  },
};

const COMMON: Variant[] = [
  { name: 'defaults', terraformToo: true },
  {
    name: 'nodes-min-bounds',
    tc: {
      node_pool_min_size: 1,
      node_pool_max_size: 1,
      node_pool_desired_size: 1,
    },
    terraformToo: true,
  },
  {
    name: 'nodes-max-bounds',
    tc: {
      node_pool_min_size: 1000,
      node_pool_max_size: 1000,
      node_pool_desired_size: 1000,
    },
  },
  {
    name: 'nodes-wide-range',
    tc: {
      node_pool_min_size: 1,
      node_pool_max_size: 1000,
      node_pool_desired_size: 500,
    },
  },
  {
    name: 'desired-at-min',
    tc: {
      node_pool_min_size: 2,
      node_pool_max_size: 10,
      node_pool_desired_size: 2,
    },
  },
  {
    name: 'desired-at-max',
    tc: {
      node_pool_min_size: 2,
      node_pool_max_size: 10,
      node_pool_desired_size: 10,
    },
  },
  { name: 'max-unavailable-100', tc: { node_pool_max_unavailable: 100 } },
  { name: 'disk-min', tc: { node_pool_disk_size_gb: 20 } },
  { name: 'disk-max', tc: { node_pool_disk_size_gb: 4096 } },
  {
    name: 'autoscaling-off',
    tc: { cluster_autoscaling_enabled: false },
    terraformToo: true,
  },
  {
    name: 'public-endpoint-one-cidr',
    tc: {
      endpoint_public_access: true,
      endpoint_public_access_cidrs: ['203.0.113.0/24'],
    },
    terraformToo: true,
  },
  {
    name: 'public-endpoint-40-cidrs',
    tc: {
      endpoint_public_access: true,
      endpoint_public_access_cidrs: cidrs(40),
    },
  },
  { name: 'k8s-oldest', tc: { kubernetes_version: '1.29' } },
  { name: 'k8s-newest', tc: { kubernetes_version: '1.35' } },
  { name: 'env-prod', tc: { environment: 'prod' } },
  { name: 'env-1-char', tc: { environment: 'x' } },
  { name: 'project-32-chars', tc: { project: `p${'x'.repeat(30)}9` } },
  { name: 'terraform-version', tc: { terraform_version: '1.14.3' } },
  { name: 'addons-enabled-defaults', addons: { enabled: true } },
  {
    name: 'addons-disabled-explicit',
    addons: { enabled: false, external_secrets: true },
  },
  {
    name: 'addons-external-secrets',
    addons: { enabled: true, external_secrets: true },
  },
  {
    name: 'addons-public-endpoint',
    addons: { enabled: true, external_secrets: true },
    tc: {
      endpoint_public_access: true,
      endpoint_public_access_cidrs: ['203.0.113.0/24'],
    },
  },
  {
    name: 'addons-autoscaling-off',
    addons: { enabled: true },
    tc: { cluster_autoscaling_enabled: false },
  },
];

/** A platform payload for a cloud with a terraform_context on top of the base. */
export function platformPayload(
  cloud: Cloud,
  tc: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    cloud,
    terraform_context: { ...BASE_CONTEXT[cloud], ...tc },
    helm_context: HELM_CONTEXT,
    ...extra,
  };
}

/** A /generate/cluster payload (new cluster, add-ons, governance; no chart). */
export function clusterPayload(
  cloud: Cloud,
  tc: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    cloud,
    terraform_context: { ...BASE_CONTEXT[cloud], ...tc },
    ...extra,
  };
}

/** A /generate/terraform payload. */
export function terraformPayload(
  cloud: Cloud,
  tc: Record<string, unknown> = {},
): Record<string, unknown> {
  return { cloud, terraform_context: { ...BASE_CONTEXT[cloud], ...tc } };
}

/** Every case of the matrix. */
export function buildMatrix(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const cloud of ['aws', 'azure', 'gcp'] as const) {
    for (const v of [...COMMON, ...PER_CLOUD[cloud]]) {
      // Azure's system pool needs a node; keep the common variants valid there
      const tc =
        cloud === 'azure' && v.tc?.node_pool_min_size === 0
          ? { ...v.tc, node_pool_min_size: 1 }
          : v.tc;
      cases.push({
        name: `${cloud}/${v.name}`,
        cloud,
        kind: 'platform',
        payload: platformPayload(cloud, tc, {
          ...(v.addons ? { addons_context: v.addons } : {}),
          ...v.platform,
        }),
      });
      if (v.addons) {
        cases.push({
          name: `${cloud}/${v.name} (cluster request)`,
          cloud,
          kind: 'cluster',
          payload: clusterPayload(cloud, tc, { addons_context: v.addons }),
        });
      }
      if (v.terraformToo) {
        cases.push({
          name: `${cloud}/${v.name} (terraform request)`,
          cloud,
          kind: 'terraform',
          payload: terraformPayload(cloud, tc),
        });
      }
    }
  }
  return cases;
}
