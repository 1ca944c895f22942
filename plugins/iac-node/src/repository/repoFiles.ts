/*
 * What every generated repository gets besides the trees: the answers file
 * (what a later template upgrade renders again from) and the catalog
 * entities. Part of the generator's output: both are committed on the
 * pristine branch too.
 */
import YAML from 'yaml';
import {
  ANSWERS_PATH,
  CATALOG_INFO_PATH,
  payloadToForm,
  ANNOTATION_CLOUD,
  ANNOTATION_CLUSTER,
  ANNOTATION_CONTENT_HASH,
  ANNOTATION_REGION,
  ANNOTATION_TEMPLATES,
  formatTemplateRefs,
} from '@iacforge/plugin-iac-common';
import type { GenerateResult } from '../engine';

export { ANSWERS_PATH, CATALOG_INFO_PATH };
export const GENERATOR_VERSION = '0.1.0';

export type CatalogOptions = {
  /** Component name; default: the chart name. */
  name?: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  lifecycle?: string;
  /** For an existing cluster: the catalog Resource it runs on (e.g. resource:default/prod-eks). */
  clusterRef?: string;
  /** Source-control annotation: github.com/project-slug etc. */
  sourceControl?: { annotation: string; value: string };
  tags?: string[];
};

type PayloadShape = {
  cloud?: string;
  existing_cluster?: boolean;
  terraform_context?: Record<string, unknown>;
  helm_context?: Record<string, unknown>;
};

/** The region or location of the payload's cluster, whatever the cloud (the contract's reverse mapping). */
export function regionOf(payload: PayloadShape): string | undefined {
  const region = payloadToForm(payload).region;
  return typeof region === 'string' ? region : undefined;
}

/** The value with every object's keys sorted: the same answers give the same bytes. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(k => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * `.iacforge/answers.json`: template versions, payload (secrets removed),
 * content hash and, when catalog-info.yaml is written, its settings (so an
 * upgrade writes it again the same way).
 */
export function answersFile(
  result: GenerateResult,
  template: { entityRef?: string } | undefined,
  catalog?: CatalogOptions,
): string {
  const answers = {
    generator: { name: 'iacforge', version: GENERATOR_VERSION },
    template: template?.entityRef ?? null,
    request: result.kind,
    templates: result.templates,
    // keys sorted: an upgrade that renders the same answers writes the same file
    payload: sortKeys(result.payload),
    content_hash: result.contentHash,
    ...(catalog ? { catalog: sortKeys(catalog) } : {}),
  };
  return `${JSON.stringify(answers, null, 2)}\n`;
}

const DNS = /[^a-z0-9-]/g;

function entityName(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(DNS, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'service'
  );
}

/** `catalog-info.yaml`: a Component for the service and a Resource for a new cluster. */
export function catalogInfoFile(
  result: GenerateResult,
  options: CatalogOptions,
  template: { entityRef?: string } | undefined,
): string {
  const payload = result.payload as PayloadShape;
  const helm = payload.helm_context ?? {};
  const tf = payload.terraform_context ?? {};
  const name = entityName(
    options.name ?? String(helm.chart_name ?? tf.cluster_name ?? 'service'),
  );
  const cloud = payload.cloud;
  const region = regionOf(payload);
  // a cluster-only repository: the Component is the cluster's infrastructure code
  const isClusterOnly = result.kind === 'cluster';
  const clusterName = tf.cluster_name as string | undefined;
  const templates = formatTemplateRefs(result.templates);
  const annotations: Record<string, string> = {
    ...(template?.entityRef
      ? { 'backstage.io/source-template': template.entityRef }
      : {}),
    ...(cloud ? { [ANNOTATION_CLOUD]: cloud } : {}),
    ...(region ? { [ANNOTATION_REGION]: region } : {}),
    ...(clusterName ? { [ANNOTATION_CLUSTER]: clusterName } : {}),
    [ANNOTATION_TEMPLATES]: templates,
    [ANNOTATION_CONTENT_HASH]: result.contentHash,
    ...(options.sourceControl
      ? { [options.sourceControl.annotation]: options.sourceControl.value }
      : {}),
  };
  const tags = [
    ...new Set([
      ...(cloud ? [cloud] : []),
      ...(region ? [region] : []),
      ...(options.tags ?? []),
    ]),
  ]
    .map(t =>
      t
        .toLowerCase()
        .replace(/[^a-z0-9+#-]/g, '-')
        .slice(0, 63),
    )
    .filter(Boolean);

  const clusterResource =
    !payload.existing_cluster && clusterName
      ? `resource:${entityName(clusterName)}`
      : undefined;
  const dependsOn = [clusterResource ?? options.clusterRef].filter(
    Boolean,
  ) as string[];

  const docs: object[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        ...(options.title ? { title: options.title } : {}),
        description:
          options.description ??
          (isClusterOnly
            ? `Terraform, add-ons and governance of the ${cloud} cluster ${clusterName}, generated by IaC Forge`
            : `${String(helm.chart_name ?? name)} on ${
                payload.existing_cluster
                  ? 'an existing cluster'
                  : `${cloud} cluster ${clusterName}`
              }, generated by IaC Forge`),
        annotations,
        tags,
      },
      spec: {
        type: isClusterOnly ? 'infrastructure' : 'service',
        lifecycle: options.lifecycle ?? 'experimental',
        owner: options.owner,
        ...(options.system ? { system: options.system } : {}),
        ...(dependsOn.length ? { dependsOn } : {}),
      },
    },
  ];
  if (clusterResource && clusterName) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(clusterName),
        description: `${cloud?.toUpperCase()} Kubernetes cluster ${clusterName}${
          region ? ` in ${region}` : ''
        }, managed by the Terraform in this repository`,
        annotations: {
          ...(cloud ? { [ANNOTATION_CLOUD]: cloud } : {}),
          ...(region ? { [ANNOTATION_REGION]: region } : {}),
          [ANNOTATION_CLUSTER]: clusterName,
        },
        tags,
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: options.owner,
        ...(options.system ? { system: options.system } : {}),
      },
    });
  }
  return docs.map(d => `---\n${YAML.stringify(d, { lineWidth: 0 })}`).join('');
}
