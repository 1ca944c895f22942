import fs from 'node:fs';
import path from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { Config } from '@backstage/config';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { ANSWERS_PATH, PRISTINE_BRANCH } from '@iacforge/plugin-iac-common';
import { githubClient } from '../githubClient';
import { authorizePublish } from '../permissions';
import { GITHUB_OWNER, PublishTarget } from '../publishTarget';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publish.examples';
import { runAction } from './runAction';

/** The note a Template shows when the target has no governance settings. */
export const LOCAL_GOVERNANCE_NOTE =
  'Governance settings (branch protection, the protected apply environment, repository variables) are applied on GitHub only: the embedded git host has none, so the governance step was skipped. The workflows and policies are in the repository and run once it is pushed to GitHub.';

/** A repository name GitHub accepts (the embedded git host checks its own rule). */
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** `<host>?owner=<owner>&repo=<repo>` (RepoUrlPicker's format), encoded. */
function repoUrlOf(host: string, owner: string, repo: string): string {
  return `${host}?${new URLSearchParams({ owner, repo })}`;
}

/**
 * `iac:publish`: publishes the workspace to the target `iac.publish`
 * configures: the embedded git host (`iac:publish:local`) or GitHub
 * (Backstage's own `publish:github`, with the repository variables set
 * before the first push). The Template entities are the same for both; the
 * `target` output tells later steps (the GitHub governance step runs only
 * when it is `github`).
 *
 * @public
 */
export function createPublishAction(options: {
  target: PublishTarget;
  integrations: ScmIntegrationRegistry;
  config: Config;
  /** The embedded git host, when it is enabled. */
  localGit?: { directory: string; baseUrl: string };
  /** Asks the policy for iac.publish on the owner namespace. */
  permissions?: PermissionsService;
}) {
  const { target, integrations } = options;
  const local = options.localGit
    ? createPublishLocalAction({
        ...options.localGit,
        permissions: options.permissions,
      })
    : undefined;
  const github =
    target.type === 'github'
      ? createPublishGithubAction({
          integrations: options.integrations,
          config: options.config,
        })
      : undefined;
  return createTemplateAction({
    id: 'iac:publish',
    description:
      'Publishes the workspace as a new repository on the target iac.publish configures: the embedded git host or GitHub.',
    examples,
    schema: {
      input: {
        repoName: z =>
          z.string().describe('Name of the new repository (e.g. payments).'),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              'Owner (organisation, team or user) of the repository. On GitHub, iac.publish.github.owner takes precedence when set.',
            ),
        description: z =>
          z.string().optional().describe('Repository description (GitHub).'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Message of the first commit (default "Initial commit").',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish (default: all of it).',
            ),
        repoVariables: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'GitHub Actions repository variables, set before the first push so the first workflow run sees them (GitHub only).',
            ),
        secrets: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'GitHub Actions repository secrets (e.g. LOGS_SPLUNK_TOKEN: ${{ secrets.logs_splunk_token }}), encrypted by publish:github. The embedded git host stores none: the task log names the ones to set.',
            ),
        token: z =>
          z
            .string()
            .optional()
            .describe(
              "The user's GitHub token (e.g. from RepoUrlPicker's requestUserCredentials); default: the integrations.github credentials.",
            ),
      },
      output: {
        target: z =>
          z.enum(['local', 'github']).describe('Where the repository went.'),
        repoUrl: z =>
          z
            .string()
            .describe('The repository as "<host>?owner=<owner>&repo=<repo>".'),
        remoteUrl: z => z.string().describe('Clone URL.'),
        repoContentsUrl: z =>
          z.string().describe('URL of the repository contents at the branch.'),
        catalogInfoUrl: z =>
          z
            .string()
            .describe('URL of catalog-info.yaml, for catalog:register.'),
        commitHash: z => z.string().describe('The commit that was pushed.'),
        pristineBranch: z =>
          z
            .string()
            .optional()
            .describe(
              'For a generated repository: the branch holding exactly the generated output, which upgrades merge from.',
            ),
        governanceNote: z =>
          z
            .string()
            .describe(
              'What happens to the governance settings on this target (shown in the Template output).',
            ),
      },
    },
    async handler(ctx) {
      const { repoName, sourcePath, gitCommitMessage } = ctx.input;
      if (!NAME.test(repoName)) {
        throw new InputError(
          `Invalid input repoName ${JSON.stringify(
            repoName,
          )}: use 1-100 letters, digits, ".", "_" or "-"`,
        );
      }
      if (target.type === 'local') {
        if (!local) {
          throw new InputError(
            'iac.publish.target is "local" but the embedded git host is off (iac.localGit.enabled: false); enable it or set iac.publish.target to "github"',
          );
        }
        // the owner's characters are the git host's rule (iac:publish:local)
        const owner = ctx.input.owner;
        if (!owner) {
          throw new InputError(
            'Invalid input owner "": the embedded git host needs the owner (organisation, team or user) of the repository',
          );
        }
        const repoUrl = repoUrlOf('localhost', owner, repoName);
        const out = await runAction(local, ctx, {
          repoUrl,
          sourcePath,
          gitCommitMessage,
        });
        ctx.output('target', 'local');
        ctx.output('repoUrl', repoUrl);
        ctx.output('remoteUrl', String(out.remoteUrl));
        ctx.output('repoContentsUrl', String(out.repoContentsUrl));
        ctx.output('catalogInfoUrl', String(out.catalogInfoUrl));
        ctx.output('commitHash', String(out.commitHash));
        if (out.pristineBranch) {
          ctx.output('pristineBranch', String(out.pristineBranch));
        }
        ctx.output('governanceNote', LOCAL_GOVERNANCE_NOTE);
        ctx.logger.info(LOCAL_GOVERNANCE_NOTE);
        const secretNames = Object.keys(ctx.input.secrets ?? {});
        if (secretNames.length) {
          ctx.logger.warn(
            `The embedded git host stores no secrets; set ${secretNames.join(
              ', ',
            )} where the workflows run (e.g. as GitHub repository secrets)`,
          );
        }
        return;
      }

      const owner = target.owner ?? ctx.input.owner;
      if (!owner || !GITHUB_OWNER.test(owner)) {
        throw new InputError(
          `Invalid input owner ${JSON.stringify(
            owner ?? '',
          )}: name the GitHub organisation or user (or set iac.publish.github.owner)`,
        );
      }
      if (target.owner && ctx.input.owner && ctx.input.owner !== target.owner) {
        ctx.logger.info(
          `Publishing under ${target.owner} (iac.publish.github.owner), not ${ctx.input.owner}`,
        );
      }
      if (options.permissions) {
        await authorizePublish(
          options.permissions,
          { host: target.host, owner, repo: repoName },
          await ctx.getInitiatorCredentials(),
        );
      }
      const repoUrl = repoUrlOf(target.host, owner, repoName);
      const out = await runAction(github!, ctx, {
        repoUrl,
        description: ctx.input.description,
        repoVisibility: target.visibility,
        defaultBranch: target.defaultBranch,
        gitCommitMessage: gitCommitMessage ?? 'Initial commit',
        sourcePath,
        repoVariables: ctx.input.repoVariables,
        secrets: ctx.input.secrets,
        token: ctx.input.token,
        // branch protection comes from iac:github:governance, which knows
        // the repository's required checks and the plan's limits
        protectDefaultBranch: false,
        deleteBranchOnMerge: true,
      });
      const commitHash = String(out.commitHash);
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        sourcePath ?? '.',
      );
      if (fs.existsSync(path.join(sourceDir, ANSWERS_PATH))) {
        // a generated repository: its first commit is exactly the
        // generator's output, the start of the pristine branch upgrades
        // merge from (the embedded git host does the same in its push)
        await ctx.checkpoint({
          key: `iac.publish.github.pristine.${owner}.${repoName}`,
          fn: async () => {
            const octokit = await githubClient(
              integrations,
              target.host,
              owner,
              repoName,
              ctx.input.token,
            );
            await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
              owner,
              repo: repoName,
              ref: `refs/heads/${PRISTINE_BRANCH}`,
              sha: commitHash,
            });
          },
        });
        ctx.output('pristineBranch', PRISTINE_BRANCH);
      }
      const contents = String(out.repoContentsUrl);
      ctx.output('target', 'github');
      ctx.output('repoUrl', repoUrl);
      ctx.output('remoteUrl', String(out.remoteUrl));
      ctx.output('repoContentsUrl', contents);
      ctx.output(
        'catalogInfoUrl',
        `${contents.replace(/\/$/, '')}/catalog-info.yaml`,
      );
      ctx.output('commitHash', commitHash);
      ctx.output(
        'governanceNote',
        'Governance settings are applied by the next step (iac:github:governance) and read back into its receipt.',
      );
    },
  });
}
