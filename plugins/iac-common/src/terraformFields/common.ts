/*
 * What the per-cloud terraform_context schemas share: issue reporting and
 * the field builders of every cloud (project, environment, Kubernetes
 * version, node pool, autoscaler, endpoint, Terraform version, tags).
 */
import { z } from 'zod';
import { CLOUD_CATALOG, Cloud } from '../catalog';
import { duration, int, ipv4Cidr, safeString } from '../fields';

export type Ctx = z.RefinementCtx;

export function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

// ---------------------------------------------------------------------------
// Shared field builders
// ---------------------------------------------------------------------------

export const projectField = () =>
  safeString({
    min: 2,
    max: 32,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    allowed:
      '2-32 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (e.g. "platform")',
  }).describe(
    'Project / system name. Prefix of cloud resource names, a default tag, and part of the default state key.',
  );

export const environmentField = () =>
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

export const kubernetesVersionField = (
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

export const MINOR_129_PLUS = '1\\.(29|[3-9][0-9])';

export const nodePoolShape = () => ({
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

export const clusterAutoscalingEnabledField = (what: string) =>
  z.boolean().default(true).describe(what);

export const autoscalerTuningShape = (consumer: string) => ({
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

export const endpointShape = () => ({
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

export const terraformVersionField = () =>
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

export function tagsField(cloud: Cloud) {
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
