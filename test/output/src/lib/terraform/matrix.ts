/*
 * The payload matrix of the Terraform trees: every cloud × every toggle on
 * and off × boundary values (sizes, autoscaling, add-ons, existing vs new
 * network, public vs private endpoint, versions, tags), rendered as
 * /generate/platform requests, and also as /generate/terraform (variants
 * marked terraformToo) and /generate/cluster (every variant with add-ons)
 * requests.
 */
import type { Cloud } from '@iacforge/plugin-iac-common';

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

const cidrs = (n: number) =>
  Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
const manyTags = (n: number, cloud: Cloud) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      cloud === 'gcp' ? `label_${i}` : `Tag-${i}`,
      cloud === 'gcp' ? `value-${i}` : `Value ${i}`,
    ]),
  );

type Variant = {
  name: string;
  tc?: Record<string, unknown>;
  addons?: Record<string, unknown>;
  /** Also rendered as a /generate/terraform request. */
  terraformToo?: boolean;
  platform?: Record<string, unknown>;
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

const PER_CLOUD: Record<Cloud, Variant[]> = {
  aws: [
    {
      name: 'nodes-zero-min',
      tc: {
        node_pool_min_size: 0,
        node_pool_max_size: 5,
        node_pool_desired_size: 0,
      },
      terraformToo: true,
    },
    {
      name: 'spot-graviton',
      tc: {
        node_pool_capacity_type: 'SPOT',
        node_pool_instance_type: 'm7g.large',
      },
      terraformToo: true,
    },
    { name: 'instance-c7gn', tc: { node_pool_instance_type: 'c7gn.xlarge' } },
    { name: 'instance-t3', tc: { node_pool_instance_type: 't3.large' } },
    { name: 'single-nat', tc: { single_nat_gateway: true } },
    {
      name: 'two-azs',
      tc: {
        vpc_cidr: '10.1.0.0/16',
        private_subnet_cidrs: ['10.1.0.0/20', '10.1.16.0/20'],
        public_subnet_cidrs: ['10.1.32.0/24', '10.1.33.0/24'],
      },
    },
    {
      name: 'six-azs',
      tc: {
        vpc_cidr: '10.2.0.0/16',
        private_subnet_cidrs: [
          '10.2.0.0/20',
          '10.2.16.0/20',
          '10.2.32.0/20',
          '10.2.48.0/20',
          '10.2.64.0/20',
          '10.2.80.0/20',
        ],
        public_subnet_cidrs: [
          '10.2.96.0/24',
          '10.2.97.0/24',
          '10.2.98.0/24',
          '10.2.99.0/24',
          '10.2.100.0/24',
          '10.2.101.0/24',
        ],
      },
    },
    {
      name: 'vpc-24',
      tc: {
        vpc_cidr: '10.3.0.0/24',
        private_subnet_cidrs: ['10.3.0.0/26', '10.3.0.64/26'],
        public_subnet_cidrs: ['10.3.0.128/26', '10.3.0.192/26'],
      },
    },
    {
      name: 'existing-vpc',
      tc: {
        existing_vpc_id: 'vpc-0123456789abcdef0',
        existing_private_subnet_ids: [
          'subnet-0123456789abcdef0',
          'subnet-0123456789abcdef1',
        ],
      },
      terraformToo: true,
    },
    {
      name: 'existing-vpc-16-subnets',
      tc: {
        existing_vpc_id: 'vpc-01234567',
        existing_private_subnet_ids: Array.from(
          { length: 16 },
          (_, i) => `subnet-${(0x10000000 + i).toString(16)}`,
        ),
      },
    },
    { name: 'tags-45', tc: { tags: manyTags(45, 'aws') } },
    {
      name: 'tags-unicode',
      tc: { tags: { 'cost-center': 'Ünïcode 42', 'team:owner': 'a+b=c@d/e' } },
    },
    {
      name: 'state-overrides',
      tc: {
        state_bucket: 'acme-tfstate',
        state_key: 'eks/prod.tfstate',
        state_region: 'eu-central-1',
      },
    },
    { name: 'region-gov', tc: { aws_region: 'us-gov-west-1' } },
    { name: 'cluster-name-100', tc: { cluster_name: `c${'x'.repeat(98)}9` } },
    { name: 'cluster-name-underscore', tc: { cluster_name: 'Platform_EKS_1' } },
    {
      name: 'autoscaler-tuning',
      tc: {
        cluster_autoscaler_scan_interval: '1s',
        cluster_autoscaler_scale_down_delay_after_add: '24h',
        cluster_autoscaler_scale_down_unneeded: '0s',
        cluster_autoscaler_scale_down_unready: '1h',
        cluster_autoscaler_scale_down_utilization_threshold: '0.85',
        cluster_autoscaler_max_graceful_termination_sec: 86400,
      },
    },
    {
      name: 'addons-metrics-only',
      addons: {
        enabled: true,
        metrics_server: true,
        load_balancer_controller: false,
      },
    },
    {
      name: 'addons-lbc-only',
      addons: {
        enabled: true,
        metrics_server: false,
        load_balancer_controller: true,
      },
    },
    {
      name: 'addons-none-selected',
      addons: {
        enabled: true,
        metrics_server: false,
        load_balancer_controller: false,
      },
    },
    {
      name: 'addons-cluster-autoscaler',
      addons: { enabled: true, cluster_autoscaler: true },
      tc: {
        cluster_autoscaler_scan_interval: '30s',
        cluster_autoscaler_scale_down_utilization_threshold: 0.65,
      },
    },
    { name: 'addons-karpenter', addons: { enabled: true, karpenter: true } },
    {
      name: 'addons-karpenter-no-asg-tags',
      addons: { enabled: true, karpenter: true },
      tc: { cluster_autoscaling_enabled: false },
    },
    {
      name: 'addons-all-with-autoscaler',
      addons: {
        enabled: true,
        metrics_server: true,
        load_balancer_controller: true,
        external_secrets: true,
        cluster_autoscaler: true,
      },
    },
    {
      name: 'addons-all-with-karpenter',
      addons: {
        enabled: true,
        metrics_server: true,
        load_balancer_controller: true,
        external_secrets: true,
        karpenter: true,
      },
    },
    {
      name: 'addons-existing-vpc',
      addons: { enabled: true, external_secrets: true, karpenter: true },
      tc: {
        existing_vpc_id: 'vpc-0123456789abcdef0',
        existing_private_subnet_ids: [
          'subnet-0123456789abcdef0',
          'subnet-0123456789abcdef1',
        ],
      },
    },
    {
      name: 'addons-spot-zero',
      addons: { enabled: true, cluster_autoscaler: true },
      tc: {
        node_pool_min_size: 0,
        node_pool_max_size: 1,
        node_pool_desired_size: 0,
        node_pool_capacity_type: 'SPOT',
      },
    },
  ],
  azure: [
    { name: 'region-without-zones', tc: { location: 'westus' } },
    { name: 'zones-two', tc: { node_pool_zones: ['1', '2'] } },
    {
      name: 'admins-groups-only',
      tc: {
        cluster_admin_principal_ids: [],
        admin_group_object_ids: ['00000000-0000-4000-8000-000000000002'],
      },
      addons: { enabled: true, external_secrets: true },
    },
    {
      name: 'vm-size',
      tc: { vm_size: 'Standard_E8ds_v5' },
      terraformToo: true,
    },
    {
      name: 'patch-start-0',
      tc: {
        patch_day_of_week: 'Monday',
        patch_start_hour_utc: 0,
        patch_duration_hours: 4,
      },
    },
    {
      name: 'patch-start-23',
      tc: {
        patch_day_of_week: 'Saturday',
        patch_start_hour_utc: 23,
        patch_duration_hours: 24,
      },
    },
    { name: 'channel-stable', tc: { automatic_upgrade_channel: 'stable' } },
    { name: 'channel-rapid', tc: { automatic_upgrade_channel: 'rapid' } },
    {
      name: 'channel-node-image',
      tc: { automatic_upgrade_channel: 'node-image' },
    },
    { name: 'sku-free', tc: { sku_tier: 'Free' } },
    { name: 'sku-premium', tc: { sku_tier: 'Premium' } },
    {
      name: 'admin-groups-10',
      tc: {
        admin_group_object_ids: Array.from(
          { length: 10 },
          (_, i) => `00000000-0000-4000-8000-00000000000${i}`,
        ),
      },
    },
    { name: 'k8s-patch-version', tc: { kubernetes_version: '1.34.2' } },
    {
      name: 'networks-custom',
      tc: {
        vnet_cidr: '10.50.0.0/16',
        node_subnet_cidr: '10.50.8.0/21',
        pod_cidr: '100.64.0.0/16',
        service_cidr: '172.20.0.0/16',
        dns_service_ip: '172.20.0.10',
      },
    },
    {
      name: 'existing-subnet',
      tc: {
        existing_subnet_id:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/aks',
      },
      terraformToo: true,
    },
    {
      name: 'autoscaler-tuning',
      tc: {
        cluster_autoscaler_scan_interval: '10m',
        cluster_autoscaler_scale_down_delay_after_add: '0s',
        cluster_autoscaler_scale_down_unneeded: '24h',
        cluster_autoscaler_scale_down_unready: '5m',
        cluster_autoscaler_scale_down_utilization_threshold: 0,
        cluster_autoscaler_max_graceful_termination_sec: 0,
      },
    },
    {
      name: 'autoscaler-threshold-one',
      tc: { cluster_autoscaler_scale_down_utilization_threshold: '1.0' },
    },
    { name: 'tags-45', tc: { tags: manyTags(45, 'azure') } },
    {
      name: 'state-overrides',
      tc: {
        state_resource_group_name: 'rg-tfstate',
        state_storage_account_name: 'sttfstate001',
        state_container_name: 'state',
        state_key: 'aks/prod.tfstate',
      },
    },
    { name: 'cluster-name-63', tc: { cluster_name: `A${'b_'.repeat(30)}z9` } },
    {
      name: 'addons-existing-subnet',
      addons: { enabled: true, external_secrets: true },
      tc: {
        existing_subnet_id:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/aks',
      },
    },
  ],
  gcp: [
    {
      name: 'nodes-zero-min',
      tc: {
        node_pool_min_size: 0,
        node_pool_max_size: 5,
        node_pool_desired_size: 0,
      },
      terraformToo: true,
    },
    { name: 'machine-type', tc: { machine_type: 'n2d-highmem-8' } },
    { name: 'channel-rapid', tc: { release_channel: 'RAPID' } },
    { name: 'channel-stable', tc: { release_channel: 'STABLE' } },
    {
      name: 'profile-optimize',
      tc: { cluster_autoscaling_profile: 'OPTIMIZE_UTILIZATION' },
      terraformToo: true,
    },
    {
      name: 'window-daily',
      tc: {
        patch_window_start: '2026-03-01T22:00:00Z',
        patch_window_end: '2026-03-02T02:00:00Z',
        patch_window_recurrence: 'FREQ=DAILY',
      },
    },
    {
      name: 'window-monthly',
      tc: {
        // every weekend day of the month, 8 hours: 64 hours per 32 days
        patch_window_start: '2026-01-03T00:00:00Z',
        patch_window_end: '2026-01-03T08:00:00Z',
        patch_window_recurrence: 'FREQ=MONTHLY;BYDAY=SA,SU',
      },
    },
    { name: 'k8s-gke-version', tc: { kubernetes_version: '1.34.1-gke.1000' } },
    {
      name: 'database-encryption-created-key',
      tc: { database_encryption_enabled: true },
      terraformToo: true,
    },
    {
      name: 'database-encryption-own-key',
      tc: {
        database_encryption_enabled: true,
        database_encryption_key_name:
          'projects/acme-security/locations/us-central1/keyRings/gke/cryptoKeys/secrets',
      },
    },
    {
      name: 'ranges-custom',
      tc: {
        subnet_cidr: '10.60.0.0/24',
        pods_secondary_cidr: '10.64.0.0/14',
        services_secondary_cidr: '10.68.0.0/24',
        master_ipv4_cidr_block: '172.16.1.0/28',
      },
    },
    {
      name: 'existing-network',
      tc: {
        existing_network_name: 'shared-vpc',
        existing_subnetwork_name: 'gke-nodes',
        existing_pods_range_name: 'gke-pods',
        existing_services_range_name: 'gke-services',
      },
      terraformToo: true,
    },
    { name: 'tags-60', tc: { tags: manyTags(60, 'gcp') } },
    {
      name: 'state-overrides',
      tc: { state_bucket: 'acme-tfstate', state_prefix: 'gke/prod' },
    },
    { name: 'cluster-name-40', tc: { cluster_name: `g${'x'.repeat(38)}9` } },
    {
      name: 'addons-existing-network',
      addons: { enabled: true, external_secrets: true },
      tc: {
        existing_network_name: 'shared-vpc',
        existing_subnetwork_name: 'gke-nodes',
        existing_pods_range_name: 'gke-pods',
        existing_services_range_name: 'gke-services',
      },
    },
    {
      name: 'addons-zero-min',
      addons: { enabled: true, external_secrets: true },
      tc: {
        node_pool_min_size: 0,
        node_pool_max_size: 1,
        node_pool_desired_size: 0,
      },
    },
  ],
};

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
