/*
 * CRD schemas shipped with this package for kinds that no
 * @kubernetes-models package covers (Flagger Canary, tofu-controller
 * Terraform): vendored from the upstream releases the generated repositories
 * install (see crd-schemas/README.md), validated like any other kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KubernetesSchema } from './types';

export const CRD_SCHEMA_DIR = path.join(
  path.dirname(require.resolve('@iacforge/output-checks/package.json')),
  'crd-schemas',
);

/**
 * Kubernetes' `x-kubernetes-int-or-string: true` written as the JSON Schema
 * it stands for (`anyOf: [integer, string]`), as the API server applies it.
 * Without it ajv never reads such a property and the unknown-field check
 * would report it (e.g. a Canary's spec.service.targetPort).
 */
export function withIntOrString(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withIntOrString);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] = withIntOrString(value);
  if (
    out['x-kubernetes-int-or-string'] === true &&
    out.type === undefined &&
    out.anyOf === undefined
  ) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return out;
}

let bundled: KubernetesSchema[] | undefined;

/** The vendored CRD schemas, read and translated once. */
export function bundledCrdSchemas(): KubernetesSchema[] {
  bundled ??= fs
    .readdirSync(CRD_SCHEMA_DIR)
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(f => {
      const { apiVersion, kind, schema } = JSON.parse(
        fs.readFileSync(path.join(CRD_SCHEMA_DIR, f), 'utf8'),
      ) as KubernetesSchema;
      return { apiVersion, kind, schema: withIntOrString(schema) as object };
    });
  return bundled;
}
