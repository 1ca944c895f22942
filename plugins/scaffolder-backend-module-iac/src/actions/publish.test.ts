import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { iacPublishPermission } from '@iacforge/plugin-iac-common';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RECORDED, startGithubStandIn } from '../__testUtils__/githubStandIn';
import { startGitPushServer } from '../__testUtils__/gitPushServer';
import {
  createIacRepositoryConditionalDecision,
  iacRepositoryConditions,
} from '../permissions';
import { readPublishTarget } from '../publishTarget';
import YAML from 'yaml';
import { createPublishAction, LOCAL_GOVERNANCE_NOTE } from './publish';
import { examples } from './publish.examples';

jest.setTimeout(60_000);

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** A workspace like a generate step leaves (answers file included). */
function workspace(): string {
  const dir = tmp('iacforge-ws-');
  fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), 'kind: Component\n');
  fs.mkdirSync(path.join(dir, '.github'));
  fs.writeFileSync(path.join(dir, '.github', 'CODEOWNERS'), '* @octocat\n');
  fs.mkdirSync(path.join(dir, '.iacforge'));
  fs.writeFileSync(path.join(dir, '.iacforge', 'answers.json'), '{}\n');
  return dir;
}

/** Permissions answering every conditional request with `decision`. */
function permissionsAnswering(decision: PolicyDecision) {
  return mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(() => decision) as never,
  });
}

/** A policy allowing iac.publish only under `owners`. */
const onlyUnder = (owners: string[]) =>
  permissionsAnswering(
    createIacRepositoryConditionalDecision(
      iacPublishPermission,
      iacRepositoryConditions.isInOwnerNamespace({ owners }),
    ),
  );

/** A GitHub target on the stand-in API (with a fixed owner, if given). */
function githubConfig(apiBaseUrl: string, owner?: string) {
  return new ConfigReader({
    iac: {
      publish: { target: 'github', ...(owner && { github: { owner } }) },
    },
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl, token: 'ghp_x' }],
    },
  });
}

/** The action as the module builds it from `config`. */
function publishAction(
  config: ConfigReader,
  extra: Pick<
    Parameters<typeof createPublishAction>[0],
    'localGit' | 'permissions'
  > = {},
) {
  return createPublishAction({
    target: readPublishTarget(config),
    integrations: ScmIntegrations.fromConfig(config),
    config,
    ...extra,
  });
}

/** Clones without blocking the event loop (the git server runs in this process). */
async function clone(remote: string, branch = 'main'): Promise<string> {
  const dir = tmp('iacforge-clone-');
  await promisify(execFile)('git', [
    'clone',
    '--quiet',
    '--branch',
    branch,
    remote,
    dir,
  ]);
  return dir;
}

describe('iac:publish on the embedded git host (iac.publish.target local)', () => {
  const directory = tmp('iacforge-git-');
  const config = new ConfigReader({});
  const action = publishAction(config, {
    localGit: { directory, baseUrl: 'http://localhost:7007/api/iac/git' },
  });

  it('publishes the workspace, says where, and notes that governance is GitHub-only', async () => {
    const ctx = createMockActionContext({
      input: { repoName: 'payments', owner: 'team' },
      workspacePath: workspace(),
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('target', 'local');
    expect(ctx.output).toHaveBeenCalledWith(
      'repoUrl',
      'localhost?owner=team&repo=payments',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'governanceNote',
      LOCAL_GOVERNANCE_NOTE,
    );
    const dir = await clone(path.join(directory, 'team/payments.git'));
    expect(fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8')).toBe(
      'kind: Component\n',
    );
  });

  it("runs its example's publish step; the governance step is guarded by the target", async () => {
    const { steps } = YAML.parse(examples[0].example);
    const publish = steps.find((s: any) => s.action === 'iac:publish');
    const ctx = createMockActionContext({
      input: publish.input,
      workspacePath: workspace(),
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'repoUrl',
      'localhost?owner=platform-team&repo=payments',
    );
    expect(
      steps.find((s: any) => s.action === 'iac:github:governance').if,
    ).toBe("${{ steps.publish.output.target == 'github' }}");
  });

  it("needs an owner, and holds it to the git host's rule (no parameter smuggled into the location)", async () => {
    const run = (owner: string) =>
      action.handler(
        createMockActionContext({
          input: { repoName: 'payments', owner },
          workspacePath: workspace(),
        }) as any,
      );
    await expect(run('')).rejects.toThrow(
      'Invalid input owner "": the embedded git host needs the owner (organisation, team or user) of the repository',
    );
    await expect(run('../x')).rejects.toThrow(
      'Invalid owner "../x": use letters, digits, "_", "." and "-" (at most 100, not ending in .git)',
    );
    await expect(run('a&repo=evil')).rejects.toThrow(
      'Invalid owner "a&repo=evil": use letters, digits, "_", "." and "-" (at most 100, not ending in .git)',
    );
    expect(fs.existsSync(path.join(directory, 'a'))).toBe(false);
  });

  it('refuses a repository name that is not one', async () => {
    const ctx = createMockActionContext({
      input: { repoName: 'a/b', owner: 'team' },
      workspacePath: workspace(),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Invalid input repoName "a/b": use 1-100 letters, digits, ".", "_" or "-"',
    );
  });

  it('says what to change when the embedded git host is off', async () => {
    const off = publishAction(config);
    const ctx = createMockActionContext({
      input: { repoName: 'payments', owner: 'team' },
      workspacePath: workspace(),
    });
    await expect(off.handler(ctx as any)).rejects.toThrow(
      'iac.publish.target is "local" but the embedded git host is off (iac.localGit.enabled: false); enable it or set iac.publish.target to "github"',
    );
  });
});

describe('iac:publish on GitHub (iac.publish.target github), through publish:github', () => {
  it('creates the repository, sets the variables before the first push, pushes, and hands the governance step its repoUrl', async () => {
    // the GitHub API calls made before the first push request
    let apiCallsBeforePush: string[] | undefined;
    let apiCalls: () => string[] = () => [];
    const git = await startGitPushServer(line => {
      if (line.endsWith('/git-receive-pack') && !apiCallsBeforePush) {
        apiCallsBeforePush = apiCalls();
      }
    });
    git.createRepository('octocat', 'Hello-World');
    // GitHub's recorded repository, its clone and web URLs pointed at the
    // local git server
    const created = {
      ...RECORDED.fullRepository,
      clone_url: `${git.url}/octocat/Hello-World.git`,
      html_url: `${git.url}/octocat/Hello-World`,
    };
    const github = await startGithubStandIn({
      'POST user repos': { status: 201, body: created },
    });
    apiCalls = () => github.calls.map(c => `${c.method} ${c.path}`);
    try {
      const action = publishAction(githubConfig(github.baseUrl, 'octocat'), {
        permissions: onlyUnder(['octocat']),
      });
      const ctx = createMockActionContext({
        input: {
          repoName: 'Hello-World',
          owner: 'someone-else',
          description: 'Payments infrastructure',
          repoVariables: {
            AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/plan',
          },
        },
        workspacePath: workspace(),
      });
      await action.handler(ctx as any);

      // the recorded owner is a user: the repository is created for the
      // authenticated user, private, with the description
      const create = github.calls.find(c => c.path === '/user/repos')!;
      expect(create.body).toMatchObject({
        name: 'Hello-World',
        private: true,
        description: 'Payments infrastructure',
        delete_branch_on_merge: true,
      });
      expect(create.auth).toBe('token ghp_x');
      const variable = github.calls.find(
        c => c.path === '/repos/octocat/Hello-World/actions/variables',
      )!;
      expect(variable.body).toEqual({
        name: 'AWS_ROLE_ARN',
        value: 'arn:aws:iam::123456789012:role/plan',
      });
      // no branch protection here: iac:github:governance does it
      expect(github.calls.map(c => c.path)).not.toContain(
        '/repos/octocat/Hello-World/branches/main/protection',
      );
      // the repository and its variable existed before the first push
      expect(apiCallsBeforePush).toEqual([
        'GET /users/octocat',
        'POST /user/repos',
        'POST /repos/octocat/Hello-World/actions/variables',
      ]);

      expect(ctx.output).toHaveBeenCalledWith('target', 'github');
      expect(ctx.output).toHaveBeenCalledWith(
        'repoUrl',
        'github.com?owner=octocat&repo=Hello-World',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'catalogInfoUrl',
        `${git.url}/octocat/Hello-World/blob/main/catalog-info.yaml`,
      );
      const dir = await clone(`${git.url}/octocat/Hello-World.git`);
      expect(
        fs.readFileSync(path.join(dir, '.github', 'CODEOWNERS'), 'utf8'),
      ).toBe('* @octocat\n');
      expect(
        execFileSync('git', ['-C', dir, 'log', '--format=%s'], {
          encoding: 'utf8',
        }).trim(),
      ).toBe('Initial commit');
      // the pristine branch upgrades merge from starts at the pushed commit
      const head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], {
        encoding: 'utf8',
      }).trim();
      expect(
        github.calls.find(c => c.path === '/repos/octocat/Hello-World/git/refs')
          ?.body,
      ).toEqual({ ref: 'refs/heads/iacforge/generated', sha: head });
      expect(ctx.output).toHaveBeenCalledWith('commitHash', head);
      expect(ctx.output).toHaveBeenCalledWith(
        'pristineBranch',
        'iacforge/generated',
      );
    } finally {
      await github.close();
      await git.close();
    }
  });

  it('asks the policy for iac.publish under the owner before anything is created on GitHub', async () => {
    const github = await startGithubStandIn();
    try {
      const action = publishAction(githubConfig(github.baseUrl, 'octocat'), {
        permissions: onlyUnder(['acme']),
      });
      const ctx = createMockActionContext({
        input: { repoName: 'Hello-World' },
        workspacePath: workspace(),
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'You are not allowed to publish a repository under the owner "octocat" (github.com/octocat/Hello-World): the permission policy denied iac.publish.',
      );
      expect(github.calls).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it('fails with what GitHub said when the repository cannot be created', async () => {
    const github = await startGithubStandIn({
      'POST user repos': { status: 403, body: RECORDED.errors.forbidden },
    });
    try {
      const action = publishAction(githubConfig(github.baseUrl));
      const ctx = createMockActionContext({
        input: { repoName: 'Hello-World', owner: 'octocat' },
        workspacePath: workspace(),
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        `Failed to create the User repository octocat/Hello-World, ${RECORDED.errors.forbidden.message}`,
      );
    } finally {
      await github.close();
    }
  });
});

describe('iac.publish configuration', () => {
  it('defaults to the embedded git host; GitHub defaults to private repositories on main', () => {
    expect(readPublishTarget(new ConfigReader({}))).toEqual({ type: 'local' });
    expect(
      readPublishTarget(
        new ConfigReader({ iac: { publish: { target: 'github' } } }),
      ),
    ).toEqual({
      type: 'github',
      host: 'github.com',
      owner: undefined,
      visibility: 'private',
      defaultBranch: 'main',
    });
  });

  it.each([
    [
      { target: 'gitlab' },
      'Invalid config iac.publish.target: "gitlab" is not a publish target; use "local" or "github"',
    ],
    [
      { target: 'github', github: { visibility: 'secret' } },
      'Invalid config iac.publish.github.visibility: "secret" is not a visibility; use "private", "internal", "public"',
    ],
    [
      { target: 'github', github: { owner: 'a b' } },
      'Invalid config iac.publish.github.owner: "a b" is not a GitHub organisation or user name',
    ],
    [
      { target: 'github', github: { defaultBranch: '-x' } },
      'Invalid config iac.publish.github.defaultBranch: "-x" is not a branch name: must not start with "-"',
    ],
    [
      { target: 'github', github: { defaultBranch: 'release..1' } },
      'Invalid config iac.publish.github.defaultBranch: "release..1" is not a branch name: must not contain ".."',
    ],
  ])('names the key and what is allowed: %j', (publish, message) => {
    expect(() =>
      readPublishTarget(new ConfigReader({ iac: { publish } })),
    ).toThrow(message);
  });
});
