/*
 * Payloads of the governance / GitOps matrix: a base payload per cloud (the
 * seed's unified platform payload, completed for each cloud) and the cases
 * built on it: cloud × existing_cluster × enable_native_checks × GitOps, then
 * one case per governance, GitOps and reconciliation toggle.
 */

export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
export type Cloud = (typeof CLOUDS)[number];

type Json = Record<string, any>;

const HELM = {
  chart_name: 'payments',
  chart_version: '0.1.0',
  app_version: '1.0.0',
  namespace: 'payments',
  create_namespace: true,
  image_repository: 'nginx',
  image_tag: '1.27',
  replica_count: 2,
  service_port: 80,
  container_port: 80,
};

const TERRAFORM: Record<Cloud, Json> = {
  aws: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  azure: {
    project: 'platform',
    location: 'westeurope',
    resource_group_name: 'rg-platform-dev',
    cluster_name: 'platform-aks',
    // with add-ons, AKS needs a named cluster admin (the apply identity)
    cluster_admin_principal_ids: ['bbbbbbbb-cccc-dddd-eeee-ffffffffffff'],
  },
  gcp: {
    project: 'platform',
    gcp_project_id: 'acme-platform-dev',
    gcp_region: 'europe-west1',
    cluster_name: 'platform-gke',
  },
};

/** Deep merge of plain objects (arrays and scalars of `b` win). */
export function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      a[k] &&
      typeof a[k] === 'object'
        ? merge(a[k], v)
        : v;
  }
  return out;
}

/** The base payload of a cloud: a new cluster, default governance. */
export function basePayload(cloud: Cloud, overrides: Json = {}): Json {
  const base: Json = {
    cloud,
    existing_cluster: false,
    terraform_context: TERRAFORM[cloud],
    helm_context: HELM,
  };
  const merged = merge(base, overrides);
  if (merged.existing_cluster) {
    delete merged.terraform_context;
  }
  return merged;
}

export type Case = { name: string; cloud: Cloud; payload: Json };

/** GitOps on with its defaults (dev + prod, Flagger canary on prod). */
export const GITOPS_ON = { gitops_context: { enabled: true } };

/** tofu-controller reconciliation (needs GitOps, and apply_on_merge off). */
export const RECONCILIATION_ON = {
  gitops_context: { enabled: true },
  reconciliation_context: { enabled: true },
  governance_context: { apply_on_merge: false },
};

const OIDC: Record<Cloud, Json> = {
  aws: { oidc_aws_role_arn: 'arn:aws:iam::123456789012:role/github-terraform' },
  azure: {
    oidc_azure_client_id: '11111111-2222-3333-4444-555555555555',
    oidc_azure_tenant_id: '66666666-7777-8888-9999-000000000000',
    oidc_azure_subscription_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  },
  gcp: {
    oidc_gcp_workload_identity_provider:
      'projects/123456789012/locations/global/workloadIdentityPools/github/providers/github-oidc',
    oidc_gcp_service_account:
      'terraform@acme-platform-dev.iam.gserviceaccount.com',
  },
};

/** The whole matrix. */
export function matrix(): Case[] {
  const cases: Case[] = [];
  for (const cloud of CLOUDS) {
    for (const existing of [false, true]) {
      for (const native of [false, true]) {
        for (const gitops of [false, true]) {
          cases.push({
            name: `${cloud} existing=${existing} native=${native} gitops=${gitops}`,
            cloud,
            payload: basePayload(cloud, {
              existing_cluster: existing,
              enable_native_checks: native,
              ...(gitops ? GITOPS_ON : {}),
            }),
          });
        }
      }
    }
    const governance: [string, Json][] = [
      ['no plan comment', { plan_comment: false }],
      ['plan on demand only', { plan_on_pull_request: false }],
      ['manual apply only', { apply_on_merge: false }],
      ['no drift detection', { drift_detection_enabled: false }],
      ['no policy checks', { policy_checks_enabled: false }],
      ['no dependabot', { dependabot_enabled: false }],
      [
        'owners, branch, environment, schedule, OIDC values',
        {
          codeowners: ['@acme/platform-team', '@octocat'],
          default_branch: 'trunk',
          apply_environment: 'prod.infra',
          required_approvals: 2,
          drift_schedule: '30 5 * * 1',
          ...OIDC[cloud],
        },
      ],
      [
        'everything off',
        {
          plan_comment: false,
          plan_on_pull_request: false,
          apply_on_merge: false,
          drift_detection_enabled: false,
          policy_checks_enabled: false,
          dependabot_enabled: false,
        },
      ],
    ];
    for (const [name, governance_context] of governance) {
      cases.push({
        name: `${cloud} governance: ${name}`,
        cloud,
        payload: basePayload(cloud, {
          enable_native_checks: true,
          governance_context,
        }),
      });
    }
    cases.push({
      name: `${cloud} governance disabled, GitOps on`,
      cloud,
      payload: basePayload(cloud, {
        governance_context: { enabled: false },
        ...GITOPS_ON,
      }),
    });
    const reconciliation: [string, Json][] = [
      ['manual approval', {}],
      [
        'auto approval, no drift detection, destroy on deletion',
        {
          approve_plan: 'auto',
          drift_detection_enabled: false,
          destroy_resources_on_deletion: true,
          interval: '1h',
          retry_interval: '30s',
        },
      ],
    ];
    for (const [name, reconciliation_context] of reconciliation) {
      cases.push({
        name: `${cloud} reconciliation: ${name}`,
        cloud,
        payload: basePayload(
          cloud,
          merge(RECONCILIATION_ON, {
            enable_native_checks: true,
            reconciliation_context,
          }),
        ),
      });
    }
  }
  const gitops: [string, Cloud, Json][] = [
    [
      'three environments',
      'aws',
      { gitops_context: { environments: ['dev', 'staging', 'prod'] } },
    ],
    [
      'istio canary',
      'aws',
      {
        gitops_context: { canary_provider: 'istio' },
        helm_context: {
          istio_enabled: true,
          istio_ingress_enabled: true,
          istio_gateway_ref: 'istio-system/public-gateway',
          istio_virtual_service_host: 'payments.example.com',
        },
      },
    ],
    [
      'nginx canary',
      'azure',
      {
        gitops_context: {
          canary_provider: 'nginx',
          canary_step_weight: 20,
          canary_max_weight: 60,
        },
        helm_context: {
          ingress_enabled: true,
          ingress_host: 'payments.example.com',
          ingress_class_name: 'nginx',
        },
      },
    ],
    [
      'gateway API canary',
      'gcp',
      { gitops_context: { canary_provider: 'gatewayapi' } },
    ],
    [
      'canary with HPA',
      'gcp',
      {
        helm_context: {
          hpa_enabled: true,
          hpa_min_replicas: 2,
          hpa_max_replicas: 6,
        },
      },
    ],
    ['no canary', 'azure', { gitops_context: { canary_enabled: false } }],
    [
      'dev only',
      'gcp',
      { gitops_context: { environments: ['dev'], canary_enabled: false } },
    ],
    [
      'automatic promotion without tests',
      'aws',
      {
        gitops_context: {
          promotion_strategy: 'automatic',
          promotion_requires_tests: false,
          reconcile_interval: '30s',
        },
      },
    ],
    [
      'existing cluster, staging and prod',
      'azure',
      {
        existing_cluster: true,
        gitops_context: {
          environments: ['staging', 'prod'],
          canary_interval: '30s',
          canary_threshold: 3,
        },
      },
    ],
  ];
  for (const [name, cloud, overrides] of gitops) {
    cases.push({
      name: `${cloud} gitops: ${name}`,
      cloud,
      payload: basePayload(cloud, merge(GITOPS_ON, overrides)),
    });
  }
  return cases;
}
