/*
 * cloud-constraints: cloud rules that every syntax and schema check passes
 * but `terraform apply` or the cloud then refuses (or silently ignores):
 *  - GKE: at least 48 hours of maintenance window in every 32 days
 *    (the tfvars' patch_window_*);
 *  - GKE: every API a feature of the stack uses is in google_project_service;
 *  - GKE Ingress (class gce / gce-internal) is selected by the
 *    kubernetes.io/ingress.class annotation, not spec.ingressClassName;
 *  - a GKE stack runs Managed Service for Prometheus: no Prometheus Operator
 *    (monitoring.coreos.com) objects, whose CRDs do not exist there;
 *  - an EKS or AKS stack installs the Prometheus Operator CRDs (add-on
 *    prometheus_operator_crds) when the tree has monitoring.coreos.com
 *    objects;
 *  - AWS load balancer annotations / alb Ingresses need the AWS Load
 *    Balancer Controller installed by the EKS stack.
 * Trees without the cluster's Terraform (an existing cluster) are not judged
 * on what the cluster has.
 */
import { maintenanceAvailabilityProblem } from '@iacforge/plugin-iac-common';
import type { FileMap } from '../files';
import type { Finding } from '../types';
import type { ManifestObject, SemanticRule } from './types';

const CHECK = 'cloud-constraints' as const;

const error = (file: string, message: string): Finding => ({
  check: CHECK,
  severity: 'error',
  file,
  message,
});

const dirOf = (file: string) =>
  file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';

/** The .tf files of each directory, by directory. */
function terraformDirs(files: FileMap): Map<string, [string, string][]> {
  const dirs = new Map<string, [string, string][]>();
  for (const [file, text] of files) {
    if (!file.endsWith('.tf')) continue;
    const list = dirs.get(dirOf(file)) ?? [];
    list.push([file, text]);
    dirs.set(dirOf(file), list);
  }
  return dirs;
}

/** The source of every `resource "<type>" "<name>" { … }` block of a file. */
function resourceBlocks(text: string, type: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^resource "${type}" "[^"]+" \\{$`, 'gm');
  for (const m of text.matchAll(re)) {
    const end = text.indexOf('\n}', m.index);
    out.push(text.slice(m.index, end < 0 ? undefined : end + 2));
  }
  return out;
}

const hasResource = (files: FileMap, type: string) =>
  [...files].some(
    ([file, text]) =>
      file.endsWith('.tf') && resourceBlocks(text, type).length > 0,
  );

// ---------------------------------------------------------------------------
// GKE: maintenance window, APIs
// ---------------------------------------------------------------------------

function checkMaintenanceWindows(files: FileMap): Finding[] {
  const findings: Finding[] = [];
  for (const [file, text] of files) {
    if (!/(^|\/)terraform\.auto\.tfvars\.json$/.test(file)) continue;
    let values: Record<string, unknown>;
    try {
      values = JSON.parse(text);
    } catch {
      continue; // the json check reports it
    }
    const { patch_window_start, patch_window_end, patch_window_recurrence } =
      values;
    if (
      typeof patch_window_start === 'string' &&
      typeof patch_window_end === 'string' &&
      typeof patch_window_recurrence === 'string'
    ) {
      const problem = maintenanceAvailabilityProblem(
        patch_window_start,
        patch_window_end,
        patch_window_recurrence,
      );
      if (problem) findings.push(error(file, problem));
    }
  }
  return findings;
}

/** API each feature of a GKE stack needs: [what is used, how to see it, API]. */
const GKE_FEATURE_APIS: ReadonlyArray<readonly [string, RegExp, string]> = [
  ['GKE', /^resource "google_container_cluster"/m, 'container.googleapis.com'],
  [
    'a VPC network or GKE nodes',
    /^resource "google_(container_cluster|compute_[a-z_]+)"/m,
    'compute.googleapis.com',
  ],
  [
    'a service account',
    /^resource "google_service_account"/m,
    'iam.googleapis.com',
  ],
  [
    'Binary Authorization',
    /^\s+binary_authorization \{/m,
    'binaryauthorization.googleapis.com',
  ],
  [
    'database encryption with Cloud KMS',
    /database_encryption|^resource "google_kms_/m,
    'cloudkms.googleapis.com',
  ],
  [
    'Managed Service for Prometheus / Cloud Monitoring',
    /^\s+(managed_prometheus|monitoring_config) \{/m,
    'monitoring.googleapis.com',
  ],
  ['Cloud Logging', /^\s+logging_config \{/m, 'logging.googleapis.com'],
];

function checkGkeApis(files: FileMap): Finding[] {
  const findings: Finding[] = [];
  for (const [, tfFiles] of terraformDirs(files)) {
    const cluster = tfFiles.find(
      ([, text]) => resourceBlocks(text, 'google_container_cluster').length,
    );
    if (!cluster) continue;
    const enabled = new Set(
      tfFiles.flatMap(([, text]) =>
        resourceBlocks(text, 'google_project_service').flatMap(b =>
          [...b.matchAll(/"([a-z0-9]+\.googleapis\.com)"/g)].map(m => m[1]),
        ),
      ),
    );
    for (const [feature, used, api] of GKE_FEATURE_APIS) {
      const where = tfFiles.find(([, text]) => used.test(text));
      if (where && !enabled.has(api)) {
        findings.push(
          error(
            where[0],
            `${feature} needs ${api}, which no google_project_service of this stack enables: the first apply fails with SERVICE_DISABLED`,
          ),
        );
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------
// Kubernetes objects against the stack
// ---------------------------------------------------------------------------

const GCE_CLASSES = new Set(['gce', 'gce-internal']);

function annotationsOf(o: Record<string, unknown>): Record<string, unknown> {
  const metadata = o.metadata as Record<string, unknown> | undefined;
  return (metadata?.annotations as Record<string, unknown>) ?? {};
}

function checkGceIngress(m: ManifestObject): Finding[] {
  const o = m.object;
  if (o.kind !== 'Ingress') return [];
  const spec = (o.spec as Record<string, unknown>) ?? {};
  const className = spec.ingressClassName;
  const annotation = annotationsOf(o)['kubernetes.io/ingress.class'];
  const name = `Ingress ${String(
    (o.metadata as Record<string, unknown>)?.name ?? '',
  )}`;
  if (typeof className === 'string' && GCE_CLASSES.has(className)) {
    return [
      error(
        m.file,
        `${name}: GKE's Ingress controller ignores spec.ingressClassName "${className}" and creates no load balancer; set the kubernetes.io/ingress.class: ${className} annotation instead (the API server refuses both at once)`,
      ),
    ];
  }
  if (
    typeof annotation === 'string' &&
    GCE_CLASSES.has(annotation) &&
    className !== undefined
  ) {
    return [
      error(
        m.file,
        `${name}: the kubernetes.io/ingress.class annotation and spec.ingressClassName cannot both be set (the API server refuses the Ingress)`,
      ),
    ];
  }
  return [];
}

const objectName = (m: ManifestObject) =>
  `${String(m.object.kind)} ${String(
    (m.object.metadata as Record<string, unknown>)?.name ?? '',
  )}`;

function checkGkeMonitoring(m: ManifestObject): Finding[] {
  const apiVersion = String(m.object.apiVersion ?? '');
  if (!apiVersion.startsWith('monitoring.coreos.com/')) return [];
  return [
    error(
      m.file,
      `${objectName(
        m,
      )}: the GKE stack runs Managed Service for Prometheus, which has no Prometheus Operator CRDs (${apiVersion}); use monitoring.googleapis.com PodMonitoring / ClusterPodMonitoring / Rules`,
    ),
  ];
}

function usesAwsLoadBalancer(o: Record<string, unknown>): string | undefined {
  const aws = Object.keys(annotationsOf(o)).find(
    k =>
      k.startsWith('service.beta.kubernetes.io/aws-load-balancer-') ||
      k.startsWith('alb.ingress.kubernetes.io/'),
  );
  if (aws) return `the annotation ${aws}`;
  const spec = (o.spec as Record<string, unknown>) ?? {};
  if (o.kind === 'Ingress' && spec.ingressClassName === 'alb') {
    return 'ingressClassName "alb"';
  }
  return undefined;
}

/**
 * Whether the cluster stack of the tree installs a chart: a helm_release of
 * it exists and the add-on toggle in addons.auto.tfvars.json is on.
 */
function addonInstalled(
  files: FileMap,
  chart: string,
  toggle: string,
): boolean {
  const release = [...files].some(
    ([file, text]) =>
      file.endsWith('.tf') &&
      resourceBlocks(text, 'helm_release').some(b =>
        new RegExp(`chart\\s*=\\s*"${chart}"`).test(b),
      ),
  );
  const enabled = [...files].some(([file, text]) => {
    if (!/(^|\/)addons\.auto\.tfvars\.json$/.test(file)) return false;
    try {
      return JSON.parse(text).addons?.[toggle] === true;
    } catch {
      return false;
    }
  });
  return release && enabled;
}

const awsLoadBalancerControllerInstalled = (files: FileMap) =>
  addonInstalled(
    files,
    'aws-load-balancer-controller',
    'load_balancer_controller',
  );

function checkOperatorCrds(m: ManifestObject, stack: string): Finding[] {
  const apiVersion = String(m.object.apiVersion ?? '');
  if (!apiVersion.startsWith('monitoring.coreos.com/')) return [];
  return [
    error(
      m.file,
      `${objectName(
        m,
      )} (${apiVersion}) needs the Prometheus Operator CRDs, which the ${stack} stack does not install (addons_context.prometheus_operator_crds, helm_release of prometheus-operator-crds): the install fails with "no matches for kind"`,
    ),
  ];
}

export const cloudConstraintsRule: SemanticRule = {
  check: CHECK,
  description:
    'Cloud constraints that fail plan/apply: GKE maintenance window total, APIs for features used, gce Ingress class annotation, CRDs of monitoring objects (GKE: none; EKS/AKS: installed by the stack), AWS load balancer controller present',
  run(input) {
    const { files, manifests } = input;
    const findings: Finding[] = [
      ...checkMaintenanceWindows(files),
      ...checkGkeApis(files),
    ];
    const gkeStack = hasResource(files, 'google_container_cluster');
    const eksStack = hasResource(files, 'aws_eks_cluster');
    const lbController = eksStack && awsLoadBalancerControllerInstalled(files);
    let operatorStack: string | undefined;
    if (eksStack) operatorStack = 'EKS';
    else if (hasResource(files, 'azurerm_kubernetes_cluster')) {
      operatorStack = 'AKS';
    }
    const operatorCrds =
      operatorStack !== undefined &&
      addonInstalled(
        files,
        'prometheus-operator-crds',
        'prometheus_operator_crds',
      );
    for (const m of manifests) {
      findings.push(...checkGceIngress(m));
      if (gkeStack) findings.push(...checkGkeMonitoring(m));
      if (operatorStack && !operatorCrds) {
        findings.push(...checkOperatorCrds(m, operatorStack));
      }
      if (eksStack && !lbController) {
        const what = usesAwsLoadBalancer(m.object);
        if (what) {
          findings.push(
            error(
              m.file,
              `${objectName(
                m,
              )} uses ${what}, but the EKS stack does not install the AWS Load Balancer Controller (addons_context.load_balancer_controller): no load balancer would be created`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
