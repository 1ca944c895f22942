/*
 * Form → payload mapping. A scaffolder form is flat (every step's fields are
 * merged into one object); the generator wants the nested contract payload
 * (`cloud`, `terraform_context`, `helm_context`, …). The mapping below is the
 * agreement between template authors and the IacPreview field: a form field
 * name → a dotted payload path. Template authors can override it per field
 * with `ui:options.mapping` (see docs/frontend.md).
 */
import { CLOUD_CATALOG, CLOUDS, Cloud } from '@iacforge/plugin-iac-common';
import type { GenerateKind, ValidationIssue } from '../api/types';

/** Values of the IacCloudPicker field. */
export type CloudChoice = Cloud | 'existing';

/** Where a form field goes in the payload. */
export type MappingTarget =
  | string
  | {
      /** Dotted payload path, e.g. "helm_context.chart_name". */
      path: string;
      /** Only for these clouds (a stale value of another cloud is dropped). */
      clouds?: Cloud[];
      /**
       * Only when this form field is truthy ("!field": falsy), e.g.
       * ingress_host only when ingress_enabled, as templates write
       * `${{ parameters.ingress_host if parameters.ingress_enabled }}`.
       */
      when?: string;
    }
  | null;

/** Form field name → payload target (null removes a default entry). */
export type FieldMapping = Record<string, MappingTarget>;

/** The value of an IacNodePool field. */
export interface NodePoolValue {
  instance_type?: string;
  min_size?: number;
  desired_size?: number;
  max_size?: number;
}

/** `ui:options` of IacPreview that shape the payload. */
export interface PayloadOptions {
  /** Form field holding the IacCloudPicker value (default "cloud"). */
  cloudField?: string;
  /** Form field with the cloud of an existing cluster (default "existing_cluster_cloud"; "aws" when unset). */
  existingCloudField?: string;
  /** Form field holding the IacRegionPicker value (default "region"). */
  regionField?: string;
  /** Form field holding the IacNodePool value (default "node_pool"). */
  nodePoolField?: string;
  /** Overrides of the default mapping (merged over it). */
  mapping?: FieldMapping;
  /** Static payload parts, deep-merged under the form values. */
  extra?: Record<string, unknown>;
  /** Request kind (default "platform"): helm and terraform get a projection. */
  kind?: GenerateKind;
}

const helm = (field: string) => `helm_context.${field}`;
const tf = (field: string) => `terraform_context.${field}`;

const HELM_FIELDS = [
  'chart_name',
  'chart_version',
  'app_version',
  'namespace',
  'create_namespace',
  'image_repository',
  'image_tag',
  'image_digest',
  'image_pull_policy',
  'replica_count',
  'service_port',
  'container_port',
  'load_balancer_type',
  'cpu_request',
  'cpu_limit',
  'memory_request',
  'memory_limit',
  'probe_type',
  'liveness_probe_path',
  'readiness_probe_path',
  'hpa_enabled',
  'keda_enabled',
  'ingress_enabled',
  'istio_enabled',
  'metrics_enabled',
  'logs_enabled',
  'telemetry_enabled',
  'audit_enabled',
  'pdb_enabled',
  'quota_enabled',
  'env',
  'env_from_secrets',
] as const;

const TERRAFORM_FIELDS = [
  'project',
  'environment',
  'cluster_name',
  'kubernetes_version',
  'cluster_autoscaling_enabled',
  'endpoint_public_access',
  'endpoint_public_access_cidrs',
  'tags',
] as const;

/**
 * The default mapping: form field → payload path. Besides these, three
 * fields are special (see buildPayload): the cloud (IacCloudPicker), the
 * region (IacRegionPicker) and the node pool (IacNodePool).
 */
export const DEFAULT_MAPPING: Readonly<FieldMapping> =
  Object.freeze<FieldMapping>({
    ...Object.fromEntries(TERRAFORM_FIELDS.map(f => [f, tf(f)])),
    gcp_project_id: { path: tf('gcp_project_id'), clouds: ['gcp'] },
    resource_group_name: { path: tf('resource_group_name'), clouds: ['azure'] },
    ...Object.fromEntries(HELM_FIELDS.map(f => [f, helm(f)])),
    // only with their switch on (stale values of hidden fields stay out)
    ...Object.fromEntries(
      [
        'hpa_min_replicas',
        'hpa_max_replicas',
        'hpa_cpu_utilization_target',
        'hpa_memory_utilization_target',
      ].map(f => [f, { path: helm(f), when: 'hpa_enabled' }]),
    ),
    ...Object.fromEntries(
      ['ingress_host', 'ingress_class_name', 'ingress_path'].map(f => [
        f,
        { path: helm(f), when: 'ingress_enabled' },
      ]),
    ),
    aws_iam_role_arn: { path: helm('aws_iam_role_arn'), clouds: ['aws'] },
    azure_workload_identity_client_id: {
      path: helm('azure_workload_identity_client_id'),
      clouds: ['azure'],
    },
    gcp_service_account_email: {
      path: helm('gcp_service_account_email'),
      clouds: ['gcp'],
    },
    terraform_template: 'terraform_template',
    helm_template: 'helm_template',
    enable_native_checks: 'enable_native_checks',
    governance_enabled: 'governance_context.enabled',
    codeowners: 'governance_context.codeowners',
    // the owner picker and the repository owner: CODEOWNERS (iac-common codeowners.ts)
    owner: 'governance_context.owner',
    repo_owner: 'governance_context.github_org',
    default_branch: 'governance_context.default_branch',
    required_approvals: 'governance_context.required_approvals',
    addons_enabled: 'addons_context.enabled',
    gitops_enabled: 'gitops_context.enabled',
    canary_enabled: 'gitops_context.canary_enabled',
    reconciliation_enabled: 'reconciliation_context.enabled',
    // whole objects pass through (deep-merged)
    terraform_context: 'terraform_context',
    helm_context: 'helm_context',
    governance_context: 'governance_context',
    addons_context: 'addons_context',
    gitops_context: 'gitops_context',
    reconciliation_context: 'reconciliation_context',
  });

/** The payload built from a form, and where each part came from. */
export interface BuiltPayload {
  payload: Record<string, unknown>;
  /** Payload path → form field that set it. */
  sources: Record<string, string>;
  /** The payload's cloud (undefined until one is picked). */
  cloud?: Cloud;
  existingCluster: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted path, creating objects; plain objects are deep-merged. */
export function setPath(
  target: Record<string, unknown>,
  path: string,
  value: unknown,
): void {
  const keys = path.split('.').filter(Boolean);
  if (!keys.length || keys.some(k => FORBIDDEN_KEYS.has(k))) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (isPlainObject(value) && isPlainObject(node[last])) {
    node[last] = deepMerge(node[last] as Record<string, unknown>, value);
  } else {
    node[last] = clone(value);
  }
}

/** Deep merge of plain objects (`b` wins); arrays and scalars are replaced. */
export function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[key] =
      isPlainObject(value) && isPlainObject(out[key])
        ? deepMerge(out[key] as Record<string, unknown>, value)
        : clone(value);
  }
  return out;
}

function isCloud(value: unknown): value is Cloud {
  return (CLOUDS as readonly unknown[]).includes(value);
}

/** Mapping in effect: defaults, then the template's overrides. */
export function effectiveMapping(overrides?: FieldMapping): FieldMapping {
  return { ...DEFAULT_MAPPING, ...(overrides ?? {}) };
}

/** "" counts as not set, as in the scaffolder actions' input. */
function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function conditionHolds(
  form: Record<string, unknown>,
  when: string | undefined,
): boolean {
  if (!when) return true;
  const negate = when.startsWith('!');
  const value = form[negate ? when.slice(1) : when];
  return negate ? !value : Boolean(value);
}

/** Top-level payload fields of each request kind. */
const KIND_FIELDS: Record<GenerateKind, readonly string[] | undefined> = {
  platform: undefined,
  cluster: [
    'cloud',
    'terraform_template',
    'terraform_context',
    'enable_native_checks',
    'governance_context',
    'addons_context',
  ],
  terraform: ['cloud', 'terraform_template', 'terraform_context'],
  helm: ['cloud', 'helm_template', 'helm_context'],
};

/**
 * Builds the generator payload from the whole form state
 * (`formContext.formData`). Never throws; incomplete forms give incomplete
 * payloads, and the API says what is missing.
 */
export function buildPayload(
  formData: Record<string, unknown> | undefined,
  options: PayloadOptions = {},
): BuiltPayload {
  const form = formData ?? {};
  const cloudField = options.cloudField ?? 'cloud';
  const existingCloudField =
    options.existingCloudField ?? 'existing_cluster_cloud';
  const regionField = options.regionField ?? 'region';
  const nodePoolField = options.nodePoolField ?? 'node_pool';
  const sources: Record<string, string> = {};
  let payload: Record<string, unknown> = isPlainObject(options.extra)
    ? clone(options.extra)
    : {};

  const set = (path: string, value: unknown, field: string) => {
    setPath(payload, path, value);
    sources[path] = field;
  };

  const choice = form[cloudField];
  let cloud: Cloud | undefined;
  let existingCluster = false;
  if (choice === 'existing') {
    existingCluster = true;
    const existingCloud = form[existingCloudField];
    cloud = isCloud(existingCloud) ? existingCloud : 'aws';
    set('cloud', cloud, cloudField);
    set('existing_cluster', true, cloudField);
    if (isCloud(existingCloud)) sources.cloud = existingCloudField;
  } else if (isCloud(choice)) {
    cloud = choice;
    set('cloud', cloud, cloudField);
    set('existing_cluster', false, cloudField);
  } else if (hasValue(choice)) {
    // an unknown value: let the API explain
    set('cloud', choice, cloudField);
  } else if (isCloud(payload.cloud)) {
    cloud = payload.cloud;
    existingCluster = payload.existing_cluster === true;
  }

  const special = new Set([
    cloudField,
    existingCloudField,
    regionField,
    nodePoolField,
  ]);
  for (const [field, target] of Object.entries(
    effectiveMapping(options.mapping),
  )) {
    if (!target || special.has(field)) continue;
    const value = form[field];
    if (!hasValue(value)) continue;
    const { path, clouds, when } =
      typeof target === 'string'
        ? { path: target, clouds: undefined, when: undefined }
        : target;
    if (!path) continue;
    if (clouds && (!cloud || !clouds.includes(cloud))) continue;
    if (!conditionHolds(form, when)) continue;
    set(path, value, field);
  }

  if (cloud && !existingCluster) {
    const entry = CLOUD_CATALOG[cloud];
    const region = form[regionField];
    if (hasValue(region)) {
      set(tf(entry.region_field), region, regionField);
    }
    const pool = form[nodePoolField];
    if (isPlainObject(pool)) {
      const np = pool as NodePoolValue;
      const parts: Array<[string, unknown]> = [
        [entry.node_size_field, np.instance_type],
        ['node_pool_min_size', np.min_size],
        ['node_pool_desired_size', np.desired_size],
        ['node_pool_max_size', np.max_size],
      ];
      for (const [key, value] of parts) {
        if (hasValue(value)) {
          set(tf(key), value, nodePoolField);
        }
      }
    }
  }

  if (existingCluster) {
    // no Terraform for an existing cluster: the contract refuses these
    delete payload.terraform_context;
    delete payload.terraform_template;
    for (const path of Object.keys(sources)) {
      if (
        path.startsWith('terraform_context') ||
        path === 'terraform_template'
      ) {
        delete sources[path];
      }
    }
  }

  const keep = KIND_FIELDS[options.kind ?? 'platform'];
  if (keep) {
    payload = Object.fromEntries(
      Object.entries(payload).filter(([key]) => keep.includes(key)),
    );
    for (const path of Object.keys(sources)) {
      if (!keep.includes(path.split('.')[0])) delete sources[path];
    }
  }

  return { payload, sources, cloud, existingCluster };
}

/**
 * The form field an issue belongs to: the longest recorded payload path
 * that equals the issue path or contains it.
 */
export function fieldForIssue(
  issuePath: string,
  sources: Record<string, string>,
): string | undefined {
  let best: string | undefined;
  for (const path of Object.keys(sources)) {
    const matches =
      issuePath === path ||
      issuePath.startsWith(`${path}.`) ||
      issuePath.startsWith(`${path}[`);
    if (matches && (!best || path.length > best.length)) best = path;
  }
  return best === undefined ? undefined : sources[best];
}

/** An API issue with the form field it belongs to (when known). */
export interface FieldIssue extends ValidationIssue {
  field?: string;
}

/** Attaches form fields to API issues. */
export function mapIssues(
  issues: ValidationIssue[],
  sources: Record<string, string>,
): FieldIssue[] {
  return issues.map(issue => ({
    ...issue,
    field: fieldForIssue(issue.path, sources),
  }));
}

export { stableStringify } from './stable';
