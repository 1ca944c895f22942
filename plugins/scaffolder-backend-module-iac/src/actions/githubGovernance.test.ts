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
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Answer, Call, RECORDED } from '../__testUtils__/githubStandIn';

import {
  error,
  input,
  KEPT,
  KEPT_PROTECTION,
  REPO,
  withStandIn,
} from '../__testUtils__/governanceHarness';

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
        /GitHub does not hold these governance settings/,
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
    await withStandIn(KEPT, async ({ action, calls }) => {
      const ctx = createMockActionContext({ input });
      await action.handler(ctx as any);
      expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
        `GET ${REPO}`,
        `PUT ${REPO}/branches/main/protection`,
        // the reviewers, resolved before any environment write
        'GET /users/octocat',
        'GET /orgs/octocat/teams/justice-league',
        // Backstage's github:environment:create
        `GET ${REPO}`,
        'GET /users/octocat',
        'GET /orgs/octocat/teams/justice-league',
        `PUT ${REPO}/environments/staging`,
        `POST ${REPO}/actions/variables`,
        `POST ${REPO}/actions/variables`,
        `GET ${REPO}/branches/main/protection`,
        `GET ${REPO}/environments/staging`,
        `GET ${REPO}/actions/variables`,
      ]);
      expect(calls.every(c => c.auth === 'token ghp_test')).toBe(true);
      expect(calls[1].body).toEqual({
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
      expect(calls[7].body).toEqual({
        reviewers: [
          { type: 'User', id: 1 },
          { type: 'Team', id: 1 },
        ],
        prevent_self_review: true,
        deployment_branch_policy: {
          protected_branches: true,
          custom_branch_policies: false,
        },
      });
      expect(calls.slice(8, 10).map(c => c.body)).toEqual([
        { name: 'USERNAME', value: 'octocat' },
        { name: 'EMAIL', value: 'octocat@github.com' },
      ]);
      expect(ctx.output).toHaveBeenCalledWith('receipt', {
        repository: 'github.com/octocat/hello-world',
        branch: 'main',
        plan: { visibility: 'public', ownerType: 'User' },
        branchProtection: {
          requiredStatusChecks: ['continuous-integration/travis-ci'],
          strict: true,
          requiredApprovals: 2,
          requireCodeOwnerReviews: true,
          dismissStaleReviews: true,
          enforceAdmins: true,
          allowForcePushes: false,
          allowDeletions: false,
        },
        environment: {
          name: 'staging',
          reviewers: ['user:default/octocat', 'group:default/justice-league'],
          preventSelfReview: true,
          protectedBranchesOnly: true,
          variables: [],
        },
        variables: ['EMAIL', 'USERNAME'],
        skipped: [],
        verified: true,
        mismatches: [],
      });
    });
  });

  it("compares every setting: GitHub's recorded protection and environment differ from what was asked", async () => {
    await withStandIn({}, async ({ action }) => {
      const ctx = createMockActionContext({ input });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'GitHub does not hold these governance settings: branches up to date before merging (strict), force pushes disabled, deletions disabled, prevent self-review, environment deploys from protected branches only',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({ verified: false }),
      );
    });
  });

  it('is never verified when nothing protects the branch or the environment', async () => {
    await withStandIn(
      {
        ...KEPT,
        'GET protection': {
          status: 200,
          body: {
            ...(KEPT_PROTECTION.body as object),
            required_pull_request_reviews: {
              ...RECORDED.branchProtection.required_pull_request_reviews,
              required_approving_review_count: 0,
              require_code_owner_reviews: false,
            },
          },
        },
      },
      async ({ action }) => {
        const ctx = createMockActionContext({
          input: {
            ...input,
            requiredApprovals: 0,
            requireCodeOwnerReviews: false,
            environment: { name: 'staging' },
          },
        });
        await expect(action.handler(ctx as any)).rejects.toThrow(
          'a review before merging into main (0 approvals and no code owner review protect nothing), reviewers of environment staging (without them anyone who can push runs apply)',
        );
      },
    );
  });

  it('compares variable values, not only names', async () => {
    await withStandIn(KEPT, async ({ action }) => {
      const ctx = createMockActionContext({
        input: { ...input, variables: { USERNAME: 'hubot' } },
      });
      // the recorded USERNAME is "octocat"
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'GitHub does not hold these governance settings: repository variables',
      );
    });
  });

  it('reads every page of variables', async () => {
    const page = (names: string[], total: number): Answer => ({
      status: 200,
      body: {
        total_count: total,
        variables: names.map(name => ({
          ...RECORDED.variables.variables[0],
          name,
          value: 'octocat',
        })),
      },
    });
    await withStandIn(
      {
        ...KEPT,
        'GET variables': [page(['USERNAME'], 2), page(['EMAIL'], 2)],
      },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({
          input: { ...input, variables: { EMAIL: 'octocat' } },
        });
        await action.handler(ctx as any);
        expect(
          calls.filter(
            c => c.method === 'GET' && c.path === `${REPO}/actions/variables`,
          ),
        ).toHaveLength(2);
        expect(ctx.output).toHaveBeenCalledWith(
          'receipt',
          expect.objectContaining({
            variables: ['EMAIL', 'USERNAME'],
            verified: true,
          }),
        );
      },
    );
  });

  it('sets the environment variables of the apply identity and reads them back', async () => {
    await withStandIn(KEPT, async ({ action, calls }) => {
      const ctx = createMockActionContext({
        input: {
          ...input,
          environment: {
            ...input.environment,
            variables: { USERNAME: 'octocat' },
          },
        },
      });
      await action.handler(ctx as any);
      expect(
        calls.find(
          c =>
            c.method === 'POST' &&
            c.path === `${REPO}/environments/staging/variables`,
        )?.body,
      ).toEqual(
        expect.objectContaining({ name: 'USERNAME', value: 'octocat' }),
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({
          environment: expect.objectContaining({
            variables: ['EMAIL', 'USERNAME'],
          }),
          verified: true,
        }),
      );
    });
  });

  it('uses the user token when one is given', async () => {
    await withStandIn(KEPT, async ({ action, calls }) => {
      await action.handler(
        createMockActionContext({
          input: { ...input, token: 'gho_user' },
        }) as any,
      );
      expect(calls.every(c => c.auth === 'token gho_user')).toBe(true);
    });
  });

  it('updates a variable that exists: 409 on create, then PATCH', async () => {
    await withStandIn(
      {
        ...KEPT,
        'POST variables': error(409, RECORDED.errors.already_exists),
        'GET variables': {
          status: 200,
          body: {
            ...RECORDED.variables,
            variables: [
              { ...RECORDED.variables.variables[0], value: 'hubot' },
              RECORDED.variables.variables[1],
            ],
          },
        },
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
        expect(calls.map(c => c.method)).toEqual(['GET', 'PUT']);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );
  });

  it('stops at a 404 for an unknown reviewer, before the environment is written', async () => {
    await withStandIn(
      { 'GET user': error(404, RECORDED.errors.not_found) },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({ input });
        await expect(action.handler(ctx as any)).rejects.toThrow(
          'Invalid input environment.reviewers[0]: user:default/octocat is not a GitHub user (no login "octocat"); nothing was written to GitHub',
        );
        expect(calls.some(c => c.path.includes('/environments/'))).toBe(false);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );
  });

  it('stops at a reviewer the catalog does not have, or that is no User or Group, before the environment is written', async () => {
    await withStandIn(KEPT, async ({ action, calls }) => {
      const reviewing = (reviewers: string[]) =>
        action.handler(
          createMockActionContext({
            input: { ...input, environment: { name: 'staging', reviewers } },
          }) as any,
        );
      await expect(
        reviewing(['user:octocat', 'group:default/avengers']),
      ).rejects.toThrow(
        'Invalid input environment.reviewers[1]: group:default/avengers is not in the catalog (nothing was written to GitHub)',
      );
      await expect(reviewing(['component:default/octocat'])).rejects.toThrow(
        'Invalid input environment.reviewers[0]: "component:default/octocat" is a component; use a catalog entity ref of a User (its name is the GitHub login) or a Group (its name is a team slug of the repository owner), e.g. "user:default/octocat" or "group:default/platform"',
      );
      await expect(reviewing(['octocat'])).rejects.toThrow(
        'Invalid input environment.reviewers[0]: "octocat" is not a catalog entity ref',
      );
      expect(calls.some(c => c.path.includes('/environments/'))).toBe(false);
    });
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
      ).rejects.toThrow(
        'Invalid input variables: "BAD NAME" is not a variable name (letters, digits and _, not starting with a digit or GITHUB_)',
      );
      expect(calls).toEqual([]);
    });
  });
});
