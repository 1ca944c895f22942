import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Octokit } from '@octokit/rest';
import { createGithubEnvironmentAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { githubClient } from '../githubClient';
import { parseRepoUrl } from './publishLocal';
import { examples } from './githubGovernance.examples';
import {
  planError,
  planLimits,
  readPlan,
  retryBranchNotFound,
} from './governancePlan';
import {
  compareReceipt,
  GovernanceRequest,
  readReceipt,
} from './governanceReceipt';
import { resolveProtection } from './governanceSettings';
import { MAX_REVIEWERS, resolveReviewers } from './governanceReviewers';
import { runAction } from './runAction';

export type { GovernanceReceipt } from './governanceReceipt';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Creates a variable, or updates it when it exists (409). */
async function setVariable(
  octokit: Octokit,
  base: string,
  params: Record<string, string>,
  name: string,
  value: string,
) {
  try {
    await octokit.request(`POST ${base}`, { ...params, name, value });
  } catch (error) {
    if ((error as { status?: number }).status !== 409) throw error;
    await octokit.request(`PATCH ${base}/{name}`, { ...params, name, value });
  }
}

function checkVariableNames(where: string, variables: Record<string, string>) {
  for (const name of Object.keys(variables)) {
    if (!VARIABLE_NAME.test(name) || /^GITHUB_/i.test(name)) {
      throw new InputError(
        `Invalid input ${where}: ${JSON.stringify(
          name,
        )} is not a variable name (letters, digits and _, not starting with a digit or GITHUB_)`,
      );
    }
  }
}

/**
 * `iac:github:governance`: turns governance on for a repository created by
 * publish:github: branch protection on the default branch as the generated
 * `.github/governance.json` in the workspace defines it (required reviews,
 * code owner review when CODEOWNERS names someone, the required status
 * checks the repository's workflows report, no force pushes or deletions),
 * a protected environment for apply written by Backstage's
 * `github:environment:create` (required reviewers from the catalog,
 * self-review prevented, protected branches only, the apply identity's
 * variables), and repository variables for the OIDC identities. It decides
 * on the owner's plan before any write (governancePlan.ts), then reads every
 * setting back and outputs a governance receipt (governanceReceipt.ts).
 *
 * @public
 */
export function createGithubGovernanceAction(options: {
  integrations: ScmIntegrationRegistry;
  /** The catalog, where environment reviewers (Users, Groups) are looked up. */
  catalog: CatalogService;
  /** First wait before retrying "Branch not found" (default 1000 ms). */
  branchRetryDelayMs?: number;
}) {
  const { integrations, catalog } = options;
  const environmentAction = createGithubEnvironmentAction({
    integrations,
    catalog,
  });
  return createTemplateAction({
    id: 'iac:github:governance',
    description:
      'Applies branch protection, a protected environment and repository variables on GitHub, then verifies them.',
    examples,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe('Repository as "github.com?owner=<owner>&repo=<repo>".'),
        branch: z =>
          z
            .string()
            .optional()
            .describe(
              'Branch to protect (default: default_branch of .github/governance.json in the workspace, else main).',
            ),
        requiredStatusChecks: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Status check names that must pass (default: the required checks of .github/governance.json in the workspace, else none). Name only checks a workflow of the repository reports on every pull request.',
            ),
        requiredApprovals: z =>
          z
            .number()
            .int()
            .min(0)
            .max(6)
            .optional()
            .describe(
              'Required approving reviews (default: .github/governance.json, else 1).',
            ),
        requireCodeOwnerReviews: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Require a review from code owners (default: .github/governance.json, else true only when .github/CODEOWNERS names an owner).',
            ),
        environment: z =>
          z
            .object({
              name: z.string().describe('Environment name (e.g. production).'),
              reviewers: z
                .array(z.string())
                .max(MAX_REVIEWERS)
                .optional()
                .describe(
                  "Required reviewers (at most 6, GitHub's limit), as github:environment:create takes them: catalog entity refs of Users (name = GitHub login) and Groups (name = team slug of the repository owner). Self-review is prevented.",
                ),
              variables: z
                .record(z.string(), z.string())
                .optional()
                .describe(
                  'Environment variables (e.g. the apply identity: AWS_APPLY_ROLE_ARN).',
                ),
            })
            .optional()
            .describe('Protected environment for apply.'),
        variables: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'Repository variables (e.g. AWS_ROLE_ARN, AZURE_CLIENT_ID, GCP_WORKLOAD_IDENTITY_PROVIDER).',
            ),
        onPlanLimit: z =>
          z
            .enum(['fail', 'skip'])
            .optional()
            .describe(
              'When the plan lacks a setting for this repository (branch protection on a private repository on Free, environment reviewers without Enterprise): fail before any write (default), or apply the rest and list the skipped settings in the receipt.',
            ),
        token: z =>
          z
            .string()
            .optional()
            .describe(
              "The user's GitHub token (RepoUrlPicker requestUserCredentials); default: the integrations.github credentials.",
            ),
      },
      output: {
        receipt: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The governance receipt: settings read back.'),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(ctx.input.repoUrl);
      const octokit = await githubClient(
        integrations,
        host,
        owner,
        repo,
        ctx.input.token,
      );
      const { branch, body, source } = await resolveProtection(
        ctx.workspacePath,
        ctx.input,
      );
      const variables = ctx.input.variables ?? {};
      const env = ctx.input.environment;
      checkVariableNames('variables', variables);
      checkVariableNames('environment.variables', env?.variables ?? {});

      // what the plan allows, before any write
      const plan = await readPlan(octokit, owner, repo);
      const skipped = planLimits(plan, {
        branchProtection: true,
        environmentReviewers: Boolean(env?.reviewers?.length),
      });
      if (skipped.length && (ctx.input.onPlanLimit ?? 'fail') === 'fail') {
        throw new InputError(
          `Not applied, nothing written to ${owner}/${repo}: ${skipped
            .map(l => l.reason)
            .join(
              '; ',
            )}. Make the repository public, change the plan, or set onPlanLimit: skip to apply the rest.`,
        );
      }
      const skip = (setting: string) =>
        skipped.some(l => l.setting === setting);
      const request: GovernanceRequest = { branch, variables };

      if (!skip('branch protection')) {
        request.protection = body;
        await ctx.checkpoint({
          key: `iac.github.governance.protection.${owner}.${repo}.${branch}`,
          fn: async () => {
            try {
              await retryBranchNotFound(
                () =>
                  octokit.request(
                    'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
                    { owner, repo, branch, ...body },
                  ),
                { delayMs: options.branchRetryDelayMs },
              );
            } catch (error) {
              throw planError(error, 'branch protection');
            }
          },
        });
      }

      if (env) {
        const reviewers = skip('environment reviewers')
          ? []
          : await resolveReviewers({
              refs: env.reviewers ?? [],
              catalog,
              credentials: await ctx.getInitiatorCredentials(),
              octokit,
              owner,
            });
        request.environment = {
          name: env.name,
          reviewers: reviewers.map(r => ({ name: r.ref, id: r.id })),
          variables: env.variables ?? {},
        };
        // Backstage's github:environment:create writes the environment,
        // its reviewers and its variables
        try {
          await runAction(environmentAction, ctx, {
            repoUrl: ctx.input.repoUrl,
            name: env.name,
            token: ctx.input.token,
            deploymentBranchPolicy: {
              protected_branches: true,
              custom_branch_policies: false,
            },
            ...(reviewers.length && {
              reviewers: reviewers.map(r => r.ref),
              preventSelfReview: true,
            }),
            ...(env.variables && { environmentVariables: env.variables }),
          });
        } catch (error) {
          throw planError(error, 'environment reviewers');
        }
      }
      for (const [name, value] of Object.entries(variables)) {
        await setVariable(
          octokit,
          '/repos/{owner}/{repo}/actions/variables',
          { owner, repo },
          name,
          value,
        );
      }

      // read everything back: the receipt shows what GitHub actually holds
      const { receipt: read, values } = await readReceipt(
        octokit,
        { host, owner, repo },
        request,
        plan,
        skipped,
      );
      const receipt = compareReceipt(read, request, values);
      ctx.output('receipt', receipt as unknown as Record<string, unknown>);
      for (const limit of skipped) {
        ctx.logger.warn(`Skipped ${limit.setting}: ${limit.reason}`);
      }
      if (receipt.mismatches.length) {
        throw new Error(
          `GitHub does not hold these governance settings: ${receipt.mismatches.join(
            ', ',
          )}`,
        );
      }
      const checks = body.required_status_checks?.contexts ?? [];
      ctx.logger.info(
        `Governance on ${owner}/${repo}: ${
          request.protection
            ? `${branch} protected from ${source} (${checks.join(', ')})`
            : `${branch} not protected (plan)`
        }${env ? `, environment ${env.name}` : ''}, ${
          receipt.variables.length
        } variable(s)${receipt.verified ? ', verified' : ', NOT verified'}`,
      );
    },
  });
}
