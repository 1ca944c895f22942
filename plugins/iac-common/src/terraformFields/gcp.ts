/*
 * terraform_context for GCP (gcp-gke): its fields, its cross-field rules and
 * the values derived from them.
 */
import { z } from 'zod';
import { CLOUD_CATALOG } from '../catalog';
import { ipv4Cidr, safeString } from '../fields';
import { maintenanceAvailabilityProblem } from '../gkeMaintenance';
import {
  MINOR_129_PLUS,
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
import {
  checkCommon,
  checkNoOverlap,
  rruleProblem,
  timestampMs,
} from './rules';
import { planIdentityField } from './planIdentity';

export const gcpShape = {
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

export type GcpValues = z.output<z.ZodObject<typeof gcpShape>>;

/** The cross-field rules of gcp's terraform_context. */
export function checkGcp(v: GcpValues, ctx: z.RefinementCtx) {
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
}

/** The values derived from gcp's terraform_context (state backend names and the like). */
export function gcpDerived(v: GcpValues) {
  return {
    ...v,
    state_bucket: v.state_bucket ?? `${v.gcp_project_id}-tfstate`,
    state_prefix:
      v.state_prefix ?? `${v.project}/${v.environment}/${v.cluster_name}`,
  };
}
