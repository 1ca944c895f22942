/*
 * The default form → payload mapping, derived from the contract: every
 * helm_context field name maps to helm_context.<name> (gated by its feature
 * toggles, cloud identities only for their cloud), every terraform_context
 * field name to terraform_context.<name> (only for the clouds whose schema
 * has it). Only the few names that are not context fields are listed here.
 */
import { CLOUDS, Cloud } from './catalog';
import { featureGates } from './features';
import { HELM_KEYS } from './helm';
import { getJsonSchema } from './jsonSchema';
import { TERRAFORM_KEYS } from './terraform';

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
       * ingress_host only when ingress_enabled. Several: all must hold.
       * An unset toggle counts with its contract default.
       */
      when?: string | string[];
    }
  | null;

/** Form field name → payload target (null removes a default entry). */
export type FieldMapping = Record<string, MappingTarget>;

/** Form fields that are not context fields: top-level and extension contexts. */
const OTHER_FIELDS: FieldMapping = {
  terraform_template: 'terraform_template',
  helm_template: 'helm_template',
  enable_native_checks: 'enable_native_checks',
  governance_enabled: 'governance_context.enabled',
  codeowners: 'governance_context.codeowners',
  // the owner picker and the repository owner: CODEOWNERS (codeowners.ts)
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
};

let mapping: Readonly<FieldMapping> | undefined;

function derive(): FieldMapping {
  const out: FieldMapping = {};
  const terraformKeys = new Set(CLOUDS.flatMap(c => TERRAFORM_KEYS[c]));
  for (const key of terraformKeys) {
    const clouds = CLOUDS.filter(c => TERRAFORM_KEYS[c].includes(key));
    const path = `terraform_context.${key}`;
    out[key] =
      clouds.length === CLOUDS.length ? path : { path, clouds: [...clouds] };
  }
  for (const key of HELM_KEYS) {
    const path = `helm_context.${key}`;
    const cloud = CLOUDS.find(c => key.startsWith(`${c}_`));
    const when = featureGates(key);
    out[key] =
      !cloud && !when.length
        ? path
        : {
            path,
            ...(cloud ? { clouds: [cloud] } : {}),
            ...(when.length ? { when } : {}),
          };
  }
  return { ...out, ...OTHER_FIELDS };
}

/**
 * The default mapping: form field → payload path. Besides these, a few
 * fields are special (see formToPayload): the cloud (IacCloudPicker), the
 * region (IacRegionPicker), the node pool (IacNodePool) and the features
 * (IacFeatures).
 */
export function defaultMapping(): Readonly<FieldMapping> {
  if (!mapping) mapping = Object.freeze(derive());
  return mapping;
}

/** Mapping in effect: defaults, then the template's overrides. */
export function effectiveMapping(overrides?: FieldMapping): FieldMapping {
  return { ...defaultMapping(), ...(overrides ?? {}) };
}

let toggleDefaults: Readonly<Record<string, boolean>> | undefined;

/** Contract default of each boolean helm_context field (for unset toggles). */
export function helmToggleDefaults(): Readonly<Record<string, boolean>> {
  if (!toggleDefaults) {
    const props = (getJsonSchema('helm_context').properties ?? {}) as Record<
      string,
      { type?: string; default?: unknown }
    >;
    toggleDefaults = Object.freeze(
      Object.fromEntries(
        Object.entries(props)
          .filter(([, p]) => p.type === 'boolean')
          .map(([k, p]) => [k, p.default === true]),
      ),
    );
  }
  return toggleDefaults;
}

/**
 * A JSON object: a plain object, or one without prototype (what the
 * scaffolder's template renderer hands over for `${{ parameters }}`).
 */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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

/** Reads a dotted path (undefined when absent). */
export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.').filter(Boolean)) {
    if (!isPlainObject(node) || FORBIDDEN_KEYS.has(key)) return undefined;
    node = node[key];
  }
  return node;
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

export { clone as cloneJson };
