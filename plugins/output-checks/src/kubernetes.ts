import Ajv, { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { KubernetesSchema } from './types';
import { bundledCrdSchemas } from './crds';
import { closest, errorMessage, isPlainObject } from './util';
import {
  describeErrors,
  errorsOf,
  formatPath,
  SchemaIssue,
  ValidationError,
} from './schemaErrors';
import { AccessTracker } from './accessTracker';

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
