import type { CloudIdentityTable, IdentityGrants } from './types';

const none: IdentityGrants = { plan: [], apply: [] };

const EC2_READ = ['ec2:Describe*'];
const IAM_READ = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListRolePolicies',
  'iam:ListInstanceProfilesForRole',
];

/** AWS: IAM actions, read actions for plan, write actions (plus reads) for apply. */
export const AWS_IDENTITY: CloudIdentityTable = {
  cloud: 'aws',
  grant: 'iam-action',
  state: {
    plan: ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    apply: ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    note: 'S3 native locking writes and deletes a .tflock object next to the state: plans need it too. Scoped to the state bucket.',
  },
  types: {
    'data.aws_availability_zones': {
      plan: ['ec2:DescribeAvailabilityZones'],
      apply: [],
    },
    'data.aws_caller_identity': none,
    'data.aws_iam_policy_document': none,
    'data.aws_partition': none,
    aws_vpc: {
      plan: EC2_READ,
      apply: [
        'ec2:CreateVpc',
        'ec2:DeleteVpc',
        'ec2:ModifyVpcAttribute',
        'ec2:CreateTags',
        'ec2:DeleteTags',
      ],
    },
    aws_subnet: {
      plan: EC2_READ,
      apply: [
        'ec2:CreateSubnet',
        'ec2:DeleteSubnet',
        'ec2:ModifySubnetAttribute',
        'ec2:CreateTags',
        'ec2:DeleteTags',
      ],
    },
    aws_internet_gateway: {
      plan: EC2_READ,
      apply: [
        'ec2:CreateInternetGateway',
        'ec2:DeleteInternetGateway',
        'ec2:AttachInternetGateway',
        'ec2:DetachInternetGateway',
        'ec2:CreateTags',
      ],
    },
    aws_eip: {
      plan: EC2_READ,
      apply: [
        'ec2:AllocateAddress',
        'ec2:ReleaseAddress',
        'ec2:DisassociateAddress',
        'ec2:CreateTags',
      ],
    },
    aws_nat_gateway: {
      plan: EC2_READ,
      apply: ['ec2:CreateNatGateway', 'ec2:DeleteNatGateway', 'ec2:CreateTags'],
    },
    aws_route_table: {
      plan: EC2_READ,
      apply: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable', 'ec2:CreateTags'],
    },
    aws_route: {
      plan: EC2_READ,
      apply: ['ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:ReplaceRoute'],
    },
    aws_route_table_association: {
      plan: EC2_READ,
      apply: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
    },
    aws_default_security_group: {
      plan: EC2_READ,
      apply: [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:CreateTags',
      ],
    },
    aws_launch_template: {
      plan: EC2_READ,
      apply: [
        'ec2:CreateLaunchTemplate',
        'ec2:CreateLaunchTemplateVersion',
        'ec2:ModifyLaunchTemplate',
        'ec2:DeleteLaunchTemplate',
        'ec2:CreateTags',
      ],
    },
    aws_kms_key: {
      plan: [
        'kms:DescribeKey',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
      ],
      apply: [
        'kms:CreateKey',
        'kms:PutKeyPolicy',
        'kms:EnableKeyRotation',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:CreateGrant',
      ],
    },
    aws_kms_alias: {
      plan: ['kms:ListAliases'],
      apply: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
    },
    aws_cloudwatch_log_group: {
      plan: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
      apply: [
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy',
        'logs:AssociateKmsKey',
        'logs:TagResource',
        'logs:UntagResource',
      ],
    },
    aws_iam_role: {
      plan: IAM_READ,
      apply: [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:UpdateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PassRole',
      ],
      note: 'iam:PassRole hands the cluster, node and controller roles to EKS.',
    },
    aws_iam_role_policy: {
      plan: IAM_READ,
      apply: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
    },
    aws_iam_role_policy_attachment: {
      plan: IAM_READ,
      apply: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
    },
    aws_iam_openid_connect_provider: {
      plan: ['iam:GetOpenIDConnectProvider'],
      apply: [
        'iam:CreateOpenIDConnectProvider',
        'iam:DeleteOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:TagOpenIDConnectProvider',
      ],
    },
    aws_eks_cluster: {
      plan: ['eks:DescribeCluster', 'eks:ListClusters'],
      apply: [
        'eks:CreateCluster',
        'eks:DeleteCluster',
        'eks:UpdateClusterConfig',
        'eks:UpdateClusterVersion',
        'eks:AssociateEncryptionConfig',
        'eks:TagResource',
        'eks:UntagResource',
      ],
    },
    aws_eks_node_group: {
      plan: ['eks:DescribeNodegroup', 'eks:ListNodegroups'],
      apply: [
        'eks:CreateNodegroup',
        'eks:DeleteNodegroup',
        'eks:UpdateNodegroupConfig',
        'eks:UpdateNodegroupVersion',
        'iam:CreateServiceLinkedRole',
      ],
    },
    aws_eks_addon: {
      plan: [
        'eks:DescribeAddon',
        'eks:ListAddons',
        'eks:DescribeAddonVersions',
      ],
      apply: ['eks:CreateAddon', 'eks:DeleteAddon', 'eks:UpdateAddon'],
    },
    aws_eks_access_entry: {
      plan: ['eks:DescribeAccessEntry', 'eks:ListAccessEntries'],
      apply: [
        'eks:CreateAccessEntry',
        'eks:DeleteAccessEntry',
        'eks:UpdateAccessEntry',
      ],
    },
    aws_sqs_queue: {
      plan: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags'],
      apply: [
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:SetQueueAttributes',
        'sqs:TagQueue',
        'sqs:UntagQueue',
      ],
    },
    aws_sqs_queue_policy: {
      plan: ['sqs:GetQueueAttributes'],
      apply: ['sqs:SetQueueAttributes'],
    },
    aws_cloudwatch_event_rule: {
      plan: ['events:DescribeRule', 'events:ListTagsForResource'],
      apply: [
        'events:PutRule',
        'events:DeleteRule',
        'events:TagResource',
        'events:UntagResource',
      ],
    },
    aws_cloudwatch_event_target: {
      plan: ['events:ListTargetsByRule'],
      apply: ['events:PutTargets', 'events:RemoveTargets'],
    },
    helm_release: {
      plan: ['eks:DescribeCluster'],
      apply: ['eks:DescribeCluster'],
      note: 'Inside the cluster: the apply role creates the cluster and is its admin (bootstrap_cluster_creator_admin_permissions). Plans after the first apply read the Helm release Secrets: with terraform_context.plan_identity the stack gives the plan role an EKS access entry in the Kubernetes group iacforge:terraform-plan (no access policy) and exactly get/list on Secrets in each release namespace (helm_release.plan_access: Role + RoleBinding).',
    },
  },
};
