/*
 * Payload rules that keep the first `terraform apply` working (issue:
 * generated repositories that work on the first apply).
 */
import { clusterPayloadSchema, platformPayloadSchema } from './platform';
import { azureTerraformContextSchema } from './terraform';

const HELM = {
  chart_name: 'payments',
  namespace: 'payments',
  image_repository: 'nginx',
  image_tag: '1.27',
};
const AWS_TC = {
  project: 'platform',
  aws_region: 'us-east-1',
  cluster_name: 'platform-eks',
};
const AZURE_TC = {
  project: 'platform',
  location: 'eastus',
  resource_group_name: 'rg-platform-dev',
  cluster_name: 'platform-aks',
};
const ID = '00000000-0000-4000-8000-000000000001';

const issuesOf = (r: { success: boolean; error?: { issues: unknown[] } }) =>
  (r.error?.issues ?? []) as { path: (string | number)[]; message: string }[];

describe('AKS add-ons need a named cluster admin (defect 5)', () => {
  it('refuses add-ons without admin principals, at a field path', () => {
    const r = clusterPayloadSchema.safeParse({
      cloud: 'azure',
      terraform_context: AZURE_TC,
      addons_context: { enabled: true, external_secrets: true },
    });
    expect(issuesOf(r)).toEqual([
      expect.objectContaining({
        path: ['terraform_context', 'cluster_admin_principal_ids'],
        message: expect.stringContaining('apply identity'),
      }),
    ]);
  });

  it.each([
    ['cluster_admin_principal_ids', { cluster_admin_principal_ids: [ID] }],
    ['admin_group_object_ids', { admin_group_object_ids: [ID] }],
  ])('accepts them with %s', (_name, extra) => {
    const r = clusterPayloadSchema.safeParse({
      cloud: 'azure',
      terraform_context: { ...AZURE_TC, ...extra },
      addons_context: { enabled: true, external_secrets: true },
    });
    expect(r.success).toBe(true);
  });

  it('cluster_admin_principal_ids must be object ids', () => {
    const r = azureTerraformContextSchema.safeParse({
      ...AZURE_TC,
      cluster_admin_principal_ids: ['terraform-sp'],
    });
    expect(issuesOf(r)[0].path).toEqual(['cluster_admin_principal_ids', 0]);
  });
});

describe('AKS zones', () => {
  it('defaults to the catalog zones of a zonal location, none elsewhere', () => {
    expect(azureTerraformContextSchema.parse(AZURE_TC).node_pool_zones).toEqual(
      ['1', '2', '3'],
    );
    expect(
      azureTerraformContextSchema.parse({ ...AZURE_TC, location: 'westus' })
        .node_pool_zones,
    ).toEqual([]);
    // a location the catalog does not know: no pinning
    expect(
      azureTerraformContextSchema.parse({ ...AZURE_TC, location: 'newregion' })
        .node_pool_zones,
    ).toEqual([]);
  });

  it('refuses zones where the region has none, and duplicates', () => {
    expect(
      issuesOf(
        azureTerraformContextSchema.safeParse({
          ...AZURE_TC,
          location: 'westus',
          node_pool_zones: ['1'],
        }),
      )[0],
    ).toMatchObject({
      path: ['node_pool_zones'],
      message: expect.stringContaining('no availability zones'),
    });
    expect(
      issuesOf(
        azureTerraformContextSchema.safeParse({
          ...AZURE_TC,
          node_pool_zones: ['1', '1'],
        }),
      )[0].path,
    ).toEqual(['node_pool_zones']);
    expect(
      issuesOf(
        azureTerraformContextSchema.safeParse({
          ...AZURE_TC,
          node_pool_zones: ['4'],
        }),
      )[0].path,
    ).toEqual(['node_pool_zones', 0]);
  });
});

describe('AWS load balancers need the controller on a new cluster (defect 11)', () => {
  const platform = (helm: object, addons?: object) =>
    platformPayloadSchema.safeParse({
      cloud: 'aws',
      terraform_context: AWS_TC,
      helm_context: { ...HELM, ...helm },
      ...(addons ? { addons_context: addons } : {}),
    });

  it.each([
    ['an External Service', { load_balancer_type: 'External' }],
    ['an Internal Service', { load_balancer_type: 'Internal' }],
    [
      'an alb Ingress',
      {
        ingress_enabled: true,
        ingress_class_name: 'alb',
        ingress_host: 'a.example.com',
      },
    ],
  ])('refuses %s without the add-on', (_name, helm) => {
    expect(issuesOf(platform(helm))).toEqual([
      expect.objectContaining({
        path: ['addons_context', 'load_balancer_controller'],
      }),
    ]);
    expect(
      issuesOf(
        platform(helm, { enabled: true, load_balancer_controller: false }),
      ),
    ).toHaveLength(1);
    expect(
      platform(helm, { enabled: true, load_balancer_controller: true }).success,
    ).toBe(true);
  });

  it('leaves ClusterIP Services and existing clusters alone', () => {
    expect(platform({}).success).toBe(true);
    expect(
      platformPayloadSchema.safeParse({
        cloud: 'aws',
        existing_cluster: true,
        helm_context: { ...HELM, load_balancer_type: 'External' },
      }).success,
    ).toBe(true);
  });
});

describe('Prometheus Operator objects need their CRDs on a new EKS / AKS cluster', () => {
  const MONITORING = {
    metrics_enabled: true,
    metrics_app_enabled: true,
    metrics_service_monitor_enabled: true,
  };
  const TC = {
    aws: AWS_TC,
    azure: { ...AZURE_TC, cluster_admin_principal_ids: [ID] },
  };
  const platform = (cloud: 'aws' | 'azure', helm: object, addons?: object) =>
    platformPayloadSchema.safeParse({
      cloud,
      terraform_context: TC[cloud],
      helm_context: { ...HELM, ...helm },
      ...(addons ? { addons_context: addons } : {}),
    });

  it.each([
    ['aws', 'a ServiceMonitor', MONITORING, /ServiceMonitor/],
    ['azure', 'a ServiceMonitor', MONITORING, /ServiceMonitor/],
    [
      'aws',
      'a PodMonitor',
      {
        metrics_enabled: true,
        metrics_app_enabled: true,
        metrics_pod_monitor_enabled: true,
      },
      /PodMonitor/,
    ],
    [
      'azure',
      'a PrometheusRule',
      { scaling_alerts_enabled: true },
      /PrometheusRule/,
    ],
  ] as const)(
    '%s: refuses %s without the CRDs add-on',
    (cloud, _n, helm, kind) => {
      expect(issuesOf(platform(cloud, helm))).toEqual([
        expect.objectContaining({
          path: ['addons_context', 'prometheus_operator_crds'],
          message: expect.stringMatching(kind),
        }),
      ]);
      expect(
        issuesOf(
          platform(cloud, helm, {
            enabled: true,
            prometheus_operator_crds: false,
          }),
        ),
      ).toHaveLength(1);
      // on by default once the add-ons are
      expect(platform(cloud, helm, { enabled: true }).success).toBe(true);
    },
  );

  it('leaves GKE (Managed Prometheus), existing clusters and charts without such objects alone', () => {
    expect(platform('aws', {}).success).toBe(true);
    // a PodMonitor with nothing to scrape is not rendered
    expect(
      platform('aws', {
        metrics_enabled: true,
        metrics_pod_monitor_enabled: true,
      }).success,
    ).toBe(true);
    expect(
      platformPayloadSchema.safeParse({
        cloud: 'azure',
        existing_cluster: true,
        helm_context: { ...HELM, ...MONITORING },
      }).success,
    ).toBe(true);
    expect(
      platformPayloadSchema.safeParse({
        cloud: 'gcp',
        terraform_context: {
          project: 'platform',
          gcp_project_id: 'acme-platform',
          gcp_region: 'us-central1',
          cluster_name: 'platform-gke',
        },
        helm_context: { ...HELM, ...MONITORING },
      }).error?.issues ?? [],
    ).not.toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['addons_context', 'prometheus_operator_crds'],
        }),
      ]),
    );
  });
});
