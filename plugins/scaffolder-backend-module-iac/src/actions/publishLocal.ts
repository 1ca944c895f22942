import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import {
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { ANSWERS_PATH, PRISTINE_BRANCH } from '@iacforge/plugin-iac-common';
import {
  LocalGitRepositories,
  RepositoryError,
} from '@iacforge/plugin-iac-git-node';
import { authorizePublish } from '../permissions';
import { examples } from './publishLocal.examples';
import { publishedBefore } from './publishedTree';

/** Parses the RepoUrlPicker format `host?owner=x&repo=y`. */
export function parseRepoUrl(repoUrl: string): {
  host: string;
  owner: string;
  repo: string;
} {
  const [host, query = ''] = repoUrl.split('?', 2);
  const params = new URLSearchParams(query);
  const owner = params.get('owner');
  const repo = params.get('repo');
  if (!host || !owner || !repo) {
    throw new InputError(
      `Invalid repoUrl ${JSON.stringify(
        repoUrl,
      )}: expected "<host>?owner=<owner>&repo=<repo>"`,
    );
  }
  return { host, owner, repo };
}

/**
 * A recovered task resumes after its last completed step, on whichever
 * replica claims it: without a shared working directory or a workspace
 * provider, the files of the earlier steps are gone. Publishing an empty
 * repository would be worse than failing: fail with a message.
 */
function assertNotEmpty(sourceDir: string) {
  const entries = fs.existsSync(sourceDir) ? fs.readdirSync(sourceDir) : [];
  if (entries.length === 0) {
    throw new InputError(
      `Nothing to publish: the workspace folder is empty. If this task was recovered on another backend replica, the files of the earlier steps did not survive: give the replicas a shared backend.workingDirectory or a scaffolder workspace provider (docs/production.md), then run the template again.`,
    );
  }
}

/**
 * `iac:publish:local`: publishes the workspace as a new repository on the
 * portal's own git host (the embedded default: works offline). The result
 * can be cloned over HTTP and registered in the catalog, like publish:github.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  /** Folder of the bare repositories (iac.localGit.directory). */
  directory: string;
  /** Public URL of the git host, `${backend.baseUrl}/api/iac/git`. */
  baseUrl: string;
  /**
   * Asks the permission policy for iac.publish on `localhost/<owner>/<repo>`
   * (the task's initiator): a policy can allow some owner namespaces only.
   */
  permissions?: PermissionsService;
}) {
  const repos = new LocalGitRepositories(options.directory);
  return createTemplateAction({
    id: 'iac:publish:local',
    description:
      "Publishes the workspace to a new repository on the portal's local git host (embedded default).",
    examples,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              'Repository location as "<host>?owner=<owner>&repo=<repo>" (RepoUrlPicker format).',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish (default: all of it).',
            ),
        defaultBranch: z =>
          z.string().optional().describe('Branch name (default main).'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe('Commit message (default "Initial commit").'),
      },
      output: {
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
              'For a generated repository (it has .iacforge/answers.json): the branch holding exactly the generated output, which upgrades merge from.',
            ),
      },
    },
    async handler(ctx) {
      const { owner, repo } = parseRepoUrl(ctx.input.repoUrl);
      if (options.permissions) {
        await authorizePublish(
          options.permissions,
          { host: 'localhost', owner, repo },
          await ctx.getInitiatorCredentials(),
        );
      }
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      // names and existence first (the clearer message), then the files
      let exists: boolean;
      try {
        exists = repos.exists(owner, repo);
      } catch (error) {
        if (error instanceof RepositoryError) {
          throw new InputError(error.message);
        }
        throw error;
      }
      if (!exists) {
        assertNotEmpty(sourceDir);
      }
      const result = await ctx.checkpoint({
        key: `iac.publish.local.${owner}.${repo}`,
        fn: async () => {
          if (exists) {
            // recovered after the push, before the checkpoint was saved?
            const own = await publishedBefore(
              repos.repoDir(owner, repo),
              sourceDir,
              ctx.input.defaultBranch ?? 'main',
            );
            if (own) {
              ctx.logger.info(
                `${owner}/${repo} already holds exactly these files (a recovered task): not publishing again`,
              );
              return own;
            }
          }
          try {
            const userName =
              ctx.user?.entity?.spec?.profile?.displayName ?? ctx.user?.ref;
            const email = ctx.user?.entity?.spec?.profile?.email;
            return await repos.createAndPush({
              owner,
              repo,
              sourceDir,
              branch: ctx.input.defaultBranch,
              message: ctx.input.gitCommitMessage,
              // a generated repository: its first commit is the generator's
              // output, the start of the pristine branch upgrades merge from
              pristineBranch: fs.existsSync(path.join(sourceDir, ANSWERS_PATH))
                ? PRISTINE_BRANCH
                : undefined,
              author:
                userName && email
                  ? { name: String(userName), email: String(email) }
                  : undefined,
            });
          } catch (error) {
            if (error instanceof RepositoryError) {
              throw new InputError(error.message);
            }
            throw error;
          }
        },
      });
      const web = `${options.baseUrl}/${owner}/${repo}`;
      ctx.output('remoteUrl', `${web}.git`);
      ctx.output('repoContentsUrl', `${web}/blob/${result.branch}`);
      ctx.output(
        'catalogInfoUrl',
        `${web}/blob/${result.branch}/catalog-info.yaml`,
      );
      ctx.output('commitHash', result.commit);
      if (result.pristineBranch) {
        ctx.output('pristineBranch', result.pristineBranch);
      }
      ctx.logger.info(
        `Published ${owner}/${repo} (${result.commit.slice(
          0,
          12,
        )}): git clone ${web}.git`,
      );
    },
  });
}
