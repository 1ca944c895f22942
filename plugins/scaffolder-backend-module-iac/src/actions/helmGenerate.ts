import type { PermissionsService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { IacEngine } from '@iacforge/plugin-iac-node';
import type { CatalogLookup } from '../catalogNames';
import {
  commonInputSchema,
  generateOutputSchema,
  runGenerate,
} from './generate';
import { examples } from './helmGenerate.examples';

/**
 * `iac:helm:generate`: only the Helm chart, for templates that want just
 * that part.
 *
 * @public
 */
export function createHelmGenerateAction(options: {
  engine: IacEngine;
  /** Checks generated entity names against the catalog (see catalogNames.ts). */
  catalog?: CatalogLookup;
  /** Asks the permission policy for iac.generate (the task's initiator). */
  permissions?: PermissionsService;
}) {
  return createTemplateAction({
    id: 'iac:helm:generate',
    description:
      'Generates a Helm chart for a workload (optionally cloud-specific).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cloud: z =>
          z
            .enum(['aws', 'azure', 'gcp'])
            .optional()
            .describe('Cloud, for the default chart.'),
        helm_context: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Helm chart inputs (see the helm_context schema; required unless form is given).',
            ),
        helm_template: z =>
          z
            .string()
            .optional()
            .describe('Helm template override (default per cloud).'),
        ...commonInputSchema,
      },
      output: generateOutputSchema,
    },
    async handler(ctx) {
      await runGenerate(
        'helm',
        options.engine,
        ctx,
        options.catalog,
        options.permissions,
      );
    },
  });
}
