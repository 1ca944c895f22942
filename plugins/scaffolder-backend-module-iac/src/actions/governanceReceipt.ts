/*
 * The governance receipt: every setting read back from GitHub after the
 * writes, compared with what was asked. It is "verified" only when GitHub
 * holds every setting and something actually protects the branch and the
 * apply environment (a review or a code owner review is required; the
 * environment has reviewers): an empty CODEOWNERS and 0 approvals protect
 * nothing, and a receipt must not say otherwise.
 */
import type { Octokit } from '@octokit/rest';
import type { BranchProtectionBody } from '@iacforge/plugin-iac-common';
import type { PlanInfo, PlanLimit } from './governancePlan';

export type GovernanceReceipt = {
  repository: string;
  branch: string;
  /** The repository's visibility and its owner's plan (when visible). */
  plan: PlanInfo;
  branchProtection?: {
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
    preventSelfReview: boolean;
    protectedBranchesOnly: boolean;
    variables: string[];
  };
  variables: string[];
  /** Settings the plan does not allow, left out (onPlanLimit: skip). */
  skipped: PlanLimit[];
  /** Every setting read back equals what was requested, and something protects. */
  verified: boolean;
  mismatches: string[];
};

/** What the action asked GitHub for. */
export type GovernanceRequest = {
  branch: string;
  protection?: BranchProtectionBody;
  environment?: {
    name: string;
    /** Resolved reviewers (catalog entity refs and GitHub ids). */
    reviewers: { name: string; id: number }[];
    variables: Record<string, string>;
  };
  variables: Record<string, string>;
};

type Variable = { name: string; value: string };

/** Every variable of a list endpoint, page by page. */
async function allVariables(
  octokit: Octokit,
  route: string,
  params: Record<string, string>,
): Promise<Variable[]> {
  const out: Variable[] = [];
  for (let page = 1; ; page++) {
    const { data } = await octokit.request(route, {
      ...params,
      per_page: 30,
      page,
    });
    const { variables, total_count } = data as {
      variables: Variable[];
      total_count: number;
    };
    out.push(...variables);
    if (!variables.length || out.length >= total_count) return out;
  }
}

/** Reads back what GitHub holds for `request`. */
export async function readReceipt(
  octokit: Octokit,
  target: { host: string; owner: string; repo: string },
  request: GovernanceRequest,
  plan: PlanInfo,
  skipped: PlanLimit[],
): Promise<{
  receipt: GovernanceReceipt;
  values: { repo: Variable[]; environment: Variable[] };
}> {
  const { owner, repo } = target;
  const receipt: GovernanceReceipt = {
    repository: `${target.host}/${owner}/${repo}`,
    branch: request.branch,
    plan,
    variables: [],
    skipped,
    verified: false,
    mismatches: [],
  };
  if (request.protection) {
    const { data: p } = await octokit.request(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      { owner, repo, branch: request.branch },
    );
    const reviews = p.required_pull_request_reviews;
    receipt.branchProtection = {
      requiredStatusChecks: p.required_status_checks?.contexts ?? [],
      strict: p.required_status_checks?.strict ?? false,
      requiredApprovals: reviews?.required_approving_review_count ?? 0,
      requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
      dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
      enforceAdmins: p.enforce_admins?.enabled ?? false,
      allowForcePushes: p.allow_force_pushes?.enabled ?? true,
      allowDeletions: p.allow_deletions?.enabled ?? true,
    };
  }
  let environmentValues: Variable[] = [];
  if (request.environment) {
    const envName = request.environment.name;
    const { data: e } = await octokit.request(
      'GET /repos/{owner}/{repo}/environments/{environment_name}',
      { owner, repo, environment_name: envName },
    );
    const rule = (e.protection_rules ?? []).find(
      (r: { type: string }) => r.type === 'required_reviewers',
    ) as
      | {
          prevent_self_review?: boolean;
          reviewers?: { reviewer: { id: number } }[];
        }
      | undefined;
    const ids = new Set((rule?.reviewers ?? []).map(r => r.reviewer.id));
    environmentValues = Object.keys(request.environment.variables).length
      ? await allVariables(
          octokit,
          'GET /repos/{owner}/{repo}/environments/{environment_name}/variables',
          { owner, repo, environment_name: envName },
        )
      : [];
    receipt.environment = {
      name: e.name,
      reviewers: request.environment.reviewers
        .filter(r => ids.has(r.id))
        .map(r => r.name),
      preventSelfReview: rule?.prevent_self_review ?? false,
      protectedBranchesOnly:
        e.deployment_branch_policy?.protected_branches ?? false,
      variables: environmentValues.map(v => v.name).sort(),
    };
  }
  const repoValues = await allVariables(
    octokit,
    'GET /repos/{owner}/{repo}/actions/variables',
    { owner, repo },
  );
  receipt.variables = repoValues.map(v => v.name).sort();
  return {
    receipt,
    values: { repo: repoValues, environment: environmentValues },
  };
}

/** Fills `receipt.mismatches` and `verified` (see the file comment). */
export function compareReceipt(
  receipt: GovernanceReceipt,
  request: GovernanceRequest,
  values: { repo: Variable[]; environment: Variable[] },
): GovernanceReceipt {
  const mismatches: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) mismatches.push(what);
  };
  const asked = request.protection;
  const bp = receipt.branchProtection;
  if (asked && bp) {
    const checks = asked.required_status_checks?.contexts ?? [];
    const reviews = asked.required_pull_request_reviews;
    expect(
      checks.every(c => bp.requiredStatusChecks.includes(c)),
      'required status checks',
    );
    if (asked.required_status_checks) {
      expect(
        bp.strict === asked.required_status_checks.strict,
        'branches up to date before merging (strict)',
      );
    }
    expect(
      bp.requiredApprovals === (reviews?.required_approving_review_count ?? 0),
      'required approvals',
    );
    expect(
      bp.requireCodeOwnerReviews ===
        (reviews?.require_code_owner_reviews ?? false),
      'code owner reviews',
    );
    expect(
      bp.dismissStaleReviews === (reviews?.dismiss_stale_reviews ?? false),
      'stale review dismissal',
    );
    expect(
      bp.enforceAdmins === Boolean(asked.enforce_admins),
      'enforce admins',
    );
    expect(!bp.allowForcePushes, 'force pushes disabled');
    expect(!bp.allowDeletions, 'deletions disabled');
    expect(
      bp.requiredApprovals > 0 || bp.requireCodeOwnerReviews,
      `a review before merging into ${receipt.branch} (0 approvals and no code owner review protect nothing)`,
    );
  }
  const env = request.environment;
  if (env && receipt.environment) {
    expect(
      receipt.environment.reviewers.length === env.reviewers.length,
      'environment reviewers',
    );
    expect(
      env.reviewers.length > 0 ||
        receipt.skipped.some(s => s.setting === 'environment reviewers'),
      `reviewers of environment ${env.name} (without them anyone who can push runs apply)`,
    );
    if (env.reviewers.length) {
      expect(receipt.environment.preventSelfReview, 'prevent self-review');
    }
    expect(
      receipt.environment.protectedBranchesOnly,
      'environment deploys from protected branches only',
    );
    expect(
      sameValues(env.variables, values.environment),
      'environment variables',
    );
  }
  expect(sameValues(request.variables, values.repo), 'repository variables');
  return {
    ...receipt,
    mismatches,
    verified: mismatches.length === 0 && receipt.skipped.length === 0,
  };
}

/** Every asked variable exists with the asked value (names case-insensitive). */
function sameValues(asked: Record<string, string>, held: Variable[]): boolean {
  const byName = new Map(held.map(v => [v.name.toUpperCase(), v.value]));
  return Object.entries(asked).every(
    ([name, value]) => byName.get(name.toUpperCase()) === value,
  );
}
