import type { PermissionsService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { IacEngine } from '@iacforge/plugin-iac-node';
import type { CatalogLookup } from '../catalogNames';
import {
  commonInputSchema,
  generateOutputSchema,
  runGenerate,
  Z,
} from './generate';
import { examples } from './platformGenerate.examples';

const record = (z: Z, description: string) =>
  z.record(z.string(), z.unknown()).optional().describe(description);

/**
 * `iac:platform:generate`: the unified platform payload → the whole
 * repository tree (Terraform for the cloud unless existing_cluster, the Helm
 * chart, governance, optional GitOps / add-ons / reconciliation), plus
 * `.iacforge/answers.json` and, with `catalog`, `catalog-info.yaml`.
 *
 * @public
 */
export function createPlatformGenerateAction(options: {
  engine: IacEngine;
  /** Checks generated entity names against the catalog (see catalogNames.ts). */
  catalog?: CatalogLookup;
  /** Asks the permission policy for iac.generate (the task's initiator). */
  permissions?: PermissionsService;
}) {
  return createTemplateAction({
    id: 'iac:platform:generate',
    description:
      'Generates Terraform, Helm and governance files for a cloud from the unified platform payload.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cloud: z =>
          z
            .enum(['aws', 'azure', 'gcp'])
            .optional()
            .describe('Target cloud (required unless form is given).'),
        existing_cluster: z =>
          z
            .boolean()
            .optional()
            .describe('Deploy to an existing cluster: Terraform is skipped.'),
        terraform_context: z =>
          record(
            z,
            'Terraform inputs for the new cluster (see the terraform_context schema).',
          ),
        helm_context: z =>
          record(z, 'Helm chart inputs (see the helm_context schema).'),
        terraform_template: z =>
          z
            .string()
            .optional()
            .describe('Terraform template override (default per cloud).'),
        helm_template: z =>
          z
            .string()
            .optional()
            .describe('Helm template override (default per cloud).'),
        enable_native_checks: z =>
          z
            .boolean()
            .optional()
            .describe("Add the cloud's native checks to the workflows."),
        governance_context: z => record(z, 'Governance workflow settings.'),
        addons_context: z =>
          record(z, 'Cluster add-ons (Terraform Helm releases).'),
        gitops_context: z => record(z, 'Flux dev/prod + Flagger + promotion.'),
        reconciliation_context: z =>
          record(z, 'In-cluster Terraform reconciliation.'),
        ...commonInputSchema,
      },
      output: generateOutputSchema,
    },
    async handler(ctx) {
      await runGenerate(
        'platform',
        options.engine,
        ctx,
        options.catalog,
        options.permissions,
      );
    },
  });
}
