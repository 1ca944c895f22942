import type { PermissionsService } from '@backstage/backend-plugin-api';
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
  /** Asks the permission policy for iac.generate (the task's initiator). */
  permissions?: PermissionsService;
}) {
  return createTemplateAction({
    id: 'iac:terraform:generate',
    description:
      'Generates the Terraform root module of a cluster for a cloud.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cloud: z =>
          z
            .enum(['aws', 'azure', 'gcp'])
            .optional()
            .describe('Target cloud (required unless form is given).'),
        terraform_context: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Terraform inputs (see the terraform_context schema; required unless form is given).',
            ),
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
      await runGenerate(
        'terraform',
        options.engine,
        ctx,
        options.catalog,
        options.permissions,
      );
    },
  });
}
