/*
 * Payloads of the API routes: /generate/platform (unified), /generate/terraform
 * and /generate/helm.
 */
import { z } from 'zod';
import { CLOUDS, Cloud } from './catalog';
import {
  addonsContextSchema,
  gitopsContextSchema,
  governanceContextSchema,
  reconciliationContextSchema,
} from './extensions';
import { helmContextSchema } from './helm';
import { strictObject } from './strict';
import { templateNameSchema } from './templates';
import {
  awsTerraformContextSchema,
  azureTerraformContextSchema,
  gcpTerraformContextSchema,
} from './terraform';

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

const CLOUD_DESCRIPTION =
  'Target cloud: "aws" (EKS; templates aws-eks + basic), "azure" (AKS; azure-aks + aks-basic) or "gcp" (GKE; gcp-gke + gke-basic).';

const cloudLiteral = (cloud: Cloud) =>
  z.literal(cloud).describe(CLOUD_DESCRIPTION);

const terraformTemplateField = () =>
  templateNameSchema
    .optional()
    .describe(
      'Override of the Terraform template (default per cloud: aws-eks, azure-aks, gcp-gke). Must support the cloud.',
    );

const helmTemplateField = () =>
  templateNameSchema
    .optional()
    .describe(
      'Override of the Helm template (default per cloud: basic, aks-basic, gke-basic). Must support the cloud.',
    );

const TERRAFORM_CONTEXT_DESCRIPTION =
  'Terraform inputs for the new cluster (fields depend on cloud). Required unless existing_cluster is true, and not allowed then.';

const commonPlatformShape = () => ({
  existing_cluster: z
    .boolean()
    .default(false)
    .describe(
      'Deploy to an existing cluster: Terraform generation is skipped and only Helm (and governance / GitOps) artifacts are produced.',
    ),
  helm_context: helmContextSchema,
  terraform_template: terraformTemplateField(),
  helm_template: helmTemplateField(),
  enable_native_checks: z
    .boolean()
    .default(false)
    .describe(
      "Add the cloud's native check step to the generated plan / drift workflows (run with the cloud CLI after OIDC login).",
    ),
  governance_context: governanceContextSchema.prefault({}),
  addons_context: addonsContextSchema.prefault({}),
  gitops_context: gitopsContextSchema.prefault({}),
  reconciliation_context: reconciliationContextSchema.prefault({}),
});

const awsPlatformSchema = strictObject({
  cloud: cloudLiteral('aws'),
  terraform_context: awsTerraformContextSchema
    .optional()
    .describe(TERRAFORM_CONTEXT_DESCRIPTION),
  ...commonPlatformShape(),
});
const azurePlatformSchema = strictObject({
  cloud: cloudLiteral('azure'),
  terraform_context: azureTerraformContextSchema
    .optional()
    .describe(TERRAFORM_CONTEXT_DESCRIPTION),
  ...commonPlatformShape(),
});
const gcpPlatformSchema = strictObject({
  cloud: cloudLiteral('gcp'),
  terraform_context: gcpTerraformContextSchema
    .optional()
    .describe(TERRAFORM_CONTEXT_DESCRIPTION),
  ...commonPlatformShape(),
});

type HelmIdentityValues = {
  aws_iam_role_arn?: string;
  azure_workload_identity_client_id?: string;
  gcp_service_account_email?: string;
};

const IDENTITY_FIELDS: ReadonlyArray<
  readonly [keyof HelmIdentityValues, Cloud]
> = [
  ['aws_iam_role_arn', 'aws'],
  ['azure_workload_identity_client_id', 'azure'],
  ['gcp_service_account_email', 'gcp'],
];

const IDENTITY_FIELD_BY_CLOUD: Record<Cloud, keyof HelmIdentityValues> = {
  aws: 'aws_iam_role_arn',
  azure: 'azure_workload_identity_client_id',
  gcp: 'gcp_service_account_email',
};

function checkHelmIdentity(cloud: Cloud, helm: HelmIdentityValues, ctx: Ctx) {
  for (const [field, owner] of IDENTITY_FIELDS) {
    if (helm[field] !== undefined && owner !== cloud) {
      issue(
        ctx,
        ['helm_context', field],
        `${field} is a ${owner} identity and cannot be used with cloud "${cloud}": use ${IDENTITY_FIELD_BY_CLOUD[cloud]}`,
      );
    }
  }
}

const OIDC_FIELDS: ReadonlyArray<readonly [string, Cloud]> = [
  ['oidc_aws_role_arn', 'aws'],
  ['oidc_azure_client_id', 'azure'],
  ['oidc_azure_tenant_id', 'azure'],
  ['oidc_azure_subscription_id', 'azure'],
  ['oidc_gcp_workload_identity_provider', 'gcp'],
  ['oidc_gcp_service_account', 'gcp'],
];

type PlatformValues = z.output<
  | typeof awsPlatformSchema
  | typeof azurePlatformSchema
  | typeof gcpPlatformSchema
>;

/** The payload fields the platform and cluster payloads share with their checks. */
type ClusterExtensionValues = {
  cloud: Cloud;
  existing_cluster?: boolean;
  terraform_context?: {
    cluster_autoscaling_enabled?: boolean;
    admin_group_object_ids?: string[];
    cluster_admin_principal_ids?: string[];
  };
  governance_context: PlatformValues['governance_context'];
  addons_context: PlatformValues['addons_context'];
};

function checkClusterExtensions(v: ClusterExtensionValues, ctx: Ctx) {
  const { cloud } = v;
  const governance = v.governance_context as Record<string, unknown>;

  for (const [field, owner] of OIDC_FIELDS) {
    if (governance[field] !== undefined && owner !== cloud) {
      issue(
        ctx,
        ['governance_context', field],
        `${field} is for cloud "${owner}" and cannot be used with cloud "${cloud}"`,
      );
    }
  }

  const addons = v.addons_context;
  if (addons.enabled) {
    if (v.existing_cluster) {
      issue(
        ctx,
        ['addons_context', 'enabled'],
        "Add-ons are installed by the cluster's Terraform, which is skipped when existing_cluster is true: disable addons_context",
      );
    }
    if (addons.karpenter && cloud !== 'aws') {
      issue(
        ctx,
        ['addons_context', 'karpenter'],
        `Karpenter is only offered on aws; ${
          cloud === 'azure' ? 'AKS' : 'GKE'
        } scales nodes natively (terraform_context.cluster_autoscaling_enabled)`,
      );
    }
    if (addons.cluster_autoscaler && cloud !== 'aws') {
      issue(
        ctx,
        ['addons_context', 'cluster_autoscaler'],
        `The cluster-autoscaler add-on is only for aws; ${
          cloud === 'azure' ? 'AKS' : 'GKE'
        } has a managed autoscaler: use terraform_context.cluster_autoscaling_enabled`,
      );
    }
    if (addons.karpenter && addons.cluster_autoscaler) {
      issue(
        ctx,
        ['addons_context', 'karpenter'],
        'karpenter and cluster_autoscaler are mutually exclusive: both would provision nodes. Choose one',
      );
    }
    const tc = v.terraform_context;
    if (
      cloud === 'azure' &&
      tc &&
      !tc.admin_group_object_ids?.length &&
      !tc.cluster_admin_principal_ids?.length
    ) {
      issue(
        ctx,
        ['terraform_context', 'cluster_admin_principal_ids'],
        'Required with add-ons on azure: the object id of the apply identity (or admin_group_object_ids with a group it is in), which installs the charts through Azure RBAC. Nothing is granted to whoever runs Terraform',
      );
    }
    if (
      cloud === 'aws' &&
      addons.cluster_autoscaler &&
      v.terraform_context &&
      !v.terraform_context.cluster_autoscaling_enabled
    ) {
      issue(
        ctx,
        ['addons_context', 'cluster_autoscaler'],
        'cluster-autoscaler discovers node groups by tag: set terraform_context.cluster_autoscaling_enabled to true',
      );
    }
  }
}

/**
 * On a new EKS cluster, LoadBalancer Services (the chart's NLB annotations)
 * and "alb" Ingresses are served only by the AWS Load Balancer Controller:
 * without it the Service stays pending, so the add-on must be installed.
 */
function checkAwsLoadBalancerController(v: PlatformValues, ctx: Ctx) {
  if (v.cloud !== 'aws' || v.existing_cluster) return;
  const helm = v.helm_context;
  let needs: string | undefined;
  if (helm.load_balancer_type !== 'ClusterIP') {
    needs = `helm_context.load_balancer_type "${helm.load_balancer_type}"`;
  } else if (helm.ingress_enabled && helm.ingress_class_name === 'alb') {
    needs = 'helm_context.ingress_class_name "alb"';
  }
  const addons = v.addons_context;
  if (needs && !(addons.enabled && addons.load_balancer_controller)) {
    issue(
      ctx,
      ['addons_context', 'load_balancer_controller'],
      `${needs} needs the AWS Load Balancer Controller on the new EKS cluster: set addons_context.enabled and addons_context.load_balancer_controller to true (Terraform then installs it and must reach the API endpoint), or use load_balancer_type "ClusterIP" behind another ingress`,
    );
  }
}

/**
 * The Prometheus Operator objects (monitoring.coreos.com) the chart renders
 * for these inputs, as the chart's templates decide (servicemonitor.yaml,
 * podmonitor.yaml, alerts-*-prometheusrule.yaml); none on GKE, where the
 * chart renders Managed Service for Prometheus kinds instead.
 */
export function prometheusOperatorObjects(
  cloud: Cloud,
  helm: PlatformValues['helm_context'],
): string[] {
  if (cloud === 'gcp') return [];
  const kinds: string[] = [];
  const metrics = helm.metrics_enabled;
  const serviceMonitor =
    metrics && helm.metrics_app_enabled && helm.metrics_service_monitor_enabled;
  if (serviceMonitor) kinds.push('ServiceMonitor');
  const podMonitorApp =
    metrics &&
    helm.metrics_app_enabled &&
    !helm.metrics_service_monitor_enabled;
  if (
    metrics &&
    helm.metrics_pod_monitor_enabled &&
    (podMonitorApp || helm.istio_enabled)
  ) {
    kinds.push('PodMonitor');
  }
  if (helm.scaling_alerts_enabled || helm.quota_alerts_enabled) {
    kinds.push('PrometheusRule');
  }
  return kinds;
}

/**
 * On a new EKS or AKS cluster nothing installs the Prometheus Operator CRDs:
 * without them the chart's ServiceMonitor / PodMonitor / PrometheusRule are
 * refused on install ("no matches for kind"), so the add-on must install
 * them. An existing cluster is the platform team's: the chart README states
 * the prerequisite.
 */
function checkPrometheusOperatorCrds(v: PlatformValues, ctx: Ctx) {
  if (v.cloud === 'gcp' || v.existing_cluster) return;
  const kinds = prometheusOperatorObjects(v.cloud, v.helm_context);
  const addons = v.addons_context;
  if (kinds.length && !(addons.enabled && addons.prometheus_operator_crds)) {
    issue(
      ctx,
      ['addons_context', 'prometheus_operator_crds'],
      `The chart renders ${kinds.join(
        ', ',
      )} (monitoring.coreos.com), whose CRDs a new ${
        v.cloud === 'aws' ? 'EKS' : 'AKS'
      } cluster does not have: set addons_context.enabled and addons_context.prometheus_operator_crds to true (Terraform then installs them and must reach the API endpoint), or turn off the chart's ServiceMonitor / PodMonitor / alerts`,
    );
  }
}

function checkPlatform(v: PlatformValues, ctx: Ctx) {
  const { cloud } = v;
  if (!v.existing_cluster && v.terraform_context === undefined) {
    issue(
      ctx,
      ['terraform_context'],
      `Required when existing_cluster is false: the Terraform inputs of the new ${cloud} cluster (set existing_cluster to true to deploy to an existing cluster)`,
    );
  }
  if (v.existing_cluster && v.terraform_context !== undefined) {
    issue(
      ctx,
      ['terraform_context'],
      'Not allowed when existing_cluster is true (Terraform is skipped): remove terraform_context or set existing_cluster to false',
    );
  }
  if (v.existing_cluster && v.terraform_template !== undefined) {
    issue(
      ctx,
      ['terraform_template'],
      'Not used when existing_cluster is true (Terraform is skipped): remove terraform_template',
    );
  }

  checkHelmIdentity(cloud, v.helm_context, ctx);
  checkClusterExtensions(v, ctx);
  checkAwsLoadBalancerController(v, ctx);
  checkPrometheusOperatorCrds(v, ctx);

  const gitops = v.gitops_context;
  if (gitops.enabled && gitops.canary_enabled) {
    if (gitops.canary_provider === 'istio' && !v.helm_context.istio_enabled) {
      issue(
        ctx,
        ['gitops_context', 'canary_provider'],
        'canary_provider "istio" requires helm_context.istio_enabled',
      );
    }
    if (gitops.canary_provider === 'nginx' && !v.helm_context.ingress_enabled) {
      issue(
        ctx,
        ['gitops_context', 'canary_provider'],
        'canary_provider "nginx" requires helm_context.ingress_enabled (Flagger shifts traffic through the NGINX Ingress)',
      );
    }
  }

  const reconciliation = v.reconciliation_context;
  if (reconciliation.enabled) {
    if (v.existing_cluster) {
      issue(
        ctx,
        ['reconciliation_context', 'enabled'],
        'There is no Terraform to reconcile when existing_cluster is true: disable reconciliation_context',
      );
    }
    if (!gitops.enabled) {
      issue(
        ctx,
        ['reconciliation_context', 'enabled'],
        'tofu-controller reads the stack from a Flux source: enable gitops_context as well',
      );
    }
    if (v.governance_context.enabled && v.governance_context.apply_on_merge) {
      issue(
        ctx,
        ['reconciliation_context', 'enabled'],
        'Two appliers would race: with in-cluster reconciliation set governance_context.apply_on_merge to false (pull requests keep plan and policy checks)',
      );
    }
  }
}

/**
 * Unified platform payload (/generate/platform): cloud, new or existing
 * cluster, Terraform and Helm inputs, template overrides and extensions.
 */
export const platformPayloadSchema = z
  .discriminatedUnion('cloud', [
    awsPlatformSchema,
    azurePlatformSchema,
    gcpPlatformSchema,
  ])
  .superRefine(checkPlatform)
  .describe(
    'Unified platform payload: a new cluster (Terraform) or an existing one, plus the workload chart, governance, add-ons, GitOps and reconciliation.',
  );

/** Terraform-only payload (/generate/terraform). */
export const terraformPayloadSchema = z
  .discriminatedUnion('cloud', [
    strictObject({
      cloud: cloudLiteral('aws'),
      terraform_template: terraformTemplateField(),
      terraform_context: awsTerraformContextSchema,
    }),
    strictObject({
      cloud: cloudLiteral('azure'),
      terraform_template: terraformTemplateField(),
      terraform_context: azureTerraformContextSchema,
    }),
    strictObject({
      cloud: cloudLiteral('gcp'),
      terraform_template: terraformTemplateField(),
      terraform_context: gcpTerraformContextSchema,
    }),
  ])
  .describe(
    'Terraform-only payload: cloud, optional template override and terraform_context.',
  );

const clusterShape = () => ({
  terraform_template: terraformTemplateField(),
  enable_native_checks: commonPlatformShape().enable_native_checks,
  governance_context: governanceContextSchema.prefault({}),
  addons_context: addonsContextSchema.prefault({}),
});

/**
 * Cluster-only payload (/generate/cluster): the new cluster's Terraform,
 * its add-ons and the governance workflows, without a workload chart.
 */
export const clusterPayloadSchema = z
  .discriminatedUnion('cloud', [
    strictObject({
      cloud: cloudLiteral('aws'),
      terraform_context: awsTerraformContextSchema.describe(
        TERRAFORM_CONTEXT_DESCRIPTION,
      ),
      ...clusterShape(),
    }),
    strictObject({
      cloud: cloudLiteral('azure'),
      terraform_context: azureTerraformContextSchema.describe(
        TERRAFORM_CONTEXT_DESCRIPTION,
      ),
      ...clusterShape(),
    }),
    strictObject({
      cloud: cloudLiteral('gcp'),
      terraform_context: gcpTerraformContextSchema.describe(
        TERRAFORM_CONTEXT_DESCRIPTION,
      ),
      ...clusterShape(),
    }),
  ])
  .superRefine(checkClusterExtensions)
  .describe(
    'Cluster-only payload: a new cluster (Terraform), its add-ons and the governance workflows, without a workload chart.',
  );

/** Helm-only payload (/generate/helm). */
export const helmPayloadSchema = strictObject({
  cloud: z
    .enum(CLOUDS)
    .optional()
    .describe(
      `${CLOUD_DESCRIPTION} Optional here: without it the generic "basic" chart is used and cloud identity fields are not allowed.`,
    ),
  helm_template: helmTemplateField(),
  helm_context: helmContextSchema,
})
  .superRefine((v, ctx) => {
    if (v.cloud) {
      checkHelmIdentity(v.cloud, v.helm_context, ctx);
    } else {
      for (const [field, owner] of IDENTITY_FIELDS) {
        if (v.helm_context[field] !== undefined) {
          issue(
            ctx,
            ['cloud'],
            `Required when helm_context.${field} is set: set cloud to "${owner}"`,
          );
        }
      }
    }
  })
  .describe(
    'Helm-only payload: optional cloud, optional template override and helm_context.',
  );

/** Parsed platform payload (defaults applied); narrow on `cloud` for terraform_context. */
export type PlatformPayload = z.output<typeof platformPayloadSchema>;
/** Platform payload as accepted on input. */
export type PlatformPayloadInput = z.input<typeof platformPayloadSchema>;
/** Parsed terraform payload. */
export type TerraformPayload = z.output<typeof terraformPayloadSchema>;
/** Terraform payload as accepted on input. */
export type TerraformPayloadInput = z.input<typeof terraformPayloadSchema>;
/** Parsed helm payload. */
export type ClusterPayload = z.output<typeof clusterPayloadSchema>;
/** Input type of the cluster payload. */
export type ClusterPayloadInput = z.input<typeof clusterPayloadSchema>;
/** Parsed helm-only payload. */
export type HelmPayload = z.output<typeof helmPayloadSchema>;
/** Helm payload as accepted on input. */
export type HelmPayloadInput = z.input<typeof helmPayloadSchema>;
