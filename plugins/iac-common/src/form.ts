/*
 * Form ⇄ payload: the one mapping between a scaffolder form (flat: every
 * step's fields merged into one object) and the contract payload (`cloud`,
 * `terraform_context`, `helm_context`, …). The live preview, the
 * iac:*:generate actions (`form` input) and the entity card use it; the
 * Template entities pass `${{ parameters }}` as they are.
 */
import { CLOUD_CATALOG, CLOUDS, Cloud } from './catalog';
import { CORE_HELM_FIELDS, featureGates, featureGroupOf } from './features';
import {
  cloneJson,
  effectiveMapping,
  FieldMapping,
  helmToggleDefaults,
  isPlainObject,
  setPath,
} from './formMapping';
import { HELM_KEYS } from './helm';
import type { ValidationIssue } from './issues';
import { NODE_POOL_FIELDS, NodePoolValue } from './nodePool';

/** Values of the IacCloudPicker field. */
export type CloudChoice = Cloud | 'existing';

/** A generator request kind: what the payload is for. */
export type PayloadKind = 'platform' | 'cluster' | 'terraform' | 'helm';

/** How a form becomes a payload: the IacPreview field's ui:options, and the actions' `formOptions`. */
export interface FormOptions {
  /** Form field holding the IacCloudPicker value (default "cloud"). */
  cloudField?: string;
  /** Form field with the cloud of an existing cluster (default "existing_cluster_cloud"; "aws" when unset). */
  existingCloudField?: string;
  /** Form field holding the IacRegionPicker value (default "region"). */
  regionField?: string;
  /** Form field holding the IacNodePool value (default "node_pool"). */
  nodePoolField?: string;
  /** Form field holding the IacFeatures value, merged into helm_context (default "features"). */
  featuresField?: string;
  /** Overrides of the default mapping (merged over it). */
  mapping?: FieldMapping;
  /** Static payload parts, deep-merged under the form values. */
  extra?: Record<string, unknown>;
  /** Request kind (default "platform"): helm and terraform get a projection. */
  kind?: PayloadKind;
}

/** The payload built from a form, and where each part came from. */
export interface BuiltPayload {
  payload: Record<string, unknown>;
  /** Payload path → form field that set it ("features.<name>" for IacFeatures). */
  sources: Record<string, string>;
  /** The payload's cloud (undefined until one is picked). */
  cloud?: Cloud;
  existingCluster: boolean;
}

const isCloud = (value: unknown): value is Cloud =>
  (CLOUDS as readonly unknown[]).includes(value);

/** "" counts as not set, as in the scaffolder actions' input. */
const hasValue = (value: unknown) =>
  value !== undefined && value !== null && value !== '';

/** Top-level payload fields of each request kind (undefined: all). */
const KIND_FIELDS: Record<PayloadKind, readonly string[] | undefined> = {
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

const tf = (field: string) => `terraform_context.${field}`;
const HELM = new Set(HELM_KEYS);

/**
 * Builds the generator payload from the whole form state (all steps).
 * Never throws; incomplete forms give incomplete payloads, and the contract
 * says what is missing.
 */
export function formToPayload(
  formData: Record<string, unknown> | undefined,
  options: FormOptions = {},
): BuiltPayload {
  const form = isPlainObject(formData) ? formData : {};
  const cloudField = options.cloudField ?? 'cloud';
  const existingCloudField =
    options.existingCloudField ?? 'existing_cluster_cloud';
  const regionField = options.regionField ?? 'region';
  const nodePoolField = options.nodePoolField ?? 'node_pool';
  const featuresField = options.featuresField ?? 'features';
  const features = isPlainObject(form[featuresField])
    ? (form[featuresField] as Record<string, unknown>)
    : {};
  const sources: Record<string, string> = {};
  let payload: Record<string, unknown> = isPlainObject(options.extra)
    ? cloneJson(options.extra)
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
    // an unknown value: let the contract explain
    set('cloud', choice, cloudField);
  } else if (isCloud(payload.cloud)) {
    cloud = payload.cloud;
    existingCluster = payload.existing_cluster === true;
  }

  // a toggle's value: IacFeatures, else the flat field, else the contract default
  const defaults = helmToggleDefaults();
  const toggle = (name: string): unknown => {
    if (hasValue(features[name])) return features[name];
    if (hasValue(form[name])) return form[name];
    return defaults[name];
  };
  const holds = (when: string | string[] | undefined) =>
    [when ?? []]
      .flat()
      .every(w =>
        w.startsWith('!') ? !toggle(w.slice(1)) : Boolean(toggle(w)),
      );

  const special = new Set([
    cloudField,
    existingCloudField,
    regionField,
    nodePoolField,
    featuresField,
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
    if (!holds(when)) continue;
    set(path, value, field);
  }

  // IacFeatures: helm_context fields, with the same gates and cloud rule
  for (const [name, value] of Object.entries(features)) {
    if (!HELM.has(name) || !hasValue(value)) continue;
    const owner = CLOUDS.find(c => name.startsWith(`${c}_`));
    if (owner && owner !== cloud) continue;
    if (!holds(featureGates(name))) continue;
    set(`helm_context.${name}`, value, `${featuresField}.${name}`);
  }

  if (cloud && !existingCluster) {
    const entry = CLOUD_CATALOG[cloud];
    const region = form[regionField];
    if (hasValue(region)) set(tf(entry.region_field), region, regionField);
    const pool = form[nodePoolField];
    if (isPlainObject(pool)) {
      const np = pool as NodePoolValue;
      const parts: Array<[string, unknown]> = [
        [entry.node_size_field, np.instance_type],
        [NODE_POOL_FIELDS.min_size, np.min_size],
        [NODE_POOL_FIELDS.desired_size, np.desired_size],
        [NODE_POOL_FIELDS.max_size, np.max_size],
      ];
      for (const [key, value] of parts) {
        if (hasValue(value)) set(tf(key), value, nodePoolField);
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
 * The form values of a payload (the reverse of formToPayload with the
 * default mapping): what an "upgrade" form is prefilled with from
 * `.iacforge/answers.json`, and what the entity card reads (region, node
 * size). Core helm fields and terraform fields come out flat, the other
 * helm fields under `features` (IacFeatures). Unknown shapes give what can
 * be read.
 */
export function payloadToForm(
  payload: unknown,
  options: Pick<FormOptions, 'featuresField'> = {},
): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  if (!isPlainObject(payload)) return form;
  const cloud = isCloud(payload.cloud) ? payload.cloud : undefined;
  if (payload.existing_cluster === true) {
    form.cloud = 'existing';
    if (cloud) form.existing_cluster_cloud = cloud;
  } else if (hasValue(payload.cloud)) {
    form.cloud = payload.cloud;
  }
  const terraform = isPlainObject(payload.terraform_context)
    ? payload.terraform_context
    : {};
  const helm = isPlainObject(payload.helm_context) ? payload.helm_context : {};
  const features: Record<string, unknown> = {};
  // other fields: top-level scalars and named fields of the extension
  // contexts flat; the rest of each context passes through as an object
  const rest: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (['cloud', 'existing_cluster'].includes(key)) continue;
    if (['terraform_context', 'helm_context'].includes(key)) continue;
    if (isPlainObject(value)) rest[key] = cloneJson(value);
  }
  for (const [field, target] of Object.entries(effectiveMapping())) {
    if (typeof target !== 'string' || target === field) {
      if (typeof target === 'string' && !isPlainObject(payload[field])) {
        if (hasValue(payload[field])) form[field] = cloneJson(payload[field]);
      }
      continue;
    }
    const [context, key] = target.split('.');
    if (!rest[context] || key === undefined) continue;
    if (hasValue(rest[context][key])) {
      form[field] = rest[context][key];
      delete rest[context][key];
    }
  }
  for (const [context, value] of Object.entries(rest)) {
    if (Object.keys(value).length) form[context] = value;
  }
  // terraform: flat, except the fields the region and node pool pickers own
  const catalogs = cloud
    ? [CLOUD_CATALOG[cloud]]
    : CLOUDS.map(c => CLOUD_CATALOG[c]);
  const region = catalogs.map(c => terraform[c.region_field]).find(hasValue);
  if (hasValue(region)) form.region = region;
  const size = catalogs.map(c => terraform[c.node_size_field]).find(hasValue);
  const pool: NodePoolValue = {};
  if (hasValue(size)) pool.instance_type = String(size);
  for (const [count, key] of Object.entries(NODE_POOL_FIELDS)) {
    const n = terraform[key];
    if (typeof n === 'number') pool[count as keyof typeof NODE_POOL_FIELDS] = n;
  }
  if (Object.keys(pool).length) form.node_pool = pool;
  const owned = new Set<unknown>([
    ...CLOUDS.map(c => CLOUD_CATALOG[c].region_field),
    ...CLOUDS.map(c => CLOUD_CATALOG[c].node_size_field),
    ...Object.values(NODE_POOL_FIELDS),
  ]);
  for (const [key, value] of Object.entries(terraform)) {
    if (!owned.has(key) && hasValue(value)) form[key] = cloneJson(value);
  }
  for (const [key, value] of Object.entries(helm)) {
    if (!hasValue(value)) continue;
    if (CORE_HELM_FIELDS.includes(key) || !featureGroupOf(key)) {
      form[key] = cloneJson(value);
    } else {
      features[key] = cloneJson(value);
    }
  }
  if (Object.keys(features).length) {
    form[options.featuresField ?? 'features'] = features;
  }
  return form;
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

/** A contract issue with the form field it belongs to (when known). */
export interface FieldIssue extends ValidationIssue {
  field?: string;
}

/** Attaches form fields to contract issues. */
export function mapIssues(
  issues: ValidationIssue[],
  sources: Record<string, string>,
): FieldIssue[] {
  return issues.map(issue => ({
    ...issue,
    field: fieldForIssue(issue.path, sources),
  }));
}
