/*
 * The governance action and the owner's GitHub plan: decided before any
 * write, skipped settings in the receipt, GitHub's 403 when the plan is
 * hidden; and the retry of "Branch not found" right after creation.
 */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RECORDED } from '../__testUtils__/githubStandIn';

import {
  error,
  input,
  KEPT,
  privateRepoOn,
  withStandIn,
} from '../__testUtils__/governanceHarness';

describe('iac:github:governance and the plan', () => {
  it('decides on the plan before any write: a private repository on Free has no branch protection', async () => {
    await withStandIn(privateRepoOn('free'), async ({ action, calls }) => {
      const ctx = createMockActionContext({ input });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'Not applied, nothing written to octocat/hello-world: branch protection on a private repository needs GitHub Pro, Team or Enterprise; the owner\'s plan is "free"; required reviewers of an environment in a private repository need GitHub Enterprise; the owner\'s plan is "free". Make the repository public, change the plan, or set onPlanLimit: skip to apply the rest.',
      );
      expect(calls.map(c => c.method)).toEqual(['GET', 'GET']);
    });
  });

  it('applies what a Team plan allows with onPlanLimit: skip, and says what it skipped', async () => {
    await withStandIn(
      { ...KEPT, ...privateRepoOn('team') },
      async ({ action, calls }) => {
        const ctx = createMockActionContext({
          input: { ...input, onPlanLimit: 'skip' },
        });
        await action.handler(ctx as any);
        // the environment is created without reviewers
        expect(
          calls.find(
            c => c.method === 'PUT' && c.path.includes('/environments/'),
          )?.body,
        ).toEqual({
          deployment_branch_policy: {
            protected_branches: true,
            custom_branch_policies: false,
          },
        });
        expect(ctx.output).toHaveBeenCalledWith(
          'receipt',
          expect.objectContaining({
            plan: {
              visibility: 'private',
              ownerType: 'Organization',
              plan: 'team',
            },
            skipped: [
              {
                setting: 'environment reviewers',
                reason:
                  'required reviewers of an environment in a private repository need GitHub Enterprise; the owner\'s plan is "team"',
              },
            ],
            verified: false,
          }),
        );
      },
    );
  });

  it("turns GitHub's plan 403 into a message naming the setting when the plan is hidden", async () => {
    await withStandIn(
      {
        ...privateRepoOn('free'),
        'GET org': error(404, RECORDED.errors.not_found),
        'PUT protection': error(403, {
          ...RECORDED.errors.forbidden,
          message:
            'Upgrade to GitHub Pro or make this repository public to enable this feature.',
        }),
      },
      async ({ action }) => {
        const ctx = createMockActionContext({ input });
        await expect(action.handler(ctx as any)).rejects.toThrow(
          "GitHub refused branch protection: Upgrade to GitHub Pro or make this repository public to enable this feature. (the owner's plan does not include it for this repository's visibility; set onPlanLimit: skip to apply the rest)",
        );
      },
    );
  });

  it('retries "Branch not found" right after the repository was created', async () => {
    await withStandIn(
      {
        ...KEPT,
        'PUT protection': [
          error(404, {
            ...RECORDED.errors.not_found,
            message: 'Branch not found',
          }),
          error(404, {
            ...RECORDED.errors.not_found,
            message: 'Branch not found',
          }),
          { status: 200, body: RECORDED.branchProtectionUpdate },
        ],
      },
      async ({ action, calls }) => {
        await action.handler(createMockActionContext({ input }) as any);
        expect(
          calls.filter(
            c => c.method === 'PUT' && c.path.endsWith('/protection'),
          ),
        ).toHaveLength(3);
      },
    );
  });
});
