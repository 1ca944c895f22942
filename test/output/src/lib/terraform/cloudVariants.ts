/*
 * The per-cloud variants of the Terraform matrix: each one a labelled
 * terraform_context override that must render and pass every check.
 */
import type { Cloud } from '@iacforge/plugin-iac-common';

export const cidrs = (n: number) =>
  Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
const manyTags = (n: number, cloud: Cloud) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      cloud === 'gcp' ? `label_${i}` : `Tag-${i}`,
      cloud === 'gcp' ? `value-${i}` : `Value ${i}`,
    ]),
  );

export type Variant = {
  name: string;
  tc?: Record<string, unknown>;
  addons?: Record<string, unknown>;
  /** Also rendered as a /generate/terraform request. */
  terraformToo?: boolean;
  platform?: Record<string, unknown>;
};

export const PER_CLOUD: Record<Cloud, Variant[]> = {
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
