/*
 * The vendored CRD schemas (plugins/output-checks/crd-schemas, see its README) as
 * `extraSchemas` for @iacforge/output-checks: Flagger Canary and
 * tofu-controller Terraform. Flux kinds come with @kubernetes-models/flux-cd.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CRD_SCHEMA_DIR,
  KubernetesSchema,
  withIntOrString,
} from '@iacforge/output-checks';

// the vendored schemas ship with @iacforge/output-checks (validated by default)
export const crdSchemaDir = CRD_SCHEMA_DIR;

export type VendoredSchema = KubernetesSchema & {
  source: {
    repository: string;
    tag: string;
    commit: string;
    path: string;
    sha256: string;
    crd: string;
    version: string;
  };
};

let cache: VendoredSchema[] | undefined;

/** Every vendored schema, read once. */
export function vendoredSchemas(): VendoredSchema[] {
  cache ??= fs
    .readdirSync(crdSchemaDir)
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(
      f =>
        JSON.parse(
          fs.readFileSync(path.join(crdSchemaDir, f), 'utf8'),
        ) as VendoredSchema,
    );
  return cache;
}

let extra: KubernetesSchema[] | undefined;

/** The schemas in the shape `extraSchemas` takes (the same objects every call). */
export function extraSchemas(): KubernetesSchema[] {
  extra ??= vendoredSchemas().map(({ apiVersion, kind, schema }) => ({
    apiVersion,
    kind,
    schema: withIntOrString(schema) as object,
  }));
  return extra;
}
