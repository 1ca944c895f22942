/*
 * Our extensions of the seed payload, each an optional object with defaults:
 * governance (workflows, CODEOWNERS, policy), cluster add-ons (seed 004),
 * GitOps with Flux / Flagger (seed 001) and Terraform reconciliation with
 * tofu-controller (seed 003).
 */
import { z } from 'zod';
import { duration, guid, int, safeString } from './fields';
import { GITHUB_ENVIRONMENT_NAME, gitBranchNameProblem } from './formats';
import { strictObject } from './strict';

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

const CRON_FIELD =
  /^(\*|[0-9]{1,2}(-[0-9]{1,2})?)(\/[0-9]{1,2})?(,(\*|[0-9]{1,2}(-[0-9]{1,2})?)(\/[0-9]{1,2})?)*$/;
const CRON_BOUNDS: readonly [number, number, string][] = [
  [0, 59, 'minute'],
  [0, 23, 'hour'],
  [1, 31, 'day of month'],
  [1, 12, 'month'],
  [0, 6, 'day of week'],
];

/** Why a 5-field cron expression is invalid (numeric fields only), or undefined. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.split(' ');
  if (fields.length !== 5) {
    return 'Must have 5 space-separated fields: minute hour day-of-month month day-of-week (e.g. "0 6 * * 1-5")';
  }
  for (let i = 0; i < 5; i++) {
    const [min, max, name] = CRON_BOUNDS[i];
    if (!CRON_FIELD.test(fields[i])) {
      return `Invalid ${name} field "${fields[i]}": use numbers, "*", ranges "a-b", steps "/n" and lists ","`;
    }
    const steps = (fields[i].match(/\/[0-9]+/g) ?? []).map(st =>
      Number(st.slice(1)),
    );
    if (steps.some(st => st < 1)) {
      return `Invalid ${name} step: must be at least 1`;
    }
    const numbers = fields[i].replace(/\/[0-9]+/g, '').match(/[0-9]+/g) ?? [];
    for (const n of numbers) {
      if (Number(n) < min || Number(n) > max) {
        return `Invalid ${name} value ${n}: must be between ${min} and ${max}`;
      }
    }
  }
  return undefined;
}

/** A branch name git accepts (formats.ts: gitBranchNameProblem). */
const gitBranch = () =>
  safeString({
    min: 1,
    max: 100,
    allowed:
      'a git branch name: letters, digits, ".", "_", "-" and "/" as git check-ref-format allows them',
  }).superRefine((value, ctx) => {
    const problem = gitBranchNameProblem(value);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `Invalid branch name: ${problem}`,
      });
    }
  });

// ---------------------------------------------------------------------------
// governance_context
// ---------------------------------------------------------------------------

/** governance_context: GitHub Actions plan / apply / drift, OPA, CODEOWNERS. */
export const governanceContextSchema = strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'Generate the governance scaffolding: plan / apply / drift workflows, OPA policies, CODEOWNERS, Dependabot.',
    ),
  codeowners: z
    .array(
      safeString({
        min: 2,
        max: 140,
        pattern:
          /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}|[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/,
        allowed: 'a GitHub "@user" or "@org/team"',
      }).describe('A code owner: "@user" or "@org/team".'),
    )
    .max(20)
    .default([])
    .superRefine((owners, ctx) => {
      const seen = new Set<string>();
      owners.forEach((o, i) => {
        if (seen.has(o.toLowerCase()))
          issue(ctx, [i], `Duplicate code owner "${o}"`);
        seen.add(o.toLowerCase());
      });
    })
    .describe(
      'Owners written to CODEOWNERS for the infrastructure paths ("@user" or "@org/team").',
    ),
  owner: safeString({
    min: 1,
    max: 253,
    pattern:
      /^(?:[A-Za-z]+:)?(?:[A-Za-z0-9][A-Za-z0-9_.-]*\/)?[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    allowed:
      'a Backstage entity ref such as "group:default/platform-team" or "user:default/jdoe"',
  })
    .optional()
    .describe(
      "Owner of the repository (the form's owner, a Backstage entity ref). When codeowners is empty, CODEOWNERS names it: a group as the GitHub team @<github_org>/<name>, a user as @<name>.",
    ),
  github_org: safeString({
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    allowed:
      'an organization or user name (letters, digits, "_", "." and "-"; CODEOWNERS only uses a valid GitHub name)',
  })
    .optional()
    .describe(
      'GitHub organization (or user) owning the repository: the organization of the team a group owner maps to in CODEOWNERS.',
    ),
  default_branch: gitBranch()
    .default('main')
    .describe(
      'Default branch of the generated repository (plans on PRs to it, applies on merge).',
    ),
  plan_on_pull_request: z
    .boolean()
    .default(true)
    .describe('Run terraform plan (and policy checks) on every pull request.'),
  plan_comment: z
    .boolean()
    .default(true)
    .describe('Post the plan as a pull request comment.'),
  apply_on_merge: z
    .boolean()
    .default(true)
    .describe(
      'Apply the saved plan after merge to default_branch, in the protected apply_environment.',
    ),
  apply_environment: safeString({
    min: 1,
    max: 64,
    pattern: GITHUB_ENVIRONMENT_NAME,
    allowed:
      'a GitHub environment name: letters, digits, "_", "." and "-", starting with a letter, digit or "_"',
  })
    .default('production')
    .describe(
      'GitHub environment (with required reviewers) gating the apply job.',
    ),
  required_approvals: int(0, 6)
    .default(1)
    .describe(
      'Required approving reviews on pull requests (branch protection, 0-6).',
    ),
  drift_detection_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Scheduled drift detection (plan -detailed-exitcode) that opens an issue on drift.',
    ),
  drift_schedule: safeString({
    min: 9,
    max: 64,
    allowed: 'a 5-field cron expression',
  })
    .superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `Invalid cron expression: ${problem}`,
        });
    })
    .default('0 6 * * 1-5')
    .describe(
      'Cron schedule (UTC) of drift detection, e.g. "0 6 * * 1-5" (numeric fields only).',
    ),
  policy_checks_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Run OPA policy checks (conftest on the plan JSON) in the plan workflow.',
    ),
  dependabot_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Generate Dependabot configuration for github-actions and terraform.',
    ),
  oidc_aws_role_arn: safeString({
    min: 1,
    max: 2048,
    pattern: /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/,
    allowed:
      'an IAM role ARN such as "arn:aws:iam::123456789012:role/github-terraform"',
  })
    .optional()
    .describe(
      'AWS only: role assumed by the workflows through GitHub OIDC (written as a repository variable). Unset: documented as a setup step.',
    ),
  oidc_azure_client_id: guid()
    .optional()
    .describe(
      'Azure only: client id of the app registration / managed identity federated with GitHub OIDC.',
    ),
  oidc_azure_tenant_id: guid()
    .optional()
    .describe('Azure only: Entra ID tenant id.'),
  oidc_azure_subscription_id: guid()
    .optional()
    .describe('Azure only: subscription id.'),
  oidc_gcp_workload_identity_provider: safeString({
    min: 1,
    max: 512,
    pattern:
      /^projects\/[0-9]{1,20}\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/,
    allowed:
      'a workload identity provider resource name: projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>',
  })
    .optional()
    .describe(
      'GCP only: Workload Identity Federation provider used by google-github-actions/auth.',
    ),
  oidc_gcp_service_account: safeString({
    min: 1,
    max: 254,
    pattern:
      /^[a-z]([a-z0-9-]{4,28}[a-z0-9])?@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
    allowed:
      'a service account email such as "terraform@my-project.iam.gserviceaccount.com"',
  })
    .optional()
    .describe('GCP only: service account impersonated by the workflows.'),
}).describe(
  'Governance scaffolding of the generated repository (GitHub Actions with OIDC, OPA, CODEOWNERS). Enabled by default.',
);

// ---------------------------------------------------------------------------
// addons_context
// ---------------------------------------------------------------------------

/** addons_context: cluster add-ons installed by Terraform with the Helm provider. */
export const addonsContextSchema = strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Install cluster add-ons with Terraform (helm_release, pinned charts, per-controller cloud identity). Needs a new cluster (not existing_cluster).',
    ),
  metrics_server: z
    .boolean()
    .default(true)
    .describe(
      'AWS: install metrics-server (needed by HPA). Azure/GCP: ignored, the managed control plane ships it.',
    ),
  load_balancer_controller: z
    .boolean()
    .default(true)
    .describe(
      'AWS: install the AWS Load Balancer Controller (IRSA). Azure/GCP: ignored, the cloud controller is built in.',
    ),
  external_secrets: z
    .boolean()
    .default(false)
    .describe(
      "Install External Secrets Operator with a ClusterSecretStore for the cloud's secret manager (AWS Secrets Manager, Azure Key Vault, GCP Secret Manager).",
    ),
  cluster_autoscaler: z
    .boolean()
    .default(false)
    .describe(
      'AWS only: install cluster-autoscaler (auto-discovery; needs terraform_context.cluster_autoscaling_enabled). AKS and GKE autoscale natively.',
    ),
  karpenter: z
    .boolean()
    .default(false)
    .describe(
      'AWS only: install Karpenter (just-in-time nodes). Exclusive with cluster_autoscaler.',
    ),
  prometheus_operator_crds: z
    .boolean()
    .default(true)
    .describe(
      "AWS/Azure: install the Prometheus Operator CRDs (monitoring.coreos.com: ServiceMonitor, PodMonitor, PrometheusRule, chart prometheus-operator-crds) that the chart's monitoring objects need. GCP: ignored, GKE runs Managed Service for Prometheus.",
    ),
}).describe('Cluster add-ons (seed 004). Disabled by default.');

// ---------------------------------------------------------------------------
// gitops_context
// ---------------------------------------------------------------------------

/** gitops_context: Flux per environment, Flagger canary on prod, promotion. */
export const gitopsContextSchema = strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Generate Flux GitOps manifests (GitRepository + HelmRelease per environment) for the workload.',
    ),
  environments: z
    .array(z.enum(['dev', 'staging', 'prod']).describe('An environment.'))
    .min(1)
    .max(3)
    .default(['dev', 'prod'])
    .superRefine((envs, ctx) => {
      if (new Set(envs).size !== envs.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each environment may appear only once',
        });
      }
    })
    .describe(
      'Environments with a Flux HelmRelease, promoted in this order (e.g. ["dev", "prod"]).',
    ),
  reconcile_interval: duration({
    units: ['s', 'm', 'h'],
    minMs: 30_000,
    maxMs: 86_400_000,
  })
    .default('5m')
    .describe('Flux reconciliation interval, e.g. "5m" (30s to 24h).'),
  canary_enabled: z
    .boolean()
    .default(true)
    .describe('Progressive delivery with a Flagger Canary on prod.'),
  canary_provider: z
    .enum(['istio', 'nginx', 'gatewayapi', 'kubernetes'])
    .default('kubernetes')
    .describe(
      'Flagger mesh / ingress provider: "istio" (needs helm istio_enabled), "nginx" (needs helm ingress_enabled), "gatewayapi", or "kubernetes" (blue/green without traffic weights).',
    ),
  canary_interval: duration({
    units: ['s', 'm'],
    minMs: 10_000,
    maxMs: 3_600_000,
  })
    .default('1m')
    .describe('Interval between canary analysis steps, e.g. "1m".'),
  canary_threshold: int(1, 100)
    .default(5)
    .describe('Failed checks before the canary is rolled back.'),
  canary_step_weight: int(1, 100)
    .default(10)
    .describe('Traffic weight added per step (percent).'),
  canary_max_weight: int(1, 100)
    .default(50)
    .describe('Maximum canary traffic weight before promotion (percent).'),
  promotion_strategy: z
    .enum(['pull_request', 'automatic'])
    .default('pull_request')
    .describe(
      'How a version tested in one environment reaches the next: a promotion pull request, or an automatic commit.',
    ),
  promotion_requires_tests: z
    .boolean()
    .default(true)
    .describe(
      'Promote only after the end-to-end test workflow passed in the previous environment.',
    ),
})
  .superRefine((v, ctx) => {
    if (v.canary_step_weight > v.canary_max_weight) {
      issue(
        ctx,
        ['canary_step_weight'],
        `canary_step_weight (${v.canary_step_weight}) must not exceed canary_max_weight (${v.canary_max_weight})`,
      );
    }
    if (v.enabled && v.canary_enabled && !v.environments.includes('prod')) {
      issue(
        ctx,
        ['canary_enabled'],
        'The canary runs on prod: add "prod" to environments or disable canary_enabled',
      );
    }
  })
  .describe(
    'GitOps delivery with Flux and Flagger (seed 001). Disabled by default.',
  );

// ---------------------------------------------------------------------------
// reconciliation_context
// ---------------------------------------------------------------------------

/** reconciliation_context: continuous Terraform reconciliation in the cluster. */
export const reconciliationContextSchema = strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Reconcile the Terraform stack continuously from Git with an in-cluster controller (drift correction). Needs gitops_context.enabled and a new cluster.',
    ),
  controller: z
    .enum(['tofu-controller'])
    .default('tofu-controller')
    .describe('Controller: Flux tofu-controller (Terraform custom resource).'),
  approve_plan: z
    .enum(['manual', 'auto'])
    .default('manual')
    .describe(
      '"manual": plans wait for approval (approvePlan set to the plan id); "auto": plans are applied automatically.',
    ),
  interval: duration({
    units: ['s', 'm', 'h'],
    minMs: 60_000,
    maxMs: 86_400_000,
  })
    .default('10m')
    .describe('Reconciliation interval, e.g. "10m" (1m to 24h).'),
  retry_interval: duration({
    units: ['s', 'm', 'h'],
    minMs: 10_000,
    maxMs: 86_400_000,
  })
    .default('2m')
    .describe('Retry interval after a failed reconciliation, e.g. "2m".'),
  drift_detection_enabled: z
    .boolean()
    .default(true)
    .describe(
      'Detect drift on every reconciliation (disable only for very large stacks).',
    ),
  destroy_resources_on_deletion: z
    .boolean()
    .default(false)
    .describe(
      'Destroy the cloud resources when the Terraform custom resource is deleted (dangerous; off by default).',
    ),
}).describe(
  'Terraform reconciliation controller (seed 003). Disabled by default.',
);

export type GovernanceContext = z.output<typeof governanceContextSchema>;
export type AddonsContext = z.output<typeof addonsContextSchema>;
export type GitopsContext = z.output<typeof gitopsContextSchema>;
export type ReconciliationContext = z.output<
  typeof reconciliationContextSchema
>;
export type GovernanceContextInput = z.input<typeof governanceContextSchema>;
export type AddonsContextInput = z.input<typeof addonsContextSchema>;
export type GitopsContextInput = z.input<typeof gitopsContextSchema>;
export type ReconciliationContextInput = z.input<
  typeof reconciliationContextSchema
>;
