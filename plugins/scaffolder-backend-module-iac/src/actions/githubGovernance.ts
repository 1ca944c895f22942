import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Octokit } from '@octokit/rest';
import { parseRepoUrl } from './publishLocal';
import { examples } from './githubGovernance.examples';
import { resolveProtection } from './governanceSettings';

type Reviewer = { type: 'User' | 'Team'; id: number; name: string };

export type GovernanceReceipt = {
  repository: string;
  branch: string;
  branchProtection: {
    requiredStatusChecks: string[];
    strict: boolean;
    requiredApprovals: number;
    requireCodeOwnerReviews: boolean;
    dismissStaleReviews: boolean;
    enforceAdmins: boolean;
    allowForcePushes: boolean;
    allowDeletions: boolean;
  };
  environment?: {
    name: string;
    reviewers: string[];
    protectedBranchesOnly: boolean;
  };
  variables: string[];
  /** Every setting read back equals what was requested. */
  verified: boolean;
  mismatches: string[];
};

/**
 * `iac:github:governance`: turns governance on for a repository created by
 * publish:github: branch protection on the default branch as the generated
 * `.github/governance.json` in the workspace defines it (required reviews,
 * code owner review when CODEOWNERS names someone, the required status
 * checks the repository's workflows report, no force pushes or deletions), a protected environment with required
 * reviewers for apply, repository variables for the OIDC identities. Then it
 * reads every setting back and outputs a governance receipt.
 *
 * @public
 */
export function createGithubGovernanceAction(options: {
  integrations: ScmIntegrationRegistry;
}) {
  const { integrations } = options;
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
                .optional()
                .describe(
                  'Required reviewers: "user:<login>" or "team:<org>/<slug>".',
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
      const integration = integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(
          `No GitHub integration for host ${host}; configure integrations.github`,
        );
      }
      const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
        integrations,
      ).getCredentials({ url: `https://${host}/${owner}/${repo}` });
      if (!token) {
        throw new InputError(
          `No token for ${host}/${owner}; configure integrations.github`,
        );
      }
      const octokit = new Octokit({
        auth: token,
        baseUrl: integration.config.apiBaseUrl,
        request: { retries: 0 },
      });
      const { branch, body, source } = await resolveProtection(
        ctx.workspacePath,
        ctx.input,
      );
      const checks = body.required_status_checks?.contexts ?? [];
      const approvals =
        body.required_pull_request_reviews?.required_approving_review_count ??
        0;
      const codeOwners =
        body.required_pull_request_reviews?.require_code_owner_reviews ?? false;
      const variables = ctx.input.variables ?? {};
      for (const name of Object.keys(variables)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
          throw new InputError(`Invalid variable name ${JSON.stringify(name)}`);
        }
      }

      await ctx.checkpoint({
        key: `iac.github.governance.protection.${owner}.${repo}.${branch}`,
        fn: async () => {
          await octokit.request(
            'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
            { owner, repo, branch, ...body },
          );
        },
      });

      let reviewers: Reviewer[] = [];
      const env = ctx.input.environment;
      if (env) {
        reviewers = await Promise.all(
          (env.reviewers ?? []).map(async (ref): Promise<Reviewer> => {
            const [type, name] = ref.split(':', 2);
            if (type === 'user' && name) {
              const { data } = await octokit.request('GET /users/{username}', {
                username: name,
              });
              return { type: 'User', id: data.id, name: `user:${name}` };
            }
            const [org, slug] = (name ?? '').split('/');
            if (type === 'team' && org && slug) {
              const { data } = await octokit.request(
                'GET /orgs/{org}/teams/{team_slug}',
                {
                  org,
                  team_slug: slug,
                },
              );
              return { type: 'Team', id: data.id, name: `team:${org}/${slug}` };
            }
            throw new InputError(
              `Invalid reviewer ${JSON.stringify(
                ref,
              )}: use "user:<login>" or "team:<org>/<slug>"`,
            );
          }),
        );
        await octokit.request(
          'PUT /repos/{owner}/{repo}/environments/{environment_name}',
          {
            owner,
            repo,
            environment_name: env.name,
            reviewers: reviewers.map(r => ({ type: r.type, id: r.id })),
            deployment_branch_policy: {
              protected_branches: true,
              custom_branch_policies: false,
            },
          },
        );
      }

      for (const [name, value] of Object.entries(variables)) {
        try {
          await octokit.request(
            'POST /repos/{owner}/{repo}/actions/variables',
            {
              owner,
              repo,
              name,
              value,
            },
          );
        } catch (error) {
          if ((error as { status?: number }).status !== 409) throw error;
          await octokit.request(
            'PATCH /repos/{owner}/{repo}/actions/variables/{name}',
            {
              owner,
              repo,
              name,
              value,
            },
          );
        }
      }

      // read everything back: the receipt shows what GitHub actually holds
      const { data: protection } = await octokit.request(
        'GET /repos/{owner}/{repo}/branches/{branch}/protection',
        { owner, repo, branch },
      );
      const reviews = protection.required_pull_request_reviews;
      const receipt: GovernanceReceipt = {
        repository: `${host}/${owner}/${repo}`,
        branch,
        branchProtection: {
          requiredStatusChecks:
            protection.required_status_checks?.contexts ?? [],
          strict: protection.required_status_checks?.strict ?? false,
          requiredApprovals: reviews?.required_approving_review_count ?? 0,
          requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
          dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
          enforceAdmins: protection.enforce_admins?.enabled ?? false,
          allowForcePushes: protection.allow_force_pushes?.enabled ?? true,
          allowDeletions: protection.allow_deletions?.enabled ?? true,
        },
        variables: [],
        verified: false,
        mismatches: [],
      };
      if (env) {
        const { data: environment } = await octokit.request(
          'GET /repos/{owner}/{repo}/environments/{environment_name}',
          { owner, repo, environment_name: env.name },
        );
        const rule = (environment.protection_rules ?? []).find(
          (r: { type: string }) => r.type === 'required_reviewers',
        ) as
          | { reviewers?: { type: string; reviewer: { id: number } }[] }
          | undefined;
        const ids = new Set((rule?.reviewers ?? []).map(r => r.reviewer.id));
        receipt.environment = {
          name: environment.name,
          reviewers: reviewers.filter(r => ids.has(r.id)).map(r => r.name),
          protectedBranchesOnly:
            environment.deployment_branch_policy?.protected_branches ?? false,
        };
      }
      const { data: vars } = await octokit.request(
        'GET /repos/{owner}/{repo}/actions/variables',
        {
          owner,
          repo,
          per_page: 100,
        },
      );
      receipt.variables = vars.variables
        .map((v: { name: string }) => v.name)
        .sort();

      const expect = (ok: boolean, what: string) => {
        if (!ok) receipt.mismatches.push(what);
      };
      const bp = receipt.branchProtection;
      expect(
        checks.every(c => bp.requiredStatusChecks.includes(c)),
        'required status checks',
      );
      expect(bp.requiredApprovals === approvals, 'required approvals');
      expect(bp.requireCodeOwnerReviews === codeOwners, 'code owner reviews');
      expect(!bp.allowForcePushes, 'force pushes disabled');
      expect(!bp.allowDeletions, 'deletions disabled');
      if (env) {
        expect(
          receipt.environment?.reviewers.length === reviewers.length,
          'environment reviewers',
        );
      }
      expect(
        Object.keys(variables).every(
          v =>
            receipt.variables.includes(v.toUpperCase()) ||
            receipt.variables.includes(v),
        ),
        'repository variables',
      );
      receipt.verified = receipt.mismatches.length === 0;
      ctx.output('receipt', receipt as unknown as Record<string, unknown>);
      if (!receipt.verified) {
        throw new Error(
          `GitHub did not keep these governance settings: ${receipt.mismatches.join(
            ', ',
          )}`,
        );
      }
      ctx.logger.info(
        `Governance on ${owner}/${repo}: ${branch} protected from ${source} (${checks.join(
          ', ',
        )}; ${approvals} approval(s)${codeOwners ? ', code owners' : ''})${
          env ? `, environment ${env.name}` : ''
        }, ${receipt.variables.length} variable(s)`,
      );
    },
  });
}
