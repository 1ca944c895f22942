/*
 * Where an upgrade goes: the repository named by the action input (the
 * RepoUrlPicker format, or the URL of a file in the repository such as the
 * entity's backstage.io/managed-by-location), and the GitHub side of an
 * upgrade: clone, upgrade, push, open (or find) the pull request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { localGitRepositoryOf } from '@iacforge/plugin-iac-common';
import {
  UpgradeOptions,
  UpgradeResult,
  upgradeRepository,
} from '@iacforge/plugin-iac-node';
import { GitCommandError, runGit } from '@iacforge/plugin-iac-git-node';
import { parseRepoUrl } from './publishLocal';

export type UpgradeTarget = { host: string; owner: string; repo: string };

/** The repository of `repoUrl` or of a file URL in it; InputError naming the field otherwise. */
export function upgradeTargetOf(
  input: { repoUrl?: string; location?: string },
  localBaseUrl: string | undefined,
): UpgradeTarget {
  if (input.repoUrl) return parseRepoUrl(input.repoUrl);
  const raw = input.location?.replace(/^url:/, '');
  if (!raw) {
    throw new InputError(
      'repoUrl or location is required: the repository to upgrade ("<host>?owner=<owner>&repo=<repo>", or the URL of its catalog-info.yaml)',
    );
  }
  const local = localBaseUrl && localGitRepositoryOf(raw, localBaseUrl);
  if (local) return { host: 'localhost', ...local };
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  const [owner, repo] = url?.pathname.split('/').filter(Boolean) ?? [];
  if (!url || !owner || !repo) {
    throw new InputError(
      `location ${JSON.stringify(
        input.location,
      )} is not the URL of a file in a repository on the portal's git host or GitHub`,
    );
  }
  return { host: url.host, owner, repo: repo.replace(/\.git$/, '') };
}

/** An open pull request of the upgrade branch (found or created). */
export type PullRequest = { number: number; url: string; created: boolean };

/**
 * The upgrade of a GitHub repository: a bare clone of every branch,
 * upgradeRepository in it, a push of the pristine and upgrade branches, and
 * the pull request (an open one for the branch is reused).
 */
export async function upgradeOnGithub(options: {
  integrations: ScmIntegrationRegistry;
  target: UpgradeTarget;
  upgrade: Omit<UpgradeOptions, 'repository'>;
  /** Where to clone from (default https://<host>/<owner>/<repo>.git). */
  cloneUrl?: string;
}): Promise<UpgradeResult & { pullRequest?: PullRequest }> {
  const { host, owner, repo } = options.target;
  const integration = options.integrations.github.byHost(host);
  if (!integration) {
    throw new InputError(
      `No GitHub integration for host ${host}; configure integrations.github`,
    );
  }
  const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
    options.integrations,
  ).getCredentials({ url: `https://${host}/${owner}/${repo}` });
  if (!token) {
    throw new InputError(
      `No token for ${host}/${owner}; configure integrations.github`,
    );
  }
  const remote = options.cloneUrl ?? `https://${host}/${owner}/${repo}.git`;
  // the token travels in a header, never in a URL or a file
  const auth = [
    '-c',
    `http.extraHeader=Authorization: Basic ${Buffer.from(
      `x-access-token:${token}`,
    ).toString('base64')}`,
  ];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-upgrade-'));
  try {
    await runGit([...auth, 'clone', '--bare', '--quiet', remote, work]);
    const result = await upgradeRepository({
      ...options.upgrade,
      repository: work,
    });
    if (result.status !== 'created' && result.status !== 'existing') {
      return result;
    }
    if (result.status === 'created') {
      try {
        await runGit(
          [
            ...auth,
            'push',
            '--quiet',
            remote,
            `refs/heads/${result.pristineBranch}:refs/heads/${result.pristineBranch}`,
            `refs/heads/${result.branch}:refs/heads/${result.branch}`,
          ],
          { cwd: work },
        );
      } catch (error) {
        if (error instanceof GitCommandError) {
          throw new InputError(
            `Could not push the upgrade to ${host}/${owner}/${repo}: ${error.stderr.trim()}. If ${
              result.pristineBranch
            } moved meanwhile (another upgrade), run the upgrade again.`,
          );
        }
        throw error;
      }
    }
    const octokit = new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
      request: { retries: 0 },
    });
    const open = await octokit.pulls.list({
      owner,
      repo,
      head: `${owner}:${result.branch}`,
      state: 'open',
    });
    if (open.data.length) {
      const pr = open.data[0];
      return {
        ...result,
        pullRequest: { number: pr.number, url: pr.html_url, created: false },
      };
    }
    const created = await octokit.pulls.create({
      owner,
      repo,
      head: result.branch!,
      base: result.baseBranch,
      title: `IaC Forge upgrade: ${
        result.templates
          .filter(t => t.change === 'upgrade')
          .map(t => `${t.name} ${t.from} → ${t.to}`)
          .join(', ') || 'changed answers'
      }`,
      body: `${result.summary}\nMerge with a merge commit (not squash or rebase): the next upgrade starts from it.\n`,
    });
    return {
      ...result,
      pullRequest: {
        number: created.data.number,
        url: created.data.html_url,
        created: true,
      },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
