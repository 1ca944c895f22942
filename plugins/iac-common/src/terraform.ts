/*
 * terraform_context: one strict schema per cloud (aws-eks, azure-aks, gcp-gke).
 * Field names follow the generator spec (seed 000); fields the spec left out
 * but a real cluster needs (network, endpoint access, tags, environment,
 * state backend, Terraform version) are additions documented in the README.
 */
import { z } from 'zod';
import { CLOUD_CATALOG, Cloud } from './catalog';
import {
  cidrContains,
  cidrOverlaps,
  duration,
  guid,
  int,
  ipv4Address,
  ipv4Cidr,
  parseCidr,
  parseIpv4,
  safeString,
} from './fields';
import { maintenanceAvailabilityProblem } from './gkeMaintenance';
import { planIdentityField } from './planIdentity';
import {
  AZURE_RESOURCE_GROUP_NAME,
  AZURE_RESOURCE_GROUP_NAME_ALLOWED,
} from './formats';
import { strictObject } from './strict';

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

// ---------------------------------------------------------------------------
// Shared field builders
// ---------------------------------------------------------------------------

const projectField = () =>
  safeString({
    min: 2,
    max: 32,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    allowed:
      '2-32 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (e.g. "platform")',
  }).describe(
    'Project / system name. Prefix of cloud resource names, a default tag, and part of the default state key.',
  );

const environmentField = () =>
  safeString({
    min: 1,
    max: 16,
    pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
    allowed:
      '1-16 lowercase letters, digits and "-", starting with a letter (e.g. "dev", "staging", "prod")',
  })
    .default('dev')
    .describe(
      'Environment this stack belongs to (e.g. "dev", "staging", "prod"). Used in names, tags and the default state key.',
    );

const kubernetesVersionField = (
  cloud: Cloud,
  pattern: RegExp,
  example: string,
) =>
  safeString({
    min: 1,
    max: 32,
    pattern,
    allowed: `a Kubernetes minor version 1.29 or newer such as "${example}"`,
  })
    .default(CLOUD_CATALOG[cloud].default_kubernetes_version)
    .describe(
      `Kubernetes version of the control plane (supported by ${
        CLOUD_CATALOG[cloud].label
      } at the time of writing: ${CLOUD_CATALOG[cloud].kubernetes_versions.join(
        ', ',
      )}).`,
    );

const MINOR_129_PLUS = '1\\.(29|[3-9][0-9])';

const nodePoolShape = () => ({
  node_pool_min_size: int(0, 1000)
    .default(1)
    .describe(
      'Minimum number of nodes of the node pool (autoscaling lower bound).',
    ),
  node_pool_max_size: int(1, 1000)
    .default(3)
    .describe(
      'Maximum number of nodes of the node pool (autoscaling upper bound).',
    ),
  node_pool_desired_size: int(0, 1000)
    .default(2)
    .describe(
      'Initial number of nodes; must lie between node_pool_min_size and node_pool_max_size.',
    ),
  node_pool_max_unavailable: int(1, 100)
    .default(1)
    .describe(
      'Maximum number of nodes unavailable at once during a node pool update / upgrade (EKS update_config, AKS and GKE upgrade_settings).',
    ),
  node_pool_disk_size_gb: int(20, 4096)
    .default(100)
    .describe('OS disk size of each node, in GiB.'),
});

const clusterAutoscalingEnabledField = (what: string) =>
  z.boolean().default(true).describe(what);

const autoscalerTuningShape = (consumer: string) => ({
  cluster_autoscaler_scan_interval: duration({
    units: ['s', 'm'],
    minMs: 1000,
    maxMs: 600_000,
  })
    .default('10s')
    .describe(
      `How often the cluster autoscaler re-evaluates the cluster (e.g. "10s"). ${consumer}`,
    ),
  cluster_autoscaler_scale_down_delay_after_add: duration({
    units: ['s', 'm', 'h'],
    maxMs: 86_400_000,
  })
    .default('10m')
    .describe(
      `How long after a scale-up before scale-down evaluation resumes (e.g. "10m"). ${consumer}`,
    ),
  cluster_autoscaler_scale_down_unneeded: duration({
    units: ['s', 'm', 'h'],
    maxMs: 86_400_000,
  })
    .default('10m')
    .describe(
      `How long a node must be unneeded before it is removed (e.g. "10m"). ${consumer}`,
    ),
  cluster_autoscaler_scale_down_unready: duration({
    units: ['s', 'm', 'h'],
    maxMs: 86_400_000,
  })
    .default('20m')
    .describe(
      `How long an unready node must be unneeded before it is removed (e.g. "20m"). ${consumer}`,
    ),
  cluster_autoscaler_scale_down_utilization_threshold: z
    .union([
      z.number().min(0).max(1),
      safeString({
        min: 1,
        max: 8,
        pattern: /^(0(\.[0-9]+)?|1(\.0+)?)$/,
        allowed: 'a number between 0 and 1 such as "0.5"',
      }),
    ])
    .transform(v => Number(v))
    .default(0.5)
    .describe(
      `Node utilization (requests / allocatable, 0..1) below which a node is a scale-down candidate. Number or numeric string. ${consumer}`,
    ),
  cluster_autoscaler_max_graceful_termination_sec: int(0, 86_400)
    .default(600)
    .describe(
      `Maximum seconds the autoscaler waits for pods to terminate gracefully when draining a node. ${consumer}`,
    ),
});

const endpointShape = () => ({
  endpoint_public_access: z
    .boolean()
    .default(false)
    .describe(
      'Expose the Kubernetes API server on a public endpoint. Default false (private endpoint only: EKS endpoint_public_access=false, AKS private cluster, GKE private endpoint). When true, endpoint_public_access_cidrs is required.',
    ),
  endpoint_public_access_cidrs: z
    .array(
      ipv4Cidr().describe(
        'An IPv4 CIDR allowed to reach the public API endpoint (e.g. your VPN egress "203.0.113.0/24").',
      ),
    )
    .max(40)
    .default([])
    .describe(
      'CIDR blocks allowed to reach the public API endpoint (EKS public_access_cidrs, AKS authorized_ip_ranges, GKE master_authorized_networks). Required and only allowed when endpoint_public_access is true; "0.0.0.0/0" is rejected.',
    ),
});

const terraformVersionField = () =>
  safeString({
    min: 1,
    max: 16,
    pattern: /^1\.(1[0-9]|[2-9][0-9])\.(0|[1-9][0-9]*)$/,
    allowed:
      'an exact Terraform/OpenTofu 1.x version, 1.10.0 or newer (S3 native locking), e.g. "1.10.5"',
  })
    .default('1.10.5')
    .describe(
      'Exact Terraform version pinned in the generated workflows (hashicorp/setup-terraform). versions.tf requires ">= 1.10, < 2.0".',
    );

// ---------------------------------------------------------------------------
// Tags / labels per cloud
// ---------------------------------------------------------------------------

function tagsField(cloud: Cloud) {
  if (cloud === 'aws') {
    return z
      .record(
        safeString({
          min: 1,
          max: 128,
          pattern: /^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+@-]+$/u,
          allowed:
            'an AWS tag key: 1-128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:"',
        }),
        safeString({
          max: 256,
          pattern: /^[\p{L}\p{Z}\p{N}_.:/=+@-]*$/u,
          allowed:
            'an AWS tag value: up to 256 letters, digits, spaces and _ . : / = + - @',
        }).describe('Tag value.'),
      )
      .superRefine((tags, ctx) => {
        if (Object.keys(tags).length > 45) {
          ctx.addIssue({
            code: 'custom',
            message:
              'At most 45 tags: AWS allows 50 per resource and the generator adds its own (project, environment, managed-by, ...)',
          });
        }
      })
      .default({})
      .describe(
        'Extra AWS tags on every resource (record of key to value). Keys: 1-128 chars, not starting with "aws:"; values: up to 256 chars; letters, digits, spaces and _ . : / = + - @.',
      );
  }
  if (cloud === 'azure') {
    return z
      .record(
        safeString({
          min: 1,
          max: 128,
          pattern: /^[^<>%&?/\\#]+$/,
          allowed:
            'an Azure tag name: 1-128 characters, none of < > % & ? / \\ #',
        }),
        safeString({
          max: 256,
          allowed: 'an Azure tag value: up to 256 characters',
        }).describe('Tag value.'),
      )
      .superRefine((tags, ctx) => {
        if (Object.keys(tags).length > 45) {
          ctx.addIssue({
            code: 'custom',
            message:
              'At most 45 tags: Azure allows 50 per resource and the generator adds its own (project, environment, managed-by, ...)',
          });
        }
      })
      .default({})
      .describe(
        'Extra Azure tags on every resource (record of name to value). Names: 1-128 chars without < > % & ? / \\ #; values: up to 256 chars.',
      );
  }
  return z
    .record(
      safeString({
        min: 1,
        max: 63,
        pattern: /^[a-z][a-z0-9_-]*$/,
        allowed:
          'a GCP label key: 1-63 lowercase letters, digits, "_" and "-", starting with a letter',
      }),
      safeString({
        max: 63,
        pattern: /^[a-z0-9_-]*$/,
        allowed:
          'a GCP label value: up to 63 lowercase letters, digits, "_" and "-"',
      }).describe('Label value.'),
    )
    .superRefine((tags, ctx) => {
      if (Object.keys(tags).length > 60) {
        ctx.addIssue({
          code: 'custom',
          message:
            'At most 60 labels: GCP allows 64 per resource and the generator adds its own (project, environment, managed-by, ...)',
        });
      }
    })
    .default({})
    .describe(
      'Extra GCP labels on every resource (record of key to value). Keys: 1-63 chars [a-z0-9_-] starting with a letter; values: up to 63 chars [a-z0-9_-].',
    );
}

// ---------------------------------------------------------------------------
// Per-cloud shapes
// ---------------------------------------------------------------------------

const awsShape = {
  project: projectField(),
  environment: environmentField(),
  plan_identity: planIdentityField('aws'),
  aws_region: safeString({
    min: 1,
    max: 32,
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/,
    allowed: 'an AWS region code such as "us-east-1" or "eu-west-1"',
  }).describe('AWS region of the cluster (e.g. "us-east-1").'),
  cluster_name: safeString({
    min: 1,
    max: 100,
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
    allowed:
      'an EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit',
  }).describe(
    'EKS cluster name (1-100 characters: letters, digits, "-", "_").',
  ),
  kubernetes_version: kubernetesVersionField(
    'aws',
    new RegExp(`^${MINOR_129_PLUS}$`),
    '1.34',
  ),
  ...nodePoolShape(),
  node_pool_instance_type: safeString({
    min: 1,
    max: 32,
    pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
    allowed: 'an EC2 instance type such as "m6i.large"',
  })
    .default(CLOUD_CATALOG.aws.default_node_size)
    .describe(
      'EC2 instance type of the managed node group (e.g. "m6i.large"; Graviton types such as "m7g.large" get an arm64 AMI).',
    ),
  node_pool_capacity_type: z
    .enum(['ON_DEMAND', 'SPOT'])
    .default('ON_DEMAND')
    .describe('Capacity type of the managed node group: ON_DEMAND or SPOT.'),
  cluster_autoscaling_enabled: clusterAutoscalingEnabledField(
    'Tag the node group for cluster-autoscaler auto-discovery (k8s.io/cluster-autoscaler/enabled). The autoscaler itself is installed by addons_context.cluster_autoscaler.',
  ),
  ...autoscalerTuningShape(
    'On AWS: passed to the cluster-autoscaler add-on (addons_context.cluster_autoscaler).',
  ),
  vpc_cidr: ipv4Cidr({ minPrefix: 16, maxPrefix: 24 })
    .default('10.0.0.0/16')
    .describe(
      'CIDR of the VPC created for the cluster (/16 to /24). Ignored when existing_vpc_id is set.',
    ),
  private_subnet_cidrs: z
    .array(
      ipv4Cidr({ minPrefix: 16, maxPrefix: 28 }).describe(
        'A private subnet CIDR.',
      ),
    )
    .min(2)
    .max(6)
    .default(['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'])
    .describe(
      'Private subnet CIDRs, one per availability zone (2-6; EKS needs at least two AZs). Nodes and pods live here. Must lie inside vpc_cidr and not overlap.',
    ),
  public_subnet_cidrs: z
    .array(
      ipv4Cidr({ minPrefix: 16, maxPrefix: 28 }).describe(
        'A public subnet CIDR.',
      ),
    )
    .min(2)
    .max(6)
    .default(['10.0.96.0/22', '10.0.100.0/22', '10.0.104.0/22'])
    .describe(
      'Public subnet CIDRs (load balancers, NAT gateways), one per availability zone: same count as private_subnet_cidrs, inside vpc_cidr, not overlapping.',
    ),
  single_nat_gateway: z
    .boolean()
    .default(false)
    .describe(
      'Use one NAT gateway for all AZs (cheaper, not zone-redundant) instead of one per AZ.',
    ),
  existing_vpc_id: safeString({
    min: 1,
    max: 32,
    pattern: /^vpc-[0-9a-f]{8,17}$/,
    allowed: 'a VPC id such as "vpc-0123456789abcdef0"',
  })
    .optional()
    .describe(
      'Deploy into an existing VPC instead of creating one (requires existing_private_subnet_ids; the *_cidr fields are then ignored).',
    ),
  existing_private_subnet_ids: z
    .array(
      safeString({
        min: 1,
        max: 32,
        pattern: /^subnet-[0-9a-f]{8,17}$/,
        allowed: 'a subnet id such as "subnet-0123456789abcdef0"',
      }).describe('A private subnet id.'),
    )
    .min(2)
    .max(16)
    .optional()
    .describe(
      'Private subnet ids of the existing VPC, in at least two availability zones. Required with existing_vpc_id.',
    ),
  ...endpointShape(),
  tags: tagsField('aws'),
  state_bucket: safeString({
    min: 3,
    max: 63,
    pattern: /^(?!xn--)(?!.*\.\.)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    allowed:
      'an S3 bucket name: 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit',
  })
    .optional()
    .describe(
      'S3 bucket holding the Terraform state (S3 backend with use_lockfile and encrypt). Default: "tfstate-<project>-<environment>-<aws_region>" (truncated to 63 characters). The bucket must exist before the first plan.',
    ),
  state_key: safeString({
    min: 1,
    max: 1024,
    pattern: /^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/,
    allowed:
      'a relative object key: letters, digits, ".", "_", "-" and "/" (no leading "/")',
  })
    .optional()
    .describe(
      'Object key of the state file. Default: "<project>/<environment>/<cluster_name>/terraform.tfstate".',
    ),
  state_region: safeString({
    min: 1,
    max: 32,
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/,
    allowed: 'an AWS region code such as "us-east-1"',
  })
    .optional()
    .describe('Region of the state bucket. Default: aws_region.'),
  terraform_version: terraformVersionField(),
};

const azureShape = {
  project: projectField(),
  environment: environmentField(),
  plan_identity: planIdentityField('azure'),
  location: safeString({
    min: 1,
    max: 32,
    pattern: /^[a-z][a-z0-9]+$/,
    allowed: 'an Azure location name such as "eastus" or "westeurope"',
  }).describe('Azure location (region) of the cluster, e.g. "eastus".'),
  resource_group_name: safeString({
    min: 1,
    max: 90,
    pattern: AZURE_RESOURCE_GROUP_NAME,
    allowed: AZURE_RESOURCE_GROUP_NAME_ALLOWED,
  }).describe(
    'Resource group created for the cluster (e.g. "rg-platform-dev").',
  ),
  cluster_name: safeString({
    min: 1,
    max: 63,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/,
    allowed:
      'an AKS cluster name: 1-63 letters, digits, "-" and "_", starting and ending with a letter or digit',
  }).describe('AKS cluster name (1-63 characters: letters, digits, "-", "_").'),
  kubernetes_version: kubernetesVersionField(
    'azure',
    new RegExp(`^${MINOR_129_PLUS}(\\.(0|[1-9][0-9]*))?$`),
    '1.34',
  ),
  ...nodePoolShape(),
  vm_size: safeString({
    min: 1,
    max: 64,
    pattern: /^Standard_[A-Za-z0-9_]+$/,
    allowed: 'an Azure VM size such as "Standard_D4s_v5"',
  })
    .default(CLOUD_CATALOG.azure.default_node_size)
    .describe(
      'VM size of the default (system) node pool, e.g. "Standard_D4s_v5".',
    ),
  patch_day_of_week: z
    .enum([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ])
    .default('Sunday')
    .describe(
      'Day of the weekly AKS maintenance window (maintenance_window_auto_upgrade).',
    ),
  patch_start_hour_utc: int(0, 23)
    .default(2)
    .describe('Start hour (UTC, 0-23) of the weekly AKS maintenance window.'),
  patch_duration_hours: int(4, 24)
    .default(4)
    .describe('Length of the weekly AKS maintenance window in hours (4-24).'),
  automatic_upgrade_channel: z
    .enum(['patch', 'stable', 'rapid', 'node-image'])
    .default('patch')
    .describe(
      'AKS automatic upgrade channel ("none" is not offered: unpatched clusters fail CKV_AZURE_171).',
    ),
  sku_tier: z
    .enum(['Free', 'Standard', 'Premium'])
    .default('Standard')
    .describe(
      'AKS pricing tier: Standard gives the uptime SLA (recommended beyond dev).',
    ),
  admin_group_object_ids: z
    .array(guid().describe('An Entra ID group object id.'))
    .max(10)
    .default([])
    .describe(
      'Entra ID (Azure AD) group object ids granted cluster-admin through Azure RBAC (local accounts are disabled).',
    ),
  cluster_admin_principal_ids: z
    .array(
      guid().describe(
        'An Entra ID object id (user, group or service principal).',
      ),
    )
    .max(10)
    .default([])
    .describe(
      'Entra ID object ids given the "Azure Kubernetes Service RBAC Cluster Admin" role on the cluster, e.g. the object id of the apply identity\'s service principal so Terraform can install the add-ons. Nothing is granted to whoever runs Terraform; with addons_context.enabled at least one of admin_group_object_ids / cluster_admin_principal_ids must name the apply identity (or a group it is in).',
    ),
  node_pool_zones: z
    .array(z.enum(['1', '2', '3']).describe('An availability zone.'))
    .max(3)
    .optional()
    .describe(
      'Availability zones of the default node pool (e.g. ["1", "2", "3"]). Default: every zone of location when the catalog lists it as zonal, none otherwise (regions without availability zones reject a zone list).',
    ),
  cluster_autoscaling_enabled: clusterAutoscalingEnabledField(
    'Enable the AKS cluster autoscaler on the default node pool (bounds: node_pool_min_size / node_pool_max_size) with the auto_scaler_profile below.',
  ),
  ...autoscalerTuningShape('AKS auto_scaler_profile.'),
  vnet_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 24 })
    .default('10.10.0.0/16')
    .describe('Address space of the virtual network created for the cluster.'),
  node_subnet_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 28 })
    .default('10.10.0.0/20')
    .describe('Subnet for the nodes, inside vnet_cidr.'),
  pod_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 24 })
    .default('192.168.0.0/16')
    .describe(
      'Pod CIDR (Azure CNI Overlay): must not overlap vnet_cidr or service_cidr.',
    ),
  service_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 27 })
    .default('172.16.0.0/16')
    .describe(
      'Kubernetes service CIDR: must not overlap vnet_cidr or pod_cidr.',
    ),
  dns_service_ip: ipv4Address()
    .default('172.16.0.10')
    .describe(
      'Cluster DNS service IP: inside service_cidr, not its first, second or last address.',
    ),
  existing_subnet_id: safeString({
    min: 1,
    max: 512,
    pattern:
      /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[A-Za-z0-9_().-]+\/providers\/Microsoft\.Network\/virtualNetworks\/[A-Za-z0-9_.-]+\/subnets\/[A-Za-z0-9_.-]+$/,
    allowed:
      'an Azure subnet resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  })
    .optional()
    .describe(
      'Use an existing subnet for the nodes instead of creating a virtual network (vnet_cidr and node_subnet_cidr are then ignored).',
    ),
  ...endpointShape(),
  tags: tagsField('azure'),
  state_resource_group_name: safeString({
    min: 1,
    max: 90,
    pattern: AZURE_RESOURCE_GROUP_NAME,
    allowed: AZURE_RESOURCE_GROUP_NAME_ALLOWED,
  })
    .optional()
    .describe(
      'Resource group of the state storage account (azurerm backend). Default: "rg-<project>-tfstate".',
    ),
  state_storage_account_name: safeString({
    min: 3,
    max: 24,
    pattern: /^[a-z0-9]+$/,
    allowed: 'a storage account name: 3-24 lowercase letters and digits',
  })
    .optional()
    .describe(
      'Storage account holding the state (globally unique). Default: "st" + project + environment (letters and digits, truncated) + "tf".',
    ),
  state_container_name: safeString({
    min: 3,
    max: 63,
    pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/,
    allowed:
      'a blob container name: 3-63 lowercase letters, digits and single "-", starting and ending with a letter or digit',
  })
    .default('tfstate')
    .describe('Blob container of the state.'),
  state_key: safeString({
    min: 1,
    max: 1024,
    pattern: /^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/,
    allowed:
      'a relative blob name: letters, digits, ".", "_", "-" and "/" (no leading "/")',
  })
    .optional()
    .describe(
      'Blob name of the state file. Default: "<project>/<environment>/<cluster_name>.tfstate".',
    ),
  terraform_version: terraformVersionField(),
};

const gcpShape = {
  project: projectField(),
  environment: environmentField(),
  plan_identity: planIdentityField('gcp'),
  gcp_project_id: safeString({
    min: 6,
    max: 30,
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    allowed:
      'a GCP project id: 6-30 lowercase letters, digits and "-", starting with a letter',
  }).describe('GCP project id hosting the cluster (e.g. "acme-platform-dev").'),
  gcp_region: safeString({
    min: 1,
    max: 32,
    pattern: /^[a-z]+-[a-z]+[0-9]+$/,
    allowed: 'a GCP region such as "us-central1" or "europe-west1"',
  }).describe('GCP region of the (regional) cluster, e.g. "us-central1".'),
  cluster_name: safeString({
    min: 1,
    max: 40,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    allowed:
      'a GKE cluster name: 1-40 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
  }).describe(
    'GKE cluster name (1-40 characters: lowercase letters, digits, "-"; starts with a letter).',
  ),
  kubernetes_version: kubernetesVersionField(
    'gcp',
    new RegExp(`^${MINOR_129_PLUS}(\\.(0|[1-9][0-9]*)(-gke\\.[0-9]+)?)?$`),
    '1.34',
  ),
  ...nodePoolShape(),
  machine_type: safeString({
    min: 1,
    max: 64,
    pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/,
    allowed: 'a Compute Engine machine type such as "e2-standard-4"',
  })
    .default(CLOUD_CATALOG.gcp.default_node_size)
    .describe('Machine type of the node pool, e.g. "e2-standard-4".'),
  patch_window_start: safeString({
    min: 1,
    max: 32,
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    allowed: 'an RFC 3339 UTC timestamp such as "2025-01-04T02:00:00Z"',
  })
    .default('2025-01-04T02:00:00Z')
    .describe(
      'Start of the first GKE maintenance window (RFC 3339, UTC); repeated by patch_window_recurrence.',
    ),
  patch_window_end: safeString({
    min: 1,
    max: 32,
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    allowed: 'an RFC 3339 UTC timestamp such as "2025-01-04T08:00:00Z"',
  })
    .default('2025-01-04T08:00:00Z')
    .describe(
      'End of the first GKE maintenance window (RFC 3339, UTC); at least 4 hours after patch_window_start.',
    ),
  patch_window_recurrence: safeString({
    min: 1,
    max: 256,
    pattern: /^[A-Z]+=[A-Z0-9,+:-]+(;[A-Z]+=[A-Z0-9,+:-]+)*$/,
    allowed:
      'an RFC 5545 RRULE such as "FREQ=WEEKLY;BYDAY=SA,SU" (KEY=VALUE pairs separated by ";", no "RRULE:" prefix)',
  })
    .superRefine((value, ctx) => {
      const problem = rruleProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('FREQ=WEEKLY;BYDAY=SA,SU')
    .describe(
      'Recurrence of the GKE maintenance window as an RFC 5545 RRULE (FREQ=DAILY|WEEKLY|MONTHLY with BYDAY, BYMONTHDAY, INTERVAL ...).',
    ),
  release_channel: z
    .enum(['RAPID', 'REGULAR', 'STABLE'])
    .default('REGULAR')
    .describe('GKE release channel (automatic upgrades).'),
  database_encryption_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Encrypt Kubernetes Secrets in etcd with a Cloud KMS key (application-layer secrets encryption). The key is database_encryption_key_name, or a key ring and key the stack creates in gcp_region (key rings cannot be deleted: a destroyed stack leaves them). The GKE service agent gets roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.',
    ),
  database_encryption_key_name: safeString({
    min: 1,
    max: 512,
    pattern:
      /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/,
    allowed:
      'a Cloud KMS key name: projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>',
  })
    .optional()
    .describe(
      'Existing Cloud KMS key for database_encryption_enabled, in the cluster\'s region. Default: a key ring "<cluster_name>-gke" and key "secrets" created by the stack.',
    ),
  cluster_autoscaling_enabled: clusterAutoscalingEnabledField(
    'Enable node pool autoscaling between node_pool_min_size and node_pool_max_size (per zone) with cluster_autoscaling_profile.',
  ),
  cluster_autoscaling_profile: z
    .enum(['BALANCED', 'OPTIMIZE_UTILIZATION'])
    .default('BALANCED')
    .describe(
      'GKE autoscaling profile: BALANCED (default) or OPTIMIZE_UTILIZATION (scales down faster, packs nodes tighter).',
    ),
  subnet_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 29 })
    .default('10.20.0.0/20')
    .describe('Primary range of the subnetwork created for the nodes.'),
  pods_secondary_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 24 })
    .default('10.24.0.0/14')
    .describe('Secondary range for pods (VPC-native cluster).'),
  services_secondary_cidr: ipv4Cidr({ minPrefix: 8, maxPrefix: 27 })
    .default('10.28.0.0/20')
    .describe('Secondary range for services (VPC-native cluster).'),
  master_ipv4_cidr_block: ipv4Cidr({ minPrefix: 28, maxPrefix: 28 })
    .default('172.16.0.16/28')
    .describe(
      '/28 range of the private control plane; must not overlap the other ranges.',
    ),
  existing_network_name: safeString({
    min: 1,
    max: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    allowed: 'a VPC network name: lowercase letters, digits and "-"',
  })
    .optional()
    .describe(
      'Use an existing VPC network (requires existing_subnetwork_name and the two existing_*_range_name fields; the CIDR fields are then ignored, except master_ipv4_cidr_block).',
    ),
  existing_subnetwork_name: safeString({
    min: 1,
    max: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    allowed: 'a subnetwork name: lowercase letters, digits and "-"',
  })
    .optional()
    .describe(
      'Existing subnetwork for the nodes (with existing_network_name).',
    ),
  existing_pods_range_name: safeString({
    min: 1,
    max: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    allowed: 'a secondary range name: lowercase letters, digits and "-"',
  })
    .optional()
    .describe('Name of the existing secondary range for pods.'),
  existing_services_range_name: safeString({
    min: 1,
    max: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    allowed: 'a secondary range name: lowercase letters, digits and "-"',
  })
    .optional()
    .describe('Name of the existing secondary range for services.'),
  ...endpointShape(),
  tags: tagsField('gcp'),
  state_bucket: safeString({
    min: 3,
    max: 63,
    pattern: /^(?!goog)[a-z0-9][a-z0-9_.-]*[a-z0-9]$/,
    allowed:
      'a GCS bucket name: 3-63 lowercase letters, digits, "-", "_" and ".", starting and ending with a letter or digit, not starting with "goog"',
  })
    .optional()
    .describe(
      'GCS bucket holding the state (gcs backend). Default: "<gcp_project_id>-tfstate".',
    ),
  state_prefix: safeString({
    min: 1,
    max: 512,
    pattern: /^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/,
    allowed:
      'a relative object prefix: letters, digits, ".", "_", "-" and "/" (no leading "/")',
  })
    .optional()
    .describe(
      'Object prefix of the state. Default: "<project>/<environment>/<cluster_name>".',
    ),
  terraform_version: terraformVersionField(),
};

// ---------------------------------------------------------------------------
// RRULE
// ---------------------------------------------------------------------------

const RRULE_DAY = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;

/** Why an RFC 5545 RRULE is not acceptable for a GKE maintenance window, or undefined. */
export function rruleProblem(rule: string): string | undefined {
  const seen = new Set<string>();
  for (const part of rule.split(';')) {
    const [key, value] = part.split('=');
    if (seen.has(key)) return `Invalid RRULE: "${key}" appears twice`;
    seen.add(key);
    switch (key) {
      case 'FREQ':
        if (!['DAILY', 'WEEKLY', 'MONTHLY'].includes(value)) {
          return 'Invalid RRULE: FREQ must be DAILY, WEEKLY or MONTHLY';
        }
        break;
      case 'INTERVAL':
      case 'COUNT':
        if (!/^[1-9][0-9]{0,3}$/.test(value)) {
          return `Invalid RRULE: ${key} must be a positive integer`;
        }
        break;
      case 'BYDAY':
        if (!value.split(',').every(d => RRULE_DAY.test(d))) {
          return 'Invalid RRULE: BYDAY must be a comma-separated list of MO, TU, WE, TH, FR, SA, SU (optionally prefixed by a week number such as 1SA)';
        }
        break;
      case 'BYMONTHDAY':
        if (
          !value.split(',').every(d => {
            const n = Number(d);
            return /^-?[0-9]{1,2}$/.test(d) && n !== 0 && Math.abs(n) <= 31;
          })
        ) {
          return 'Invalid RRULE: BYMONTHDAY must list days 1..31 (or -1..-31)';
        }
        break;
      case 'WKST':
        if (!/^(MO|TU|WE|TH|FR|SA|SU)$/.test(value)) {
          return 'Invalid RRULE: WKST must be one of MO, TU, WE, TH, FR, SA, SU';
        }
        break;
      case 'UNTIL':
        if (!/^[0-9]{8}(T[0-9]{6}Z)?$/.test(value)) {
          return 'Invalid RRULE: UNTIL must be a date such as 20301231 or 20301231T000000Z';
        }
        break;
      default:
        return `Invalid RRULE: unsupported part "${key}" (allowed: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, WKST)`;
    }
  }
  if (!seen.has('FREQ'))
    return 'Invalid RRULE: FREQ is required (e.g. "FREQ=WEEKLY;BYDAY=SA")';
  return undefined;
}

// ---------------------------------------------------------------------------
// Cross-field rules
// ---------------------------------------------------------------------------

interface CommonValues {
  node_pool_min_size: number;
  node_pool_max_size: number;
  node_pool_desired_size: number;
  endpoint_public_access: boolean;
  endpoint_public_access_cidrs: string[];
}

function checkCommon(v: CommonValues, ctx: Ctx) {
  if (v.node_pool_min_size > v.node_pool_max_size) {
    issue(
      ctx,
      ['node_pool_min_size'],
      `node_pool_min_size (${v.node_pool_min_size}) must not be greater than node_pool_max_size (${v.node_pool_max_size})`,
    );
  } else if (
    v.node_pool_desired_size < v.node_pool_min_size ||
    v.node_pool_desired_size > v.node_pool_max_size
  ) {
    issue(
      ctx,
      ['node_pool_desired_size'],
      `node_pool_desired_size (${v.node_pool_desired_size}) must lie between node_pool_min_size (${v.node_pool_min_size}) and node_pool_max_size (${v.node_pool_max_size})`,
    );
  }
  v.endpoint_public_access_cidrs.forEach((cidr, i) => {
    const c = parseCidr(cidr);
    if (c && c.prefix === 0) {
      issue(
        ctx,
        ['endpoint_public_access_cidrs', i],
        `"${cidr}" opens the Kubernetes API to the whole internet; list the specific CIDRs that need access (VPN, office, CI runner egress)`,
      );
    }
  });
  if (v.endpoint_public_access && v.endpoint_public_access_cidrs.length === 0) {
    issue(
      ctx,
      ['endpoint_public_access_cidrs'],
      'Required when endpoint_public_access is true: list at least one CIDR allowed to reach the public API endpoint',
    );
  }
  if (!v.endpoint_public_access && v.endpoint_public_access_cidrs.length > 0) {
    issue(
      ctx,
      ['endpoint_public_access_cidrs'],
      'Only used when endpoint_public_access is true: set endpoint_public_access to true or remove the CIDRs',
    );
  }
}

function checkNoOverlap(
  ctx: Ctx,
  ranges: { path: (string | number)[]; value: string }[],
) {
  const parsed = ranges
    .map(r => ({ ...r, cidr: parseCidr(r.value) }))
    .filter(r => r.cidr);
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      if (cidrOverlaps(parsed[i].cidr!, parsed[j].cidr!)) {
        issue(
          ctx,
          parsed[i].path,
          `${parsed[i].value} overlaps ${parsed[j].path
            .join('.')
            .replace(/\.(\d+)/g, '[$1]')} (${
            parsed[j].value
          }): address ranges must be disjoint`,
        );
      }
    }
  }
}

function checkInside(
  ctx: Ctx,
  outerName: string,
  outer: string,
  path: (string | number)[],
  inner: string,
) {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (o && i && !cidrContains(o, i)) {
    issue(ctx, path, `${inner} must lie inside ${outerName} (${outer})`);
  }
}

function timestampMs(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

const SHAPES = { aws: awsShape, azure: azureShape, gcp: gcpShape } as const;

const EQUIVALENTS: Record<Cloud, Record<string, string>> = {
  aws: { region: 'aws_region', size: 'node_pool_instance_type' },
  azure: { region: 'location', size: 'vm_size' },
  gcp: { region: 'gcp_region', size: 'machine_type' },
};

function foreignKeyHints(cloud: Cloud): Record<string, string> {
  const own = new Set(Object.keys(SHAPES[cloud]));
  const hints: Record<string, string> = {};
  for (const other of ['aws', 'azure', 'gcp'] as const) {
    if (other === cloud) continue;
    for (const key of Object.keys(SHAPES[other])) {
      if (own.has(key)) continue;
      const owners = (['aws', 'azure', 'gcp'] as const).filter(
        c => c !== cloud && key in SHAPES[c],
      );
      let hint = `only valid when cloud is ${owners
        .map(c => `"${c}"`)
        .join(' or ')}`;
      if (key === EQUIVALENTS[other].region) {
        hint += `; for ${cloud} use "${EQUIVALENTS[cloud].region}"`;
      } else if (key === EQUIVALENTS[other].size) {
        hint += `; for ${cloud} use "${EQUIVALENTS[cloud].size}"`;
      }
      hints[key] = hint;
    }
  }
  return hints;
}

function truncateName(name: string, max: number): string {
  return name.slice(0, max).replace(/[-.]+$/, '');
}

/** terraform_context for cloud "aws" (template aws-eks). */
export const awsTerraformContextSchema = strictObject(awsShape, {
  foreignKeyHints: foreignKeyHints('aws'),
})
  .superRefine((v, ctx) => {
    checkCommon(v, ctx);
    if (v.existing_vpc_id && !v.existing_private_subnet_ids) {
      issue(
        ctx,
        ['existing_private_subnet_ids'],
        'Required when existing_vpc_id is set: list the private subnet ids (at least two availability zones)',
      );
    }
    if (v.existing_private_subnet_ids && !v.existing_vpc_id) {
      issue(
        ctx,
        ['existing_vpc_id'],
        'Required when existing_private_subnet_ids is set',
      );
    }
    if (v.existing_private_subnet_ids) {
      const seen = new Set<string>();
      v.existing_private_subnet_ids.forEach((id, i) => {
        if (seen.has(id)) {
          issue(
            ctx,
            ['existing_private_subnet_ids', i],
            `Duplicate subnet id "${id}"`,
          );
        }
        seen.add(id);
      });
    }
    if (!v.existing_vpc_id) {
      if (v.public_subnet_cidrs.length !== v.private_subnet_cidrs.length) {
        issue(
          ctx,
          ['public_subnet_cidrs'],
          `Must list one public subnet per private subnet (${v.private_subnet_cidrs.length}), one per availability zone`,
        );
      }
      v.private_subnet_cidrs.forEach((c, i) =>
        checkInside(
          ctx,
          'vpc_cidr',
          v.vpc_cidr,
          ['private_subnet_cidrs', i],
          c,
        ),
      );
      v.public_subnet_cidrs.forEach((c, i) =>
        checkInside(ctx, 'vpc_cidr', v.vpc_cidr, ['public_subnet_cidrs', i], c),
      );
      checkNoOverlap(ctx, [
        ...v.private_subnet_cidrs.map((value, i) => ({
          path: ['private_subnet_cidrs', i],
          value,
        })),
        ...v.public_subnet_cidrs.map((value, i) => ({
          path: ['public_subnet_cidrs', i],
          value,
        })),
      ]);
    }
  })
  .transform(v => ({
    ...v,
    state_bucket:
      v.state_bucket ??
      truncateName(`tfstate-${v.project}-${v.environment}-${v.aws_region}`, 63),
    state_key:
      v.state_key ??
      `${v.project}/${v.environment}/${v.cluster_name}/terraform.tfstate`,
    state_region: v.state_region ?? v.aws_region,
  }))
  .describe(
    'Terraform inputs for cloud "aws" (template aws-eks): EKS cluster, managed node group, VPC, S3 state backend.',
  );

/** terraform_context for cloud "azure" (template azure-aks). */
export const azureTerraformContextSchema = strictObject(azureShape, {
  foreignKeyHints: foreignKeyHints('azure'),
})
  .superRefine((v, ctx) => {
    checkCommon(v, ctx);
    if (v.node_pool_min_size < 1) {
      issue(
        ctx,
        ['node_pool_min_size'],
        'Must be at least 1: the AKS default node pool is a system pool and needs at least one node',
      );
    }
    const region = CLOUD_CATALOG.azure.regions.find(r => r.id === v.location);
    if (v.node_pool_zones !== undefined) {
      if (new Set(v.node_pool_zones).size !== v.node_pool_zones.length) {
        issue(ctx, ['node_pool_zones'], 'Each zone may appear only once');
      }
      if (region && !region.zones && v.node_pool_zones.length > 0) {
        issue(
          ctx,
          ['node_pool_zones'],
          `${v.location} has no availability zones: leave node_pool_zones empty`,
        );
      }
    }
    if (!v.existing_subnet_id) {
      checkInside(
        ctx,
        'vnet_cidr',
        v.vnet_cidr,
        ['node_subnet_cidr'],
        v.node_subnet_cidr,
      );
    }
    checkNoOverlap(ctx, [
      ...(v.existing_subnet_id
        ? []
        : [{ path: ['vnet_cidr'], value: v.vnet_cidr }]),
      { path: ['pod_cidr'], value: v.pod_cidr },
      { path: ['service_cidr'], value: v.service_cidr },
    ]);
    const svc = parseCidr(v.service_cidr);
    const dns = parseIpv4(v.dns_service_ip);
    if (svc && dns !== undefined) {
      const first = svc.base - (svc.base % svc.size);
      if (dns < first || dns >= first + svc.size) {
        issue(
          ctx,
          ['dns_service_ip'],
          `${v.dns_service_ip} must lie inside service_cidr (${v.service_cidr})`,
        );
      } else if (
        dns === first ||
        dns === first + 1 ||
        dns === first + svc.size - 1
      ) {
        issue(
          ctx,
          ['dns_service_ip'],
          `${v.dns_service_ip} is reserved: use an address of service_cidr other than its first, second (the kubernetes service) or last`,
        );
      }
    }
  })
  .transform(v => ({
    ...v,
    node_pool_zones: v.node_pool_zones ?? [
      ...(CLOUD_CATALOG.azure.regions.find(r => r.id === v.location)?.zones ??
        []),
    ],
    state_resource_group_name:
      v.state_resource_group_name ?? `rg-${v.project}-tfstate`,
    state_storage_account_name:
      v.state_storage_account_name ??
      `st${`${v.project}${v.environment}`
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 20)}tf`,
    state_key:
      v.state_key ?? `${v.project}/${v.environment}/${v.cluster_name}.tfstate`,
  }))
  .describe(
    'Terraform inputs for cloud "azure" (template azure-aks): AKS cluster, default node pool, virtual network, azurerm state backend.',
  );

/** terraform_context for cloud "gcp" (template gcp-gke). */
export const gcpTerraformContextSchema = strictObject(gcpShape, {
  foreignKeyHints: foreignKeyHints('gcp'),
})
  .superRefine((v, ctx) => {
    checkCommon(v, ctx);
    const start = timestampMs(v.patch_window_start);
    const end = timestampMs(v.patch_window_end);
    if (start === undefined) {
      issue(ctx, ['patch_window_start'], 'Not a valid date/time');
    }
    if (end === undefined) {
      issue(ctx, ['patch_window_end'], 'Not a valid date/time');
    }
    if (start !== undefined && end !== undefined) {
      if (end <= start) {
        issue(ctx, ['patch_window_end'], 'Must be after patch_window_start');
      } else if (end - start < 4 * 3_600_000) {
        issue(
          ctx,
          ['patch_window_end'],
          'The maintenance window must be at least 4 hours long (GKE requirement)',
        );
      } else {
        const problem = maintenanceAvailabilityProblem(
          v.patch_window_start,
          v.patch_window_end,
          v.patch_window_recurrence,
        );
        if (problem) issue(ctx, ['patch_window_recurrence'], problem);
      }
    }
    if (
      v.database_encryption_key_name !== undefined &&
      !v.database_encryption_enabled
    ) {
      issue(
        ctx,
        ['database_encryption_key_name'],
        'Only used when database_encryption_enabled is true: set it to true or remove the key name',
      );
    }
    const keyRegion = v.database_encryption_key_name?.split('/')[3];
    if (keyRegion !== undefined && keyRegion !== v.gcp_region) {
      issue(
        ctx,
        ['database_encryption_key_name'],
        `The key must be in the cluster's region (${v.gcp_region}), not "${keyRegion}"`,
      );
    }
    const existing = [
      'existing_network_name',
      'existing_subnetwork_name',
      'existing_pods_range_name',
      'existing_services_range_name',
    ] as const;
    const given = existing.filter(k => v[k] !== undefined);
    if (given.length > 0 && given.length < existing.length) {
      for (const k of existing) {
        if (v[k] === undefined) {
          issue(
            ctx,
            [k],
            `Required when using an existing network: set all of ${existing.join(
              ', ',
            )}`,
          );
        }
      }
    }
    checkNoOverlap(ctx, [
      ...(given.length
        ? []
        : [
            { path: ['subnet_cidr'], value: v.subnet_cidr },
            { path: ['pods_secondary_cidr'], value: v.pods_secondary_cidr },
            {
              path: ['services_secondary_cidr'],
              value: v.services_secondary_cidr,
            },
          ]),
      { path: ['master_ipv4_cidr_block'], value: v.master_ipv4_cidr_block },
    ]);
  })
  .transform(v => ({
    ...v,
    state_bucket: v.state_bucket ?? `${v.gcp_project_id}-tfstate`,
    state_prefix:
      v.state_prefix ?? `${v.project}/${v.environment}/${v.cluster_name}`,
  }))
  .describe(
    'Terraform inputs for cloud "gcp" (template gcp-gke): GKE cluster, node pool, VPC-native network, gcs state backend.',
  );

/** terraform_context schemas by cloud. */
export const terraformContextSchemas = {
  aws: awsTerraformContextSchema,
  azure: azureTerraformContextSchema,
  gcp: gcpTerraformContextSchema,
} as const;

/**
 * Any cloud's terraform_context (a union; use `terraformContextSchemas[cloud]`
 * when the cloud is known, as the payload schemas do).
 */
export const terraformContextSchema = z
  .union([
    awsTerraformContextSchema,
    azureTerraformContextSchema,
    gcpTerraformContextSchema,
  ])
  .describe(
    'Terraform inputs of one of the clouds (aws-eks, azure-aks or gcp-gke); which one is decided by the payload\'s "cloud".',
  );

export type AwsTerraformContext = z.output<typeof awsTerraformContextSchema>;
export type AzureTerraformContext = z.output<
  typeof azureTerraformContextSchema
>;
export type GcpTerraformContext = z.output<typeof gcpTerraformContextSchema>;
/** Parsed terraform_context of any cloud. */
export type TerraformContext =
  | AwsTerraformContext
  | AzureTerraformContext
  | GcpTerraformContext;
export type AwsTerraformContextInput = z.input<
  typeof awsTerraformContextSchema
>;
export type AzureTerraformContextInput = z.input<
  typeof azureTerraformContextSchema
>;
export type GcpTerraformContextInput = z.input<
  typeof gcpTerraformContextSchema
>;
/** terraform_context as accepted on input (before defaults). */
export type TerraformContextInput =
  | AwsTerraformContextInput
  | AzureTerraformContextInput
  | GcpTerraformContextInput;
/** terraform_context by cloud. */
export interface TerraformContextByCloud {
  aws: AwsTerraformContext;
  azure: AzureTerraformContext;
  gcp: GcpTerraformContext;
}

/** @internal exported for the unknown-key tests */
export const TERRAFORM_KEYS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: Object.keys(awsShape),
  azure: Object.keys(azureShape),
  gcp: Object.keys(gcpShape),
};
