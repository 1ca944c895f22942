import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createGithubGovernanceAction } from './githubGovernance';

type Call = { method: string; path: string; body: any; auth?: string };

/**
 * A local stand-in of the GitHub REST API: it stores what it is told and
 * answers reads from that state, like GitHub would (optionally dropping a
 * setting, to prove the receipt catches it).
 */
function githubStandIn(options: { dropCodeOwners?: boolean } = {}) {
  const calls: Call[] = [];
  const state: {
    protection?: any;
    environments: Record<string, any>;
    variables: Record<string, string>;
  } = {
    environments: {},
    variables: {},
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => {
      raw += c;
    });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      const url = new URL(req.url!, 'http://x');
      calls.push({
        method: req.method!,
        path: url.pathname,
        body,
        auth: req.headers.authorization,
      });
      const send = (status: number, data?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(data === undefined ? '' : JSON.stringify(data));
      };
      const p = url.pathname;
      if (p === '/repos/acme/payments/branches/main/protection') {
        if (req.method === 'PUT') {
          state.protection = body;
          return send(200, {});
        }
        const b = state.protection;
        return send(200, {
          required_status_checks: b.required_status_checks,
          required_pull_request_reviews: {
            ...b.required_pull_request_reviews,
            require_code_owner_reviews: options.dropCodeOwners
              ? false
              : b.required_pull_request_reviews.require_code_owner_reviews,
          },
          enforce_admins: { enabled: b.enforce_admins },
          allow_force_pushes: { enabled: b.allow_force_pushes },
          allow_deletions: { enabled: b.allow_deletions },
        });
      }
      if (p === '/users/alice') return send(200, { id: 101, login: 'alice' });
      if (p === '/orgs/acme/teams/platform')
        return send(200, { id: 202, slug: 'platform' });
      const envMatch = /^\/repos\/acme\/payments\/environments\/([^/]+)$/.exec(
        p,
      );
      if (envMatch) {
        if (req.method === 'PUT') {
          state.environments[envMatch[1]] = body;
          return send(200, {});
        }
        const env = state.environments[envMatch[1]];
        return send(200, {
          name: envMatch[1],
          deployment_branch_policy: env.deployment_branch_policy,
          protection_rules: [
            {
              type: 'required_reviewers',
              reviewers: env.reviewers.map((r: any) => ({
                type: r.type,
                reviewer: { id: r.id },
              })),
            },
          ],
        });
      }
      if (p === '/repos/acme/payments/actions/variables') {
        if (req.method === 'POST') {
          if (state.variables[body.name] !== undefined)
            return send(409, { message: 'exists' });
          state.variables[body.name] = body.value;
          return send(201, {});
        }
        return send(200, {
          total_count: Object.keys(state.variables).length,
          variables: Object.keys(state.variables).map(name => ({ name })),
        });
      }
      const varMatch =
        /^\/repos\/acme\/payments\/actions\/variables\/([^/]+)$/.exec(p);
      if (varMatch && req.method === 'PATCH') {
        state.variables[varMatch[1]] = body.value;
        return send(204);
      }
      return send(404, { message: `Not Found: ${req.method} ${p}` });
    });
  });
  return { server, calls, state };
}

async function withStandIn(
  options: { dropCodeOwners?: boolean },
  run: (args: {
    action: ReturnType<typeof createGithubGovernanceAction>;
    calls: Call[];
    state: any;
  }) => Promise<void>,
) {
  const { server, calls, state } = githubStandIn(options);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: `http://127.0.0.1:${port}`,
            token: 'ghp_test',
          },
        ],
      },
    }),
  );
  try {
    await run({
      action: createGithubGovernanceAction({ integrations }),
      calls,
      state,
    });
  } finally {
    server.close();
  }
}

const input = {
  repoUrl: 'github.com?owner=acme&repo=payments',
  requiredStatusChecks: ['Terraform plan'],
  requireCodeOwnerReviews: true,
  environment: {
    name: 'production',
    reviewers: ['user:alice', 'team:acme/platform'],
  },
  variables: {
    AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/payments-terraform',
  },
};

describe('iac:github:governance', () => {
  it('applies protection, environment and variables, then records what GitHub holds', async () => {
    await withStandIn({}, async ({ action, calls, state }) => {
      state.variables.AWS_ROLE_ARN = 'old';
      const ctx = createMockActionContext({ input });
      await action.handler(ctx as any);
      expect(calls.every(c => c.auth === 'token ghp_test')).toBe(true);
      expect(state.protection).toEqual({
        required_status_checks: { strict: true, contexts: ['Terraform plan'] },
        enforce_admins: true,
        required_pull_request_reviews: {
          required_approving_review_count: 1,
          require_code_owner_reviews: true,
          dismiss_stale_reviews: true,
        },
        restrictions: null,
        allow_force_pushes: false,
        allow_deletions: false,
        required_conversation_resolution: true,
      });
      expect(state.environments.production).toEqual({
        reviewers: [
          { type: 'User', id: 101 },
          { type: 'Team', id: 202 },
        ],
        deployment_branch_policy: {
          protected_branches: true,
          custom_branch_policies: false,
        },
      });
      // existing variable: POST answered 409, then PATCH
      expect(
        calls
          .filter(c => c.path.includes('/actions/variables'))
          .map(c => c.method),
      ).toEqual(['POST', 'PATCH', 'GET']);
      expect(state.variables.AWS_ROLE_ARN).toBe(input.variables.AWS_ROLE_ARN);
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({
          verified: true,
          mismatches: [],
          repository: 'github.com/acme/payments',
          environment: {
            name: 'production',
            reviewers: ['user:alice', 'team:acme/platform'],
            protectedBranchesOnly: true,
          },
          variables: ['AWS_ROLE_ARN'],
        }),
      );
    });
  });

  it('fails the task when GitHub does not keep a setting', async () => {
    await withStandIn({ dropCodeOwners: true }, async ({ action }) => {
      const ctx = createMockActionContext({ input });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        'GitHub did not keep these governance settings: code owner reviews',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({
          verified: false,
          mismatches: ['code owner reviews'],
        }),
      );
    });
  });

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

  it('applies the branch protection of the generated .github/governance.json', async () => {
    await withStandIn({}, async ({ action, state }) => {
      const workspacePath = workspace({
        '.github/governance.json': JSON.stringify(generated),
      });
      const ctx = createMockActionContext({
        input: { repoUrl: input.repoUrl },
        workspacePath,
      });
      await action.handler(ctx as any);
      // the repository's own checks, never a "plan" it has no workflow for
      expect(state.protection).toEqual(generated.branch_protection);
      expect(ctx.output).toHaveBeenCalledWith(
        'receipt',
        expect.objectContaining({ verified: true }),
      );
    });
  });

  it('requires code owner review only when CODEOWNERS names an owner', async () => {
    await withStandIn({}, async ({ action, state }) => {
      const none = workspace({ '.github/CODEOWNERS': '# nobody yet\n' });
      await action.handler(
        createMockActionContext({
          input: { repoUrl: input.repoUrl },
          workspacePath: none,
        }) as any,
      );
      expect(state.protection.required_status_checks).toBeNull();
      expect(
        state.protection.required_pull_request_reviews
          .require_code_owner_reviews,
      ).toBe(false);
      const named = workspace({ '.github/CODEOWNERS': '* @acme/platform\n' });
      await action.handler(
        createMockActionContext({
          input: { repoUrl: input.repoUrl },
          workspacePath: named,
        }) as any,
      );
      expect(
        state.protection.required_pull_request_reviews
          .require_code_owner_reviews,
      ).toBe(true);
    });
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
