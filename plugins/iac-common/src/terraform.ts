/*
 * terraform_context: one strict schema per cloud (aws-eks, azure-aks, gcp-gke).
 * Field names follow the generator spec (seed 000); fields the spec left out
 * but a real cluster needs (network, endpoint access, tags, environment,
 * state backend, Terraform version) are additions documented in the README.
 */
import { z } from 'zod';
import { Cloud } from './catalog';
import { strictObject } from './strict';
import { awsDerived, awsShape, checkAws } from './terraformFields/aws';
import { azureDerived, azureShape, checkAzure } from './terraformFields/azure';
import { checkGcp, gcpDerived, gcpShape } from './terraformFields/gcp';

export { rruleProblem } from './terraformFields/rules';

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

const SHAPES = { aws: awsShape, azure: azureShape, gcp: gcpShape } as const;

const EQUIVALENTS: Record<Cloud, Record<string, string>> = {
  aws: { region: 'aws_region', size: 'node_pool_instance_type' },
  azure: { region: 'location', size: 'vm_size' },
  gcp: { region: 'gcp_region', size: 'machine_type' },
};

function foreignKeyHints(cloud: Cloud): Record<string, string> {
  const own = new Set(Object.keys(SHAPES[cloud]));
  const hints: Record<string, string> = {};
  for (const other of ['aws', 'azure', 'gcp'] as const) {
    if (other === cloud) continue;
    for (const key of Object.keys(SHAPES[other])) {
      if (own.has(key)) continue;
      const owners = (['aws', 'azure', 'gcp'] as const).filter(
        c => c !== cloud && key in SHAPES[c],
      );
      let hint = `only valid when cloud is ${owners
        .map(c => `"${c}"`)
        .join(' or ')}`;
      if (key === EQUIVALENTS[other].region) {
        hint += `; for ${cloud} use "${EQUIVALENTS[cloud].region}"`;
      } else if (key === EQUIVALENTS[other].size) {
        hint += `; for ${cloud} use "${EQUIVALENTS[cloud].size}"`;
      }
      hints[key] = hint;
    }
  }
  return hints;
}

/** terraform_context for cloud "aws" (template aws-eks). */
export const awsTerraformContextSchema = strictObject(awsShape, {
  foreignKeyHints: foreignKeyHints('aws'),
})
  .superRefine(checkAws)
  .transform(awsDerived)
  .describe(
    'Terraform inputs for cloud "aws" (template aws-eks): EKS cluster, managed node group, VPC, S3 state backend.',
  );
/** terraform_context for cloud "azure" (template azure-aks). */
export const azureTerraformContextSchema = strictObject(azureShape, {
  foreignKeyHints: foreignKeyHints('azure'),
})
  .superRefine(checkAzure)
  .transform(azureDerived)
  .describe(
    'Terraform inputs for cloud "azure" (template azure-aks): AKS cluster, default node pool, virtual network, azurerm state backend.',
  );
/** terraform_context for cloud "gcp" (template gcp-gke). */
export const gcpTerraformContextSchema = strictObject(gcpShape, {
  foreignKeyHints: foreignKeyHints('gcp'),
})
  .superRefine(checkGcp)
  .transform(gcpDerived)
  .describe(
    'Terraform inputs for cloud "gcp" (template gcp-gke): GKE cluster, node pool, VPC-native network, gcs state backend.',
  );

/** terraform_context schemas by cloud. */
export const terraformContextSchemas = {
  aws: awsTerraformContextSchema,
  azure: azureTerraformContextSchema,
  gcp: gcpTerraformContextSchema,
} as const;

/**
 * Any cloud's terraform_context (a union; use `terraformContextSchemas[cloud]`
 * when the cloud is known, as the payload schemas do).
 */
export const terraformContextSchema = z
  .union([
    awsTerraformContextSchema,
    azureTerraformContextSchema,
    gcpTerraformContextSchema,
  ])
  .describe(
    'Terraform inputs of one of the clouds (aws-eks, azure-aks or gcp-gke); which one is decided by the payload\'s "cloud".',
  );

export type AwsTerraformContext = z.output<typeof awsTerraformContextSchema>;
export type AzureTerraformContext = z.output<
  typeof azureTerraformContextSchema
>;
export type GcpTerraformContext = z.output<typeof gcpTerraformContextSchema>;
/** Parsed terraform_context of any cloud. */
export type TerraformContext =
  | AwsTerraformContext
  | AzureTerraformContext
  | GcpTerraformContext;
export type AwsTerraformContextInput = z.input<
  typeof awsTerraformContextSchema
>;
export type AzureTerraformContextInput = z.input<
  typeof azureTerraformContextSchema
>;
export type GcpTerraformContextInput = z.input<
  typeof gcpTerraformContextSchema
>;
/** terraform_context as accepted on input (before defaults). */
export type TerraformContextInput =
  | AwsTerraformContextInput
  | AzureTerraformContextInput
  | GcpTerraformContextInput;
/** terraform_context by cloud. */
export interface TerraformContextByCloud {
  aws: AwsTerraformContext;
  azure: AzureTerraformContext;
  gcp: GcpTerraformContext;
}

/** @internal exported for the unknown-key tests */
export const TERRAFORM_KEYS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: Object.keys(awsShape),
  azure: Object.keys(azureShape),
  gcp: Object.keys(gcpShape),
};
