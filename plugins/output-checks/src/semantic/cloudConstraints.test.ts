import { cloudConstraintsRule } from './cloudConstraints';
import type { ManifestObject, SemanticInput } from './types';

const GKE_TF = `resource "google_project_service" "this" {
  for_each = toset(concat(
    [
      "compute.googleapis.com",
      "container.googleapis.com",
      "iam.googleapis.com",
      "binaryauthorization.googleapis.com",
      "logging.googleapis.com",
      "monitoring.googleapis.com",
    ],
    var.database_encryption_enabled ? ["cloudkms.googleapis.com"] : [],
  ))

  service = each.value
}

resource "google_container_cluster" "this" {
  name = var.cluster_name

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  dynamic "database_encryption" {
    for_each = []
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS"]
  }

  monitoring_config {
    managed_prometheus {
      enabled = true
    }
  }
}
`;

const GKE_TFVARS = JSON.stringify({
  patch_window_start: '2025-01-04T02:00:00Z',
  patch_window_end: '2025-01-04T08:00:00Z',
  patch_window_recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
});

const EKS_TF = `resource "aws_eks_cluster" "this" {
  name = var.cluster_name
}
`;
const LBC_TF = `resource "helm_release" "aws_load_balancer_controller" {
  count = var.load_balancer_controller_enabled ? 1 : 0

  name            = "aws-load-balancer-controller"
  chart           = "aws-load-balancer-controller"
}
`;

const AKS_TF = `resource "azurerm_kubernetes_cluster" "this" {
  name = var.cluster_name
}
`;
const CRDS_TF = `resource "helm_release" "prometheus_operator_crds" {
  count = var.prometheus_operator_crds_enabled ? 1 : 0

  name    = "prometheus-operator-crds"
  chart   = "prometheus-operator-crds"
  version = "29.0.0"
}
`;
const crdsTree = (cluster: string, enabled: boolean) => ({
  'terraform/cluster.tf': cluster,
  'terraform/modules/cluster-addons/main.tf': CRDS_TF,
  'terraform/addons.auto.tfvars.json': JSON.stringify({
    addons: { prometheus_operator_crds: enabled },
  }),
});

function run(
  files: Record<string, string>,
  objects: Record<string, unknown>[] = [],
) {
  const manifests: ManifestObject[] = objects.map(object => ({
    file: 'charts/app/templates/x.yaml',
    object,
  }));
  const input: SemanticInput = {
    files: new Map(Object.entries(files)),
    manifests,
    chartsRendered: true,
  };
  return cloudConstraintsRule.run(input);
}

const messages = (findings: { message: string }[]) =>
  findings.map(f => f.message);

const gceIngress = (extra: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', ...extra.metadata! },
  spec: { rules: [], ...(extra.spec as object) },
});

const serviceMonitor = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'web' },
};
const podMonitoring = {
  apiVersion: 'monitoring.googleapis.com/v1',
  kind: 'PodMonitoring',
  metadata: { name: 'web' },
};
const nlbService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'web',
    annotations: {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
    },
  },
};

describe('cloud-constraints: good trees', () => {
  it('a GKE stack with its APIs, a 48-hour window, PodMonitoring and an annotated gce Ingress', () => {
    expect(
      run(
        {
          'terraform/main.tf': GKE_TF,
          'terraform/terraform.auto.tfvars.json': GKE_TFVARS,
        },
        [
          podMonitoring,
          gceIngress({
            metadata: { annotations: { 'kubernetes.io/ingress.class': 'gce' } },
          }),
        ],
      ),
    ).toEqual([]);
  });

  it('an EKS stack installing the AWS Load Balancer Controller, with NLB annotations', () => {
    expect(
      run(
        {
          'terraform/eks.tf': EKS_TF,
          'terraform/modules/cluster-addons/main_aws.tf': LBC_TF,
          'terraform/addons.auto.tfvars.json': JSON.stringify({
            addons: { load_balancer_controller: true },
          }),
        },
        [nlbService],
      ),
    ).toEqual([]);
  });

  it.each([
    ['EKS', EKS_TF],
    ['AKS', AKS_TF],
  ])(
    'an %s stack installing the Prometheus Operator CRDs, with a ServiceMonitor',
    (_name, cluster) => {
      expect(run(crdsTree(cluster, true), [serviceMonitor])).toEqual([]);
    },
  );

  it('a chart for an existing cluster is not judged on what the cluster has', () => {
    expect(run({}, [nlbService, serviceMonitor])).toEqual([]);
  });
});

describe('cloud-constraints: broken trees', () => {
  it('a GKE window below 48 hours per 32 days', () => {
    const findings = run({
      'terraform/terraform.auto.tfvars.json': JSON.stringify({
        patch_window_start: '2025-01-04T02:00:00Z',
        patch_window_end: '2025-01-04T06:00:00Z',
        patch_window_recurrence: 'FREQ=WEEKLY;BYDAY=SA',
      }),
    });
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'cloud-constraints',
        severity: 'error',
        file: 'terraform/terraform.auto.tfvars.json',
        message: expect.stringContaining('only 16 hours'),
      }),
    ]);
  });

  it('Binary Authorization, KMS, monitoring and logging without their APIs', () => {
    const tf = GKE_TF.replace(
      /"binaryauthorization[^\n]*\n|"logging[^\n]*\n|"monitoring[^\n]*\n/g,
      '',
    ).replace(
      'var.database_encryption_enabled ? ["cloudkms.googleapis.com"] : []',
      '[]',
    );
    const apis = messages(run({ 'terraform/main.tf': tf })).map(
      m => /needs ([a-z.]+)/.exec(m)?.[1],
    );
    expect(apis.sort()).toEqual([
      'binaryauthorization.googleapis.com',
      'cloudkms.googleapis.com',
      'logging.googleapis.com',
      'monitoring.googleapis.com',
    ]);
  });

  it('a gce Ingress selected by ingressClassName, or by both', () => {
    expect(
      messages(run({}, [gceIngress({ spec: { ingressClassName: 'gce' } })])),
    ).toEqual([expect.stringContaining('creates no load balancer')]);
    expect(
      messages(
        run({}, [
          gceIngress({
            metadata: {
              annotations: { 'kubernetes.io/ingress.class': 'gce-internal' },
            },
            spec: { ingressClassName: 'gce-internal' },
          }),
        ]),
      ),
    ).toHaveLength(1);
  });

  it('Prometheus Operator objects on a GKE stack', () => {
    expect(
      messages(
        run({ 'terraform/main.tf': GKE_TF }, [serviceMonitor, podMonitoring]),
      ),
    ).toEqual([expect.stringContaining('no Prometheus Operator CRDs')]);
  });

  it.each([
    ['EKS', EKS_TF],
    ['AKS', AKS_TF],
  ])(
    'Prometheus Operator objects on an %s stack without their CRDs',
    (name, cluster) => {
      const prometheusRule = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'web-alerts' },
      };
      // no add-ons at all
      expect(
        messages(
          run({ 'terraform/cluster.tf': cluster }, [
            serviceMonitor,
            prometheusRule,
          ]),
        ),
      ).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ServiceMonitor web .*CRDs, which the ${name} stack does not install`,
          ),
        ),
        expect.stringMatching(
          /^PrometheusRule web-alerts .*no matches for kind/,
        ),
      ]);
      // the release is there but the add-on is switched off
      expect(run(crdsTree(cluster, false), [serviceMonitor])).toHaveLength(1);
    },
  );

  it('AWS load balancer annotations or an alb Ingress without the controller', () => {
    const albIngress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { ingressClassName: 'alb' },
    };
    // no add-ons at all
    expect(
      run({ 'terraform/eks.tf': EKS_TF }, [nlbService, albIngress]),
    ).toHaveLength(2);
    // the module is there but the controller is switched off
    expect(
      run(
        {
          'terraform/eks.tf': EKS_TF,
          'terraform/modules/cluster-addons/main_aws.tf': LBC_TF,
          'terraform/addons.auto.tfvars.json': JSON.stringify({
            addons: { load_balancer_controller: false },
          }),
        },
        [nlbService],
      ),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('AWS Load Balancer Controller'),
      }),
    ]);
  });
});
