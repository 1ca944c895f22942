/*
 * What the repository's GitHub plan allows, decided before any write:
 * branch protection on a private (or internal) repository needs GitHub Pro,
 * Team or Enterprise (403 on Free); required reviewers of an environment in
 * a private repository need GitHub Enterprise. Public repositories have
 * both on every plan. The plan is read where GitHub shows it: the
 * organisation (to its owners) or the authenticated user; when it is not
 * visible, the writes are tried and GitHub's 403 is turned into the same
 * message.
 */
import { InputError } from '@backstage/errors';
import type { Octokit } from '@octokit/rest';

/** The repository's visibility and its owner's plan (when visible). */
export type PlanInfo = {
  visibility: 'public' | 'private' | 'internal';
  ownerType: 'User' | 'Organization';
  /** e.g. free, pro, team, enterprise; undefined when GitHub hides it. */
  plan?: string;
};

/** A governance setting the plan does not allow, and why. */
export type PlanLimit = { setting: string; reason: string };

const status = (error: unknown) => (error as { status?: number }).status;

/** Reads the repository's visibility and its owner's plan. */
export async function readPlan(
  octokit: Octokit,
  owner: string,
  repo: string,
): Promise<PlanInfo> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
    owner,
    repo,
  });
  const visibility =
    (data.visibility as PlanInfo['visibility'] | undefined) ??
    (data.private ? 'private' : 'public');
  const ownerType =
    data.owner?.type === 'Organization' ? 'Organization' : 'User';
  if (visibility === 'public') {
    // every plan protects public repositories
    return { visibility, ownerType };
  }
  let plan: string | undefined;
  try {
    if (ownerType === 'Organization') {
      const org = await octokit.request('GET /orgs/{org}', { org: owner });
      plan = org.data.plan?.name;
    } else {
      const me = await octokit.request('GET /user');
      if (me.data.login?.toLowerCase() === owner.toLowerCase()) {
        plan = (me.data as { plan?: { name?: string } }).plan?.name;
      }
    }
  } catch (error) {
    // the plan is not shown to this token: decide on GitHub's answers
    if (status(error) !== 403 && status(error) !== 404) throw error;
  }
  return { visibility, ownerType, plan: plan?.toLowerCase() };
}

/** The settings `info`'s plan does not allow (none when unknown or public). */
export function planLimits(
  info: PlanInfo,
  wants: { branchProtection: boolean; environmentReviewers: boolean },
): PlanLimit[] {
  if (info.visibility === 'public' || info.plan === undefined) return [];
  const limits: PlanLimit[] = [];
  const where = `${info.visibility} repository`;
  if (wants.branchProtection && info.plan === 'free') {
    limits.push({
      setting: 'branch protection',
      reason: `branch protection on a ${where} needs GitHub Pro, Team or Enterprise; the owner's plan is "${info.plan}"`,
    });
  }
  if (
    wants.environmentReviewers &&
    !['enterprise', 'enterprise_cloud', 'business'].includes(info.plan)
  ) {
    limits.push({
      setting: 'environment reviewers',
      reason: `required reviewers of an environment in a ${where} need GitHub Enterprise; the owner's plan is "${info.plan}"`,
    });
  }
  return limits;
}

/** GitHub's 403 for a feature the plan lacks, as the message above. */
export function planError(error: unknown, setting: string): unknown {
  const message = String((error as { message?: string }).message ?? '');
  if (
    status(error) === 403 &&
    /upgrade to github|enable this feature/i.test(message)
  ) {
    return new InputError(
      `GitHub refused ${setting}: ${message} (the owner's plan does not include it for this repository's visibility; set onPlanLimit: skip to apply the rest)`,
    );
  }
  return error;
}

/**
 * Runs `write`, again after `delayMs`, 2x, 4x… (at most `attempts` times)
 * while GitHub answers 404 "Branch not found": a branch pushed a moment ago
 * is not always visible to the protection endpoint yet.
 */
export async function retryBranchNotFound<T>(
  write: () => Promise<T>,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const delayMs = options.delayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const message = String((error as { message?: string }).message ?? '');
      if (
        attempt >= attempts ||
        status(error) !== 404 ||
        !/branch not found/i.test(message)
      ) {
        throw error;
      }
      await new Promise(r => setTimeout(r, delayMs * 2 ** (attempt - 1)));
    }
  }
}
