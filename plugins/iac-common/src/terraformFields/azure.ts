/*
 * terraform_context for Azure (azure-aks): its fields, its cross-field rules and
 * the values derived from them.
 */
import { z } from 'zod';
import { CLOUD_CATALOG } from '../catalog';
import {
  guid,
  int,
  ipv4Address,
  ipv4Cidr,
  parseCidr,
  parseIpv4,
  safeString,
} from '../fields';
import {
  AZURE_RESOURCE_GROUP_NAME,
  AZURE_RESOURCE_GROUP_NAME_ALLOWED,
} from '../formats';
import {
  MINOR_129_PLUS,
  autoscalerTuningShape,
  clusterAutoscalingEnabledField,
  endpointShape,
  environmentField,
  issue,
  kubernetesVersionField,
  nodePoolShape,
  projectField,
  tagsField,
  terraformVersionField,
} from './common';
import { checkCommon, checkInside, checkNoOverlap } from './rules';
import { planIdentityField } from './planIdentity';

export const azureShape = {
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

export type AzureValues = z.output<z.ZodObject<typeof azureShape>>;

/** The cross-field rules of azure's terraform_context. */
export function checkAzure(v: AzureValues, ctx: z.RefinementCtx) {
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
}

/** The values derived from azure's terraform_context (state backend names and the like). */
export function azureDerived(v: AzureValues) {
  return {
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
  };
}
