/*
 * The governance action against a stand-in of the GitHub REST API that
 * answers with GitHub's recorded responses (src/__testUtils__/githubStandIn.ts,
 * src/actions/__fixtures__/github/SOURCE.md). The inputs name the objects of
 * those recordings (octocat, github/justice-league, the USERNAME and EMAIL
 * variables, the "staging" environment).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  Answer,
  Call,
  RECORDED,
  Route,
  startGithubStandIn,
} from '../__testUtils__/githubStandIn';
import { createGithubGovernanceAction } from './githubGovernance';

async function withStandIn(
  answers: Partial<Record<Route, Answer>>,
  run: (args: {
    action: ReturnType<typeof createGithubGovernanceAction>;
    calls: Call[];
  }) => Promise<void>,
) {
  const standIn = await startGithubStandIn(answers);
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: standIn.baseUrl,
            token: 'ghp_test',
          },
        ],
      },
    }),
  );
  try {
    await run({
      action: createGithubGovernanceAction({ integrations }),
      calls: standIn.calls,
    });
  } finally {
    await standIn.close();
  }
}

const input = {
  repoUrl: 'github.com?owner=octocat&repo=hello-world',
  requiredStatusChecks: ['continuous-integration/travis-ci'],
  requiredApprovals: 2,
  requireCodeOwnerReviews: true,
  environment: {
    name: 'staging',
    reviewers: ['user:octocat', 'team:github/justice-league'],
  },
  variables: { USERNAME: 'octocat', EMAIL: 'octocat@github.com' },
};

/** GitHub's recorded protection, with force pushes and deletions off. */
const KEPT_PROTECTION: Answer = {
  status: 200,
  body: {
    ...RECORDED.branchProtection,
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
  },
};

const REPO = '/repos/octocat/hello-world';
const error = (status: number, body: unknown): Answer => ({ status, body });

describe('iac:github:governance', () => {
  /** A workspace holding the given files (relative path → text). */
  function workspace(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'governance-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  const generated = {
    default_branch: 'main',
    branch_protection: {
      required_status_checks: {
        strict: true,
        contexts: ['helm v3.17.2', 'helm v4.1.4'],
      },
      enforce_admins: true,
      required_pull_request_reviews: {
        required_approving_review_count: 2,
        require_code_owner_reviews: false,
        dismiss_stale_reviews: true,
      },
      restrictions: null,
      required_linear_history: true,
      allow_force_pushes: false,
      allow_deletions: false,
    },
  };

  /** The branch protection the action sent (GitHub's answer is the recording). */
  const sentProtection = (calls: Call[]) =>
    calls.find(
      c => c.method === 'PUT' && c.path === `${REPO}/branches/main/protection`,
    )?.body as any;

  it('sends the branch protection of the generated .github/governance.json', async () => {
    await withStandIn({}, async ({ action, calls }) => {
      const workspacePath = workspace({
        '.github/governance.json': JSON.stringify(generated),
      });
      const ctx = createMockActionContext({
        input: { repoUrl: input.repoUrl },
        workspacePath,
      });
      // GitHub's recorded protection differs: the read-back fails the task
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /GitHub did not keep these governance settings/,
      );
      // the repository's own checks, never a "plan" it has no workflow for
      expect(sentProtection(calls)).toEqual(generated.branch_protection);
    });
  });

  it('requires code owner review only when CODEOWNERS names an owner', async () => {
    for (const [codeowners, required] of [
      ['# nobody yet\n', false],
      ['* @acme/platform\n', true],
    ] as const) {
      await withStandIn({}, async ({ action, calls }) => {
        await action
          .handler(
            createMockActionContext({
              input: { repoUrl: input.repoUrl },
              workspacePath: workspace({ '.github/CODEOWNERS': codeowners }),
            }) as any,
          )
          .catch(() => undefined); // the recorded read-back differs
        const sent = sentProtection(calls);
        expect(
          sent.required_pull_request_reviews.require_code_owner_reviews,
        ).toBe(required);
        // no settings file: no check is required
        expect(sent.required_status_checks).toBeNull();
      });
    }
  });

  it('rejects an invalid settings file with its path', async () => {
    await withStandIn({}, async ({ action, calls }) => {
      const workspacePath = workspace({ '.github/governance.json': '{}' });
      await expect(
        action.handler(
          createMockActionContext({
            input: { repoUrl: input.repoUrl },
            workspacePath,
          }) as any,
        ),
      ).rejects.toThrow(
        '.github/governance.json: default_branch: must be a branch name',
      );
      expect(calls).toEqual([]);
    });
  });

  it('sends the governance settings, then records what GitHub answers', async () => {
    await withStandIn(
      { 'GET protection': KEPT_PROTECTION },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({ input });
        await action.handler(ctx as any);
        expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
          `PUT ${REPO}/branches/main/protection`,
          'GET /users/octocat',
          'GET /orgs/github/teams/justice-league',
          `PUT ${REPO}/environments/staging`,
          `POST ${REPO}/actions/variables`,
          `POST ${REPO}/actions/variables`,
          `GET ${REPO}/branches/main/protection`,
          `GET ${REPO}/environments/staging`,
          `GET ${REPO}/actions/variables`,
        ]);
        expect(calls.every(c => c.auth === 'token ghp_test')).toBe(true);
        expect(calls[0].body).toEqual({
          required_status_checks: {
            strict: true,
            contexts: ['continuous-integration/travis-ci'],
          },
          enforce_admins: true,
          required_pull_request_reviews: {
            required_approving_review_count: 2,
            require_code_owner_reviews: true,
            dismiss_stale_reviews: true,
          },
          restrictions: null,
          allow_force_pushes: false,
          allow_deletions: false,
          required_conversation_resolution: true,
        });
        // the recorded user and team both have id 1
        expect(calls[3].body).toEqual({
          reviewers: [
            { type: 'User', id: 1 },
            { type: 'Team', id: 1 },
          ],
          deployment_branch_policy: {
            protected_branches: true,
            custom_branch_policies: false,
          },
        });
        expect(calls.slice(4, 6).map(c => c.body)).toEqual([
          { name: 'USERNAME', value: 'octocat' },
          { name: 'EMAIL', value: 'octocat@github.com' },
        ]);
        // the receipt holds GitHub's answers, including what the action does
        // not check (the recorded environment allows custom branches)
        expect(ctx.output).toHaveBeenCalledWith('receipt', {
          repository: 'github.com/octocat/hello-world',
          branch: 'main',
          branchProtection: {
            requiredStatusChecks: ['continuous-integration/travis-ci'],
            strict: false,
            requiredApprovals: 2,
            requireCodeOwnerReviews: true,
            dismissStaleReviews: true,
            enforceAdmins: true,
            allowForcePushes: false,
            allowDeletions: false,
          },
          environment: {
            name: 'staging',
            reviewers: ['user:octocat', 'team:github/justice-league'],
            protectedBranchesOnly: false,
          },
          variables: ['EMAIL', 'USERNAME'],
          verified: true,
          mismatches: [],
        });
      },
    );
  });

  it("fails the task on GitHub's recorded protection, which allows force pushes and deletions", async () => {
    await withStandIn({}, async ({ action }) => {
      const ctx = createMockActionContext({ input });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'GitHub did not keep these governance settings: force pushes disabled, deletions disabled',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({
          verified: false,
          mismatches: ['force pushes disabled', 'deletions disabled'],
        }),
      );
    });
  });

  it('updates a variable that exists: 409 on create, then PATCH', async () => {
    await withStandIn(
      {
        'GET protection': KEPT_PROTECTION,
        'POST variables': error(409, RECORDED.errors.already_exists),
      },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({
          input: { ...input, variables: { USERNAME: 'hubot' } },
        });
        await action.handler(ctx as any);
        expect(
          calls
            .filter(c => c.path.includes('/actions/variables'))
            .map(c => [c.method, c.path, c.body]),
        ).toEqual([
          [
            'POST',
            `${REPO}/actions/variables`,
            { name: 'USERNAME', value: 'hubot' },
          ],
          ['PATCH', `${REPO}/actions/variables/USERNAME`, { value: 'hubot' }],
          ['GET', `${REPO}/actions/variables`, undefined],
        ]);
      },
    );
  });

  it('stops at a 403 on branch protection (token without admin rights)', async () => {
    await withStandIn(
      { 'PUT protection': error(403, RECORDED.errors.forbidden) },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({ input });
        await expect(action.handler(ctx as any)).rejects.toThrow(
          /^Resource not accessible by integration/,
        );
        expect(calls.map(c => c.method)).toEqual(['PUT']);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );
  });

  it('stops at a 404 for an unknown reviewer, before the environment is written', async () => {
    await withStandIn(
      { 'GET user': error(404, RECORDED.errors.not_found) },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({ input });
        await expect(action.handler(ctx as any)).rejects.toThrow(/^Not Found/);
        expect(calls.some(c => c.path.includes('/environments/'))).toBe(false);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );
  });

  it('stops at a 422 on the environment', async () => {
    await withStandIn(
      { 'PUT environment': error(422, RECORDED.errors.validation_failed) },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({ input });
        await expect(action.handler(ctx as any)).rejects.toThrow(
          /^Validation Failed/,
        );
        expect(calls.some(c => c.path.includes('/actions/variables'))).toBe(
          false,
        );
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );
  });

  it('rejects bad input before calling GitHub', async () => {
    await withStandIn({}, async ({ action, calls }) => {
      await expect(
        action.handler(
          createMockActionContext({
            input: { ...input, repoUrl: 'gitlab.com?owner=a&repo=b' },
          }) as any,
        ),
      ).rejects.toThrow('No GitHub integration for host gitlab.com');
      await expect(
        action.handler(
          createMockActionContext({
            input: { ...input, variables: { 'BAD NAME': 'x' } },
          }) as any,
        ),
      ).rejects.toThrow('Invalid variable name "BAD NAME"');
      expect(calls).toEqual([]);
    });
  });
});
