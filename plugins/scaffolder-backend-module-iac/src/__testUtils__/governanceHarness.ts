/*
 * The harness of the governance action's tests: the GitHub stand-in with
 * an integration pointing at it, the inputs naming the recorded objects,
 * and recorded answers holding what the inputs ask.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Answer,
  Call,
  RECORDED,
  Route,
  startGithubStandIn,
} from './githubStandIn';
import { createGithubGovernanceAction } from '../actions/githubGovernance';

/** The catalog's reviewers: a User named as GitHub's recorded user, a Group named as its recorded team. */
export const REVIEWER_ENTITIES = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'octocat', namespace: 'default' },
    spec: {},
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'justice-league', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

export async function withStandIn(
  answers: Partial<Record<Route, Answer | Answer[]>>,
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
      action: createGithubGovernanceAction({
        integrations,
        catalog: catalogServiceMock({ entities: REVIEWER_ENTITIES }),
        branchRetryDelayMs: 1,
      }),
      calls: standIn.calls,
    });
  } finally {
    await standIn.close();
  }
}

export const input = {
  repoUrl: 'github.com?owner=octocat&repo=hello-world',
  requiredStatusChecks: ['continuous-integration/travis-ci'],
  requiredApprovals: 2,
  requireCodeOwnerReviews: true,
  environment: {
    name: 'staging',
    reviewers: ['user:octocat', 'group:default/justice-league'],
  },
  variables: { USERNAME: 'octocat', EMAIL: 'octocat@github.com' },
};

/** GitHub's recorded protection, holding what the inputs ask (strict checks, no force pushes or deletions). */
export const KEPT_PROTECTION: Answer = {
  status: 200,
  body: {
    ...RECORDED.branchProtection,
    required_status_checks: {
      ...RECORDED.branchProtection.required_status_checks,
      strict: true,
    },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
  },
};

/** GitHub's recorded environment, with self-review prevented and protected branches only. */
export const KEPT_ENVIRONMENT: Answer = {
  status: 200,
  body: {
    ...RECORDED.environment,
    protection_rules: RECORDED.environment.protection_rules.map(r =>
      r.type === 'required_reviewers' ? { ...r, prevent_self_review: true } : r,
    ),
    deployment_branch_policy: {
      protected_branches: true,
      custom_branch_policies: false,
    },
  },
};

/** Everything GitHub holds as asked. */
export const KEPT = {
  'GET protection': KEPT_PROTECTION,
  'GET environment': KEPT_ENVIRONMENT,
};

/** A private repository of an organisation on `plan`. */
export const privateRepoOn = (plan: string) => ({
  'GET repo': {
    status: 200,
    body: {
      ...RECORDED.fullRepository,
      private: true,
      visibility: 'private',
      owner: { ...RECORDED.fullRepository.owner, type: 'Organization' },
    },
  },
  'GET org': {
    status: 200,
    body: {
      ...RECORDED.organizationFull,
      plan: { ...RECORDED.organizationFull.plan, name: plan },
    },
  },
});

export const REPO = '/repos/octocat/hello-world';
export const error = (status: number, body: unknown): Answer => ({
  status,
  body,
});
