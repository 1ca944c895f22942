/*
 * JSON Schema export of the contract (zod 4 `z.toJSONSchema`, input side:
 * what a client may send, with descriptions and defaults).
 */
import { z } from 'zod';
import {
  addonsContextSchema,
  gitopsContextSchema,
  governanceContextSchema,
  reconciliationContextSchema,
} from './extensions';
import { helmContextSchema } from './helm';
import {
  clusterPayloadSchema,
  helmPayloadSchema,
  platformPayloadSchema,
  terraformPayloadSchema,
} from './platform';
import { templateManifestSchema } from './templates';
import {
  awsTerraformContextSchema,
  azureTerraformContextSchema,
  gcpTerraformContextSchema,
  terraformContextSchema,
} from './terraform';

/** Names accepted by getJsonSchema. */
export const SCHEMA_NAMES = [
  'platform',
  'cluster',
  'terraform',
  'helm',
  'terraform_context',
  'terraform_context_aws',
  'terraform_context_azure',
  'terraform_context_gcp',
  'helm_context',
  'governance_context',
  'addons_context',
  'gitops_context',
  'reconciliation_context',
  'template_manifest',
] as const;

/** A schema name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The zod schema behind each name. */
export const contractSchemas: Readonly<Record<SchemaName, z.ZodType>> = {
  platform: platformPayloadSchema,
  cluster: clusterPayloadSchema,
  terraform: terraformPayloadSchema,
  helm: helmPayloadSchema,
  terraform_context: terraformContextSchema,
  terraform_context_aws: awsTerraformContextSchema,
  terraform_context_azure: azureTerraformContextSchema,
  terraform_context_gcp: gcpTerraformContextSchema,
  helm_context: helmContextSchema,
  governance_context: governanceContextSchema,
  addons_context: addonsContextSchema,
  gitops_context: gitopsContextSchema,
  reconciliation_context: reconciliationContextSchema,
  template_manifest: templateManifestSchema,
};

/** A JSON Schema document (plain JSON data). */
export type JsonSchema = { [key: string]: unknown };

/** JSON Schema dialects getJsonSchema can produce. */
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-7';

/** True when `name` is one of SCHEMA_NAMES. */
export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}

const cache = new Map<string, string>();

/**
 * JSON Schema of a contract schema (input side: optional fields with their
 * defaults, every property described). Returns a fresh object on each call.
 * `draft-7` suits validators such as the scaffolder's `jsonschema`.
 */
export function getJsonSchema(
  name: SchemaName,
  options: { target?: JsonSchemaTarget } = {},
): JsonSchema {
  const target = options.target ?? 'draft-2020-12';
  const key = `${name}:${target}`;
  let text = cache.get(key);
  if (text === undefined) {
    const schema = z.toJSONSchema(contractSchemas[name], {
      io: 'input',
      target,
      unrepresentable: 'any',
    }) as JsonSchema;
    text = JSON.stringify({ title: name, ...schema });
    cache.set(key, text);
  }
  return JSON.parse(text) as JsonSchema;
}

/** All JSON Schemas by name (draft 2020-12), computed on first access. */
export const jsonSchemas: Readonly<Record<SchemaName, JsonSchema>> =
  Object.freeze(
    SCHEMA_NAMES.reduce((acc, name) => {
      Object.defineProperty(acc, name, {
        enumerable: true,
        get: () => getJsonSchema(name),
      });
      return acc;
    }, {} as Record<SchemaName, JsonSchema>),
  );
