/*
 * terraform_context for AWS (aws-eks): its fields, its cross-field rules and
 * the values derived from them.
 */
import { z } from 'zod';
import { CLOUD_CATALOG } from '../catalog';
import { ipv4Cidr, safeString } from '../fields';
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
import {
  checkCommon,
  checkInside,
  checkNoOverlap,
  truncateName,
} from './rules';
import { planIdentityField } from './planIdentity';

export const awsShape = {
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

export type AwsValues = z.output<z.ZodObject<typeof awsShape>>;

/** The cross-field rules of aws's terraform_context. */
export function checkAws(v: AwsValues, ctx: z.RefinementCtx) {
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
      checkInside(ctx, 'vpc_cidr', v.vpc_cidr, ['private_subnet_cidrs', i], c),
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
}

/** The values derived from aws's terraform_context (state backend names and the like). */
export function awsDerived(v: AwsValues) {
  return {
    ...v,
    state_bucket:
      v.state_bucket ??
      truncateName(`tfstate-${v.project}-${v.environment}-${v.aws_region}`, 63),
    state_key:
      v.state_key ??
      `${v.project}/${v.environment}/${v.cluster_name}/terraform.tfstate`,
    state_region: v.state_region ?? v.aws_region,
  };
}
