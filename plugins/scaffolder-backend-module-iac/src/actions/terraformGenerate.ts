import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { IacEngine } from '@iacforge/plugin-iac-node';
import type { CatalogLookup } from '../catalogNames';
import {
  commonInputSchema,
  generateOutputSchema,
  runGenerate,
} from './generate';
import { examples } from './terraformGenerate.examples';

/**
 * `iac:terraform:generate`: only the cluster's Terraform root module (and
 * add-ons module), for templates that want just that part.
 *
 * @public
 */
export function createTerraformGenerateAction(options: {
  engine: IacEngine;
  /** Checks generated entity names against the catalog (see catalogNames.ts). */
  catalog?: CatalogLookup;
}) {
  return createTemplateAction({
    id: 'iac:terraform:generate',
    description:
      'Generates the Terraform root module of a cluster for a cloud.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cloud: z => z.enum(['aws', 'azure', 'gcp']).describe('Target cloud.'),
        terraform_context: z =>
          z
            .record(z.string(), z.unknown())
            .describe('Terraform inputs (see the terraform_context schema).'),
        terraform_template: z =>
          z
            .string()
            .optional()
            .describe('Terraform template override (default per cloud).'),
        ...commonInputSchema,
      },
      output: generateOutputSchema,
    },
    async handler(ctx) {
      await runGenerate('terraform', options.engine, ctx, options.catalog);
    },
  });
}
