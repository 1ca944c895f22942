import type { PermissionsService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { IacEngine } from '@iacforge/plugin-iac-node';
import type { CatalogLookup } from '../catalogNames';
import {
  commonInputSchema,
  generateOutputSchema,
  runGenerate,
} from './generate';
import { examples } from './clusterGenerate.examples';

/**
 * `iac:cluster:generate`: a new cluster with its add-ons and the governance
 * workflows, without a workload chart.
 *
 * @public
 */
export function createClusterGenerateAction(options: {
  engine: IacEngine;
  /** Checks generated entity names against the catalog (see catalogNames.ts). */
  catalog?: CatalogLookup;
  /** Asks the permission policy for iac.generate (the task's initiator). */
  permissions?: PermissionsService;
}) {
  return createTemplateAction({
    id: 'iac:cluster:generate',
    description:
      'Generates the Terraform of a new cluster, its add-ons and the governance workflows (no workload chart).',
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
        enable_native_checks: z =>
          z
            .boolean()
            .optional()
            .describe("Add the cloud's native checks to the workflows."),
        governance_context: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('Governance workflow settings.'),
        addons_context: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('Cluster add-ons (Terraform Helm releases).'),
        ...commonInputSchema,
      },
      output: generateOutputSchema,
    },
    async handler(ctx) {
      await runGenerate(
        'cluster',
        options.engine,
        ctx,
        options.catalog,
        options.permissions,
      );
    },
  });
}
