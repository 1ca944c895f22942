import {
  parseHelmPayload,
  parsePlatformPayload,
  parseTerraformPayload,
} from './index';
import {
  expectIssue,
  helm,
  issuesOf,
  platform,
  valueOf,
} from './__fixtures__/helpers';
import {
  MINIMAL_TERRAFORM_CONTEXT,
  SEED_PLATFORM_EXISTING_CLUSTER,
} from './seedExamples';

const p = parsePlatformPayload;

describe('cloud and cluster selection', () => {
  it('cloud is required and must be aws, azure or gcp', () => {
    expectIssue(
      p({ helm_context: helm() }),
      'cloud',
      'Required field is missing (one of "aws", "azure", "gcp")',
    );
    expectIssue(
      p({ cloud: 'AWS', helm_context: helm() }),
      'cloud',
      'Must be one of "aws", "azure", "gcp"',
    );
    expectIssue(
      p({ cloud: 'oci', helm_context: helm() }),
      'cloud',
      'Must be one of "aws", "azure", "gcp"',
    );
  });

  it('a new cluster needs terraform_context', () => {
    expectIssue(
      p({ cloud: 'aws', helm_context: helm() }),
      'terraform_context',
      /Required when existing_cluster is false/,
    );
  });

  it('an existing cluster must not carry terraform_context or terraform_template', () => {
    expectIssue(
      p({
        ...SEED_PLATFORM_EXISTING_CLUSTER,
        terraform_context: MINIMAL_TERRAFORM_CONTEXT.gcp,
      }),
      'terraform_context',
      /Not allowed when existing_cluster is true/,
    );
    expectIssue(
      p({ ...SEED_PLATFORM_EXISTING_CLUSTER, terraform_template: 'gcp-gke' }),
      'terraform_template',
      /Not used when existing_cluster is true/,
    );
  });

  it("terraform_context is validated with the schema of the payload's cloud", () => {
    expectIssue(
      p({
        cloud: 'azure',
        terraform_context: MINIMAL_TERRAFORM_CONTEXT.aws,
        helm_context: helm(),
      }),
      'terraform_context.aws_region',
      /only valid when cloud is "aws"; for azure use "location"/,
    );
    expectIssue(
      p({
        cloud: 'azure',
        terraform_context: MINIMAL_TERRAFORM_CONTEXT.aws,
        helm_context: helm(),
      }),
      'terraform_context.location',
      'Required field is missing (expected a string)',
    );
  });

  it('defaults of the top level and of every extension context', () => {
    const v = valueOf(p(platform('aws')));
    expect(v.existing_cluster).toBe(false);
    expect(v.enable_native_checks).toBe(false);
    expect(v.governance_context).toEqual({
      enabled: true,
      codeowners: [],
      default_branch: 'main',
      plan_on_pull_request: true,
      plan_comment: true,
      apply_on_merge: true,
      apply_environment: 'production',
      required_approvals: 1,
      drift_detection_enabled: true,
      drift_schedule: '0 6 * * 1-5',
      policy_checks_enabled: true,
      dependabot_enabled: true,
    });
    expect(v.addons_context).toEqual({
      enabled: false,
      metrics_server: true,
      load_balancer_controller: true,
      external_secrets: false,
      cluster_autoscaler: false,
      karpenter: false,
      prometheus_operator_crds: true,
    });
    expect(v.gitops_context).toMatchObject({
      enabled: false,
      environments: ['dev', 'prod'],
      canary_enabled: true,
      promotion_strategy: 'pull_request',
    });
    expect(v.reconciliation_context).toMatchObject({
      enabled: false,
      controller: 'tofu-controller',
      approve_plan: 'manual',
      interval: '10m',
    });
    expect(v.terraform_context).toMatchObject({ aws_region: 'us-east-1' });
  });

  it('template overrides are template names', () => {
    valueOf(
      p(
        platform('aws', {
          top: {
            terraform_template: 'aws-eks-hardened',
            helm_template: 'basic',
          },
        }),
      ),
    );
    expectIssue(
      p(platform('aws', { top: { helm_template: 'Basic Chart' } })),
      'helm_template',
      /template name/,
    );
  });
});

describe('cloud identity must match the cloud', () => {
  it.each([
    [
      'azure',
      { aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders' },
      'aws_iam_role_arn',
      /aws identity and cannot be used with cloud "azure": use azure_workload_identity_client_id/,
    ],
    [
      'gcp',
      {
        azure_workload_identity_client_id:
          '00000000-0000-0000-0000-000000000000',
      },
      'azure_workload_identity_client_id',
      /use gcp_service_account_email/,
    ],
    [
      'aws',
      { gcp_service_account_email: 'orders@acme-prod.iam.gserviceaccount.com' },
      'gcp_service_account_email',
      /use aws_iam_role_arn/,
    ],
  ] as const)('%s rejects %j', (cloud, helmOverrides, field, message) => {
    expectIssue(
      p(platform(cloud, { helm: helmOverrides })),
      `helm_context.${field}`,
      message,
    );
  });

  it('accepts the matching identity', () => {
    valueOf(
      p(
        platform('aws', {
          helm: { aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders' },
        }),
      ),
    );
    valueOf(
      p(
        platform('azure', {
          helm: {
            azure_workload_identity_client_id:
              '00000000-0000-0000-0000-000000000000',
          },
        }),
      ),
    );
    valueOf(
      p(
        platform('gcp', {
          helm: {
            gcp_service_account_email:
              'orders@acme-prod.iam.gserviceaccount.com',
          },
        }),
      ),
    );
  });

  it('helm payloads check identity against cloud when given, and require cloud for an identity', () => {
    expectIssue(
      parseHelmPayload({
        cloud: 'gcp',
        helm_context: helm({
          aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders',
        }),
      }),
      'helm_context.aws_iam_role_arn',
      /cannot be used with cloud "gcp"/,
    );
    expectIssue(
      parseHelmPayload({
        helm_context: helm({
          aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders',
        }),
      }),
      'cloud',
      'Required when helm_context.aws_iam_role_arn is set: set cloud to "aws"',
    );
  });
});

describe('governance_context', () => {
  const g = (
    cloud: 'aws' | 'azure' | 'gcp',
    governance: Record<string, unknown>,
  ) => p(platform(cloud, { top: { governance_context: governance } }));

  it('codeowners are @user or @org/team, without duplicates', () => {
    valueOf(g('aws', { codeowners: ['@acme/platform-team', '@octocat'] }));
    expectIssue(
      g('aws', { codeowners: ['acme/platform'] }),
      'governance_context.codeowners[0]',
      /"@user" or "@org\/team"/,
    );
    expectIssue(
      g('aws', { codeowners: ['@a/b', '@A/B'] }),
      'governance_context.codeowners[1]',
      /Duplicate code owner/,
    );
    expectIssue(
      g('aws', { codeowners: ['@-bad'] }),
      'governance_context.codeowners[0]',
      /"@user" or "@org\/team"/,
    );
  });

  it('drift schedule is a 5-field cron', () => {
    valueOf(g('aws', { drift_schedule: '*/30 2-5 * * 1,3,5' }));
    expectIssue(
      g('aws', { drift_schedule: '0 6 * *' }),
      'governance_context.drift_schedule',
      /5 space-separated fields/,
    );
    expectIssue(
      g('aws', { drift_schedule: '0 24 * * *' }),
      'governance_context.drift_schedule',
      /hour value 24: must be between 0 and 23/,
    );
    expectIssue(
      g('aws', { drift_schedule: '0 6 * * MON' }),
      'governance_context.drift_schedule',
      /day of week field/,
    );
  });

  it('branch names and approvals', () => {
    expectIssue(
      g('aws', { default_branch: 'feature//x' }),
      'governance_context.default_branch',
      /branch name/,
    );
    expectIssue(
      g('aws', { required_approvals: 7 }),
      'governance_context.required_approvals',
      'Must be at most 6',
    );
  });

  it('OIDC settings must belong to the cloud', () => {
    valueOf(
      g('aws', {
        oidc_aws_role_arn: 'arn:aws:iam::123456789012:role/github-terraform',
      }),
    );
    valueOf(
      g('gcp', {
        oidc_gcp_workload_identity_provider:
          'projects/123456789/locations/global/workloadIdentityPools/github/providers/github-oidc',
        oidc_gcp_service_account: 'terraform@acme-prod.iam.gserviceaccount.com',
      }),
    );
    expectIssue(
      g('aws', {
        oidc_azure_client_id: '00000000-0000-0000-0000-000000000000',
      }),
      'governance_context.oidc_azure_client_id',
      'oidc_azure_client_id is for cloud "azure" and cannot be used with cloud "aws"',
    );
  });
});

describe('addons_context', () => {
  const a = (
    cloud: 'aws' | 'azure' | 'gcp',
    addons: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) =>
    p(
      platform(cloud, {
        top: { addons_context: { enabled: true, ...addons }, ...extra },
      }),
    );

  it('karpenter and the cluster-autoscaler add-on are aws only', () => {
    expectIssue(
      a('azure', { karpenter: true }),
      'addons_context.karpenter',
      /only offered on aws; AKS scales nodes natively/,
    );
    expectIssue(
      a('gcp', { cluster_autoscaler: true }),
      'addons_context.cluster_autoscaler',
      /only for aws; GKE has a managed autoscaler/,
    );
    valueOf(a('aws', { karpenter: true }));
  });

  it('karpenter and cluster-autoscaler are exclusive', () => {
    expectIssue(
      a('aws', { karpenter: true, cluster_autoscaler: true }),
      'addons_context.karpenter',
      /mutually exclusive/,
    );
  });

  it('cluster-autoscaler needs the discovery tags', () => {
    expectIssue(
      p(
        platform('aws', {
          terraform: { cluster_autoscaling_enabled: false },
          top: { addons_context: { enabled: true, cluster_autoscaler: true } },
        }),
      ),
      'addons_context.cluster_autoscaler',
      /set terraform_context.cluster_autoscaling_enabled to true/,
    );
  });

  it('add-ons need a new cluster', () => {
    expectIssue(
      p({
        ...SEED_PLATFORM_EXISTING_CLUSTER,
        addons_context: { enabled: true },
      }),
      'addons_context.enabled',
      /skipped when existing_cluster is true/,
    );
  });

  it('disabled add-ons are not checked', () => {
    valueOf(
      p(
        platform('azure', {
          top: { addons_context: { enabled: false, karpenter: true } },
        }),
      ),
    );
  });
});

describe('gitops_context', () => {
  const gitops = (
    ctx: Record<string, unknown>,
    helmOverrides: Record<string, unknown> = {},
  ) =>
    p(
      platform('aws', {
        helm: helmOverrides,
        top: { gitops_context: { enabled: true, ...ctx } },
      }),
    );

  it('canary provider prerequisites', () => {
    expectIssue(
      gitops({ canary_provider: 'istio' }),
      'gitops_context.canary_provider',
      'canary_provider "istio" requires helm_context.istio_enabled',
    );
    valueOf(gitops({ canary_provider: 'istio' }, { istio_enabled: true }));
    expectIssue(
      gitops({ canary_provider: 'nginx' }),
      'gitops_context.canary_provider',
      /requires helm_context.ingress_enabled/,
    );
  });

  it('weights and environments', () => {
    expectIssue(
      gitops({ canary_step_weight: 60 }),
      'gitops_context.canary_step_weight',
      'canary_step_weight (60) must not exceed canary_max_weight (50)',
    );
    expectIssue(
      gitops({ environments: ['dev'] }),
      'gitops_context.canary_enabled',
      /add "prod" to environments/,
    );
    valueOf(gitops({ environments: ['dev'], canary_enabled: false }));
    expectIssue(
      gitops({ environments: ['dev', 'dev'] }),
      'gitops_context.environments',
      /only once/,
    );
    expectIssue(
      gitops({ environments: ['qa'] }),
      'gitops_context.environments[0]',
      'Must be one of "dev", "staging", "prod"',
    );
    expectIssue(
      gitops({ reconcile_interval: '10s' }),
      'gitops_context.reconcile_interval',
      'Too short: must be at least 30s',
    );
  });
});

describe('reconciliation_context', () => {
  it('needs gitops, a new cluster, and no second applier', () => {
    const r = p(
      platform('aws', { top: { reconciliation_context: { enabled: true } } }),
    );
    expectIssue(
      r,
      'reconciliation_context.enabled',
      /enable gitops_context as well/,
    );
    expectIssue(r, 'reconciliation_context.enabled', /Two appliers would race/);
    valueOf(
      p(
        platform('aws', {
          top: {
            reconciliation_context: { enabled: true, approve_plan: 'auto' },
            gitops_context: { enabled: true },
            governance_context: { apply_on_merge: false },
          },
        }),
      ),
    );
    expectIssue(
      p({
        ...SEED_PLATFORM_EXISTING_CLUSTER,
        reconciliation_context: { enabled: true },
        gitops_context: { enabled: true },
      }),
      'reconciliation_context.enabled',
      /existing_cluster is true/,
    );
  });

  it('enums and durations', () => {
    expectIssue(
      p(
        platform('aws', {
          top: { reconciliation_context: { approve_plan: 'yes' } },
        }),
      ),
      'reconciliation_context.approve_plan',
      'Must be one of "manual", "auto"',
    );
    expectIssue(
      p(
        platform('aws', {
          top: { reconciliation_context: { interval: '30s' } },
        }),
      ),
      'reconciliation_context.interval',
      'Too short: must be at least 1m',
    );
  });
});

describe('terraform and helm payloads', () => {
  it('terraform payload requires cloud and terraform_context, and is strict', () => {
    expectIssue(
      parseTerraformPayload({ cloud: 'aws' }),
      'terraform_context',
      'Required field is missing (expected an object)',
    );
    expectIssue(
      parseTerraformPayload({ terraform_context: {} }),
      'cloud',
      /Required field is missing/,
    );
    expectIssue(
      parseTerraformPayload({
        cloud: 'aws',
        terraform_context: MINIMAL_TERRAFORM_CONTEXT.aws,
        helm_context: helm(),
      }),
      'helm_context',
      /Unknown field "helm_context"/,
    );
  });
  it('helm payload works without a cloud', () => {
    const v = valueOf(
      parseHelmPayload({ helm_context: helm(), helm_template: 'basic' }),
    );
    expect(v.cloud).toBeUndefined();
    expectIssue(
      parseHelmPayload({ cloud: 'ibm', helm_context: helm() }),
      'cloud',
      'Must be one of "aws", "azure", "gcp"',
    );
  });
  it('a platform payload needs helm_context', () => {
    expect(
      issuesOf(p({ cloud: 'gcp', existing_cluster: true })),
    ).toContainEqual({
      path: 'helm_context',
      message: 'Required field is missing (expected an object)',
    });
  });
});
