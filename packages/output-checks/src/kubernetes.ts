import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { KubernetesSchema } from './types';
import { bundledCrdSchemas } from './crds';
import { closest, errorMessage, isPlainObject } from './util';

/**
 * The model packages searched for an apiVersion + kind, in this order. Each
 * lays its models out as `<group>/<version>/<Kind>.js` (core: `v1/Pod.js`).
 */
export const MODEL_PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models/argo-rollouts',
  '@kubernetes-models/cert-manager',
  '@kubernetes-models/external-secrets',
  '@kubernetes-models/flux-cd',
  '@kubernetes-models/gateway-api',
  '@kubernetes-models/gke',
  '@kubernetes-models/istio',
  '@kubernetes-models/karpenter',
  '@kubernetes-models/keda',
  '@kubernetes-models/prometheus-operator',
] as const;

/**
 * Objects that are not Kubernetes API objects: Backstage catalog entities and
 * kustomize's client-side config files.
 */
export const DEFAULT_NON_KUBERNETES_KINDS = [
  'backstage.io/*',
  'scaffolder.backstage.io/*',
  'kustomize.config.k8s.io/*',
];

/** A path inside a Kubernetes object, e.g. `['spec', 'ports', 0, 'port']`. */
export type ObjectPath = Array<string | number>;

export interface SchemaIssue {
  path: ObjectPath;
  /** True when the key itself (not its value) is the problem. */
  atKey: boolean;
  message: string;
}

export interface ObjectValidation {
  /** e.g. `apps/v1 Deployment "web"` */
  subject: string;
  /** True for objects matched by `nonKubernetesKinds` (not validated). */
  skipped: boolean;
  issues: SchemaIssue[];
}

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data?: object): object;
  readonly prototype: { validate(): void };
}

type ValidationError = Pick<
  ErrorObject,
  'instancePath' | 'keyword' | 'params' | 'message'
>;

const API_VERSION =
  /^(?:([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

const packageRoots = new Map<string, string | null>();
const modelCache = new Map<string, ModelClass | null>();

function packageRoot(pkg: string): string | undefined {
  if (!packageRoots.has(pkg)) {
    let root: string | null = null;
    try {
      root = path.dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      root = null;
    }
    packageRoots.set(pkg, root);
  }
  return packageRoots.get(pkg) ?? undefined;
}

function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') {
    return false;
  }
  const candidate = value as unknown as Record<string, unknown> & {
    prototype?: { validate?: unknown };
  };
  return (
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.prototype?.validate === 'function'
  );
}

function versionDirs(apiVersion: string): string[] {
  const match = API_VERSION.exec(apiVersion);
  if (!match) {
    return [];
  }
  const [, group, version] = match;
  return MODEL_PACKAGES.flatMap(pkg => {
    const root = packageRoot(pkg);
    if (!root || (!group && pkg !== 'kubernetes-models')) {
      return [];
    }
    const dir = group
      ? path.join(root, group, version)
      : path.join(root, version);
    return fs.existsSync(dir) ? [dir] : [];
  });
}

/**
 * The kubernetes-models class for an apiVersion + kind, searched across
 * kubernetes-models and the CRD model packages. Loaded lazily and cached.
 */
export function findModel(
  apiVersion: string,
  kind: string,
): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    let found: ModelClass | null = null;
    if (KIND.test(kind)) {
      for (const dir of versionDirs(apiVersion)) {
        const file = path.join(dir, `${kind}.js`);
        if (!fs.existsSync(file)) {
          continue;
        }
        // The packages are ESM-only with import-only "exports"; an absolute
        // path loads them through require(esm) in Node 22 (and the SWC
        // transform in Jest) without needing dynamic import().
        const mod: unknown = require(file);
        const candidate = isPlainObjectLike(mod) ? mod[kind] : undefined;
        if (
          isModelClass(candidate) &&
          candidate.apiVersion === apiVersion &&
          candidate.kind === kind
        ) {
          found = candidate;
          break;
        }
      }
    }
    modelCache.set(key, found);
  }
  return modelCache.get(key) ?? undefined;
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Explains why no model matched, with a "did you mean" hint if possible. */
function unknownKindMessage(
  apiVersion: string,
  kind: string,
  hasExtraSchemas: boolean,
): string {
  if (!API_VERSION.test(apiVersion)) {
    return `"${apiVersion}" is not a valid Kubernetes apiVersion (expected "v1" or "<group>/<version>")`;
  }
  if (!KIND.test(kind)) {
    return `"${kind}" is not a valid Kubernetes kind`;
  }
  const hint = hasExtraSchemas ? '' : ' (add it via options.extraSchemas)';
  const dirs = versionDirs(apiVersion);
  if (dirs.length > 0) {
    const kinds = dirs.flatMap(dir =>
      fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.js') && f !== 'index.js')
        .map(f => f.slice(0, -3)),
    );
    const suggestion = closest(kind, kinds);
    return `unknown kind "${kind}" for apiVersion ${apiVersion}${
      suggestion ? ` — did you mean "${suggestion}"?` : ''
    }`;
  }
  const [, group] = API_VERSION.exec(apiVersion) ?? [];
  const knownVersions = group
    ? MODEL_PACKAGES.flatMap(pkg => {
        const root = packageRoot(pkg);
        const groupDir = root && path.join(root, group);
        return groupDir && fs.existsSync(groupDir)
          ? fs.readdirSync(groupDir).filter(v => /^v\d/.test(v))
          : [];
      })
    : [];
  if (knownVersions.length > 0) {
    return `unknown apiVersion ${apiVersion} for kind ${kind}: ${group} has versions ${knownVersions.join(
      ', ',
    )}`;
  }
  return `unknown apiVersion/kind ${apiVersion} ${kind}: no schema in kubernetes-models or the CRD model packages${hint}`;
}

/**
 * Records which properties a validator reads. ajv-compiled validators read
 * every property their schema defines (`data.replicas`, also when absent) and
 * iterate maps (`for (const k in data)`), but never look at a key the schema
 * does not define — so a key nobody read is unknown. Objects the validator
 * never looked into are free-form (x-kubernetes-preserve-unknown-fields,
 * `type: object` without properties) and are not checked.
 */
class AccessTracker {
  private readonly accessed = new WeakMap<object, Set<string>>();
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T): T {
    if (typeof value !== 'object' || value === null) {
      return value;
    }
    const target: object = value;
    const existing = this.proxies.get(target);
    if (existing) {
      return existing as T;
    }
    const keys = new Set<string>();
    this.accessed.set(target, keys);
    const record = (key: string | symbol) => {
      if (typeof key === 'string') {
        keys.add(key);
      }
    };
    const proxy = new Proxy(target, {
      get: (t, key) => {
        record(key);
        return this.wrap(Reflect.get(t, key));
      },
      has: (t, key) => {
        record(key);
        return Reflect.has(t, key);
      },
      getOwnPropertyDescriptor: (t, key) => {
        record(key);
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }

  unknownFields(value: unknown, at: ObjectPath = []): SchemaIssue[] {
    if (Array.isArray(value)) {
      return value.flatMap((item, i) => this.unknownFields(item, [...at, i]));
    }
    if (!isPlainObject(value)) {
      return [];
    }
    const keys = this.accessed.get(value);
    if (!keys || keys.size === 0) {
      return [];
    }
    return Object.keys(value).flatMap(key => {
      if (keys.has(key)) {
        return this.unknownFields(value[key], [...at, key]);
      }
      const known = [...keys].filter(k => !(k in value));
      const suggestion = closest(key, known);
      return [
        {
          path: [...at, key],
          atKey: true,
          message: `unknown field${
            suggestion ? ` — did you mean "${suggestion}"?` : ''
          }`,
        },
      ];
    });
  }
}

/** `['spec', 'ports', 0, 'app.kubernetes.io/name']` → `spec.ports[0]["app.kubernetes.io/name"]` */
export function formatPath(at: ObjectPath): string {
  let out = '';
  for (const segment of at) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out || '(root)';
}

function parsePointer(pointer: string, root: unknown): ObjectPath {
  if (!pointer) {
    return [];
  }
  const out: ObjectPath = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      out.push(Number(segment));
      node = node[Number(segment)];
    } else {
      out.push(segment);
      node = isPlainObject(node) ? node[segment] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, at: ObjectPath): unknown {
  let node = root;
  for (const segment of at) {
    if (Array.isArray(node) && typeof segment === 'number') {
      node = node[segment];
    } else if (isPlainObject(node) && typeof segment === 'string') {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `${typeof value} ${String(value)}`;
}

/** Turns ajv errors into one readable issue per problem. */
export function describeErrors(
  errors: ValidationError[],
  root: unknown,
): SchemaIssue[] {
  const byPath = new Map<string, ValidationError[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const issues: SchemaIssue[] = [];
  for (const [pointer, group] of byPath) {
    const at = parsePointer(pointer, root);
    const value = valueAt(root, at);
    const got = `(got ${describeValue(value)})`;
    const alternatives = group.some(
      e => e.keyword === 'anyOf' || e.keyword === 'oneOf',
    );
    const types = [
      ...new Set(
        group
          .filter(e => e.keyword === 'type')
          .map(e => String((e.params as { type?: unknown }).type)),
      ),
    ];
    if (alternatives && types.length > 0) {
      issues.push({
        path: at,
        atKey: false,
        message: `must be ${types.join(' or ')} ${got}`,
      });
    }
    for (const error of group) {
      const params = error.params as Record<string, unknown>;
      switch (error.keyword) {
        case 'anyOf':
        case 'oneOf':
          if (types.length === 0) {
            issues.push({
              path: at,
              atKey: false,
              message: `does not match any allowed shape ${got}`,
            });
          }
          break;
        case 'type':
          if (!alternatives) {
            issues.push({
              path: at,
              atKey: false,
              message: `must be ${params.type} ${got}`,
            });
          }
          break;
        case 'required':
          issues.push({
            path: [...at, String(params.missingProperty)],
            atKey: false,
            message: 'required field is missing',
          });
          break;
        case 'additionalProperties':
          issues.push({
            path: [...at, String(params.additionalProperty)],
            atKey: true,
            message: 'unknown field',
          });
          break;
        case 'enum':
          issues.push({
            path: at,
            atKey: false,
            message: `must be one of ${(params.allowedValues as unknown[])
              .map(v => JSON.stringify(v))
              .join(', ')} ${got}`,
          });
          break;
        case 'format':
          issues.push({
            path: at,
            atKey: false,
            message: `must be a valid ${params.format} ${got}`,
          });
          break;
        default:
          issues.push({
            path: at,
            atKey: false,
            message: `${error.message ?? `fails "${error.keyword}"`} ${got}`,
          });
      }
    }
  }
  return issues;
}

function errorsOf(error: unknown): ValidationError[] | undefined {
  if (typeof error === 'object' && error !== null && 'errors' in error) {
    const list = (error as { errors: unknown }).errors;
    if (Array.isArray(list)) {
      return list.filter(
        (e): e is ValidationError =>
          isPlainObject(e) &&
          typeof e.instancePath === 'string' &&
          typeof e.keyword === 'string',
      );
    }
  }
  return undefined;
}

function matchesPattern(apiVersion: string, kind: string, pattern: string) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return (
    pattern === `${apiVersion}/${kind}` ||
    pattern === `${apiVersion}/*` ||
    (group !== '' && pattern === `${group}/*`)
  );
}

/** Derives {@link KubernetesSchema} entries from a CustomResourceDefinition. */
export function schemasFromCrd(crd: unknown): KubernetesSchema[] {
  const spec = isPlainObject(crd) ? crd.spec : undefined;
  if (
    !isPlainObject(crd) ||
    crd.kind !== 'CustomResourceDefinition' ||
    !isPlainObject(spec) ||
    typeof spec.group !== 'string' ||
    !isPlainObject(spec.names) ||
    typeof spec.names.kind !== 'string' ||
    !Array.isArray(spec.versions)
  ) {
    throw new TypeError(
      'schemasFromCrd expects an apiextensions.k8s.io/v1 CustomResourceDefinition object',
    );
  }
  const { group, names } = spec as { group: string; names: { kind: string } };
  return spec.versions.flatMap((version: unknown) => {
    if (!isPlainObject(version) || typeof version.name !== 'string') {
      return [];
    }
    const schema = isPlainObject(version.schema)
      ? version.schema.openAPIV3Schema
      : undefined;
    return isPlainObject(schema)
      ? [{ apiVersion: `${group}/${version.name}`, kind: names.kind, schema }]
      : [];
  });
}

export interface KubernetesValidatorOptions {
  extraSchemas?: KubernetesSchema[];
  nonKubernetesKinds?: string[];
}

const compiledExtraSchemas = new WeakMap<object, ValidateFunction>();
let sharedAjv: Ajv | undefined;

function compileExtraSchema(entry: KubernetesSchema): ValidateFunction {
  let validate = compiledExtraSchemas.get(entry.schema);
  if (!validate) {
    sharedAjv ??= new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
    });
    try {
      validate = sharedAjv.compile(entry.schema);
    } catch (error) {
      throw new TypeError(
        `extraSchemas: the schema for ${entry.apiVersion} ${
          entry.kind
        } is not a valid JSON schema: ${errorMessage(error)}`,
      );
    }
    compiledExtraSchemas.set(entry.schema, validate);
  }
  return validate;
}

/** Validates Kubernetes objects against kubernetes-models or extra schemas. */
export class KubernetesValidator {
  private readonly extra = new Map<string, KubernetesSchema>();
  /** Whether the caller passed schemas (else the hint suggests extraSchemas). */
  private readonly callerExtraSchemas: boolean;
  private readonly nonKubernetes: string[];

  constructor(options: KubernetesValidatorOptions = {}) {
    this.callerExtraSchemas = (options.extraSchemas ?? []).length > 0;
    // the vendored CRDs first: a caller's schema for the same kind wins
    for (const entry of [
      ...bundledCrdSchemas(),
      ...(options.extraSchemas ?? []),
    ]) {
      this.extra.set(`${entry.apiVersion}/${entry.kind}`, entry);
    }
    this.nonKubernetes =
      options.nonKubernetesKinds ?? DEFAULT_NON_KUBERNETES_KINDS;
  }

  validate(object: Record<string, unknown>): ObjectValidation {
    const { apiVersion, kind } = object;
    const metadata = object.metadata;
    const name =
      isPlainObject(metadata) && typeof metadata.name === 'string'
        ? ` "${metadata.name}"`
        : '';
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      const missing = [
        typeof apiVersion !== 'string' ? 'apiVersion' : undefined,
        typeof kind !== 'string' ? 'kind' : undefined,
      ].filter(Boolean);
      return {
        subject: `object${name}`,
        skipped: false,
        issues: [
          {
            path: [],
            atKey: false,
            message: `not a Kubernetes object: ${missing.join(
              ' and ',
            )} must be set (as strings)`,
          },
        ],
      };
    }
    const subject = `${apiVersion} ${kind}${name}`;
    if (this.nonKubernetes.some(p => matchesPattern(apiVersion, kind, p))) {
      return { subject, skipped: true, issues: [] };
    }

    const tracker = new AccessTracker();
    const extra = this.extra.get(`${apiVersion}/${kind}`);
    let errors: ValidationError[] = [];
    let validated: unknown = object;
    if (extra) {
      const validate = compileExtraSchema(extra);
      if (!validate(tracker.wrap(object))) {
        errors = validate.errors ?? [];
      }
    } else {
      const Model = findModel(apiVersion, kind);
      if (!Model) {
        return {
          subject,
          skipped: false,
          issues: [
            {
              path: ['kind'],
              atKey: false,
              message: unknownKindMessage(
                apiVersion,
                kind,
                this.callerExtraSchemas,
              ),
            },
          ],
        };
      }
      const instance = new Model(object);
      validated = instance;
      try {
        Model.prototype.validate.call(tracker.wrap(instance));
      } catch (error) {
        const list = errorsOf(error);
        if (!list) {
          throw error;
        }
        errors = list;
      }
    }

    const issues = [
      ...describeErrors(errors, validated),
      ...tracker.unknownFields(validated),
    ];
    // an unknown field can be reported by both (additionalProperties: false)
    const seen = new Set<string>();
    return {
      subject,
      skipped: false,
      issues: issues.filter(issue => {
        const key = `${formatPath(issue.path)}|${issue.atKey}|${issue.message}`;
        if (seen.has(key)) {
          return false;
        }
        seen.add(key);
        return true;
      }),
    };
  }
}
