/*
 * The governance settings a generated repository carries in
 * `.github/governance.json`: the default branch and the exact body of
 * GitHub's "update branch protection" call. One source: the governance guide
 * applies it with `gh api --input`, `iac:github:governance` reads it from the
 * workspace, and the `required-checks` output check compares its required
 * status checks with the workflows of the repository.
 */

/** Where a generated repository keeps its governance settings. */
export const GOVERNANCE_SETTINGS_FILE = '.github/governance.json';

/** The body of `PUT /repos/{owner}/{repo}/branches/{branch}/protection`. */
export interface BranchProtectionBody {
  required_status_checks: { strict: boolean; contexts: string[] } | null;
  enforce_admins: boolean;
  required_pull_request_reviews: {
    required_approving_review_count: number;
    require_code_owner_reviews: boolean;
    dismiss_stale_reviews: boolean;
  } | null;
  restrictions: null;
  required_linear_history?: boolean;
  allow_force_pushes?: boolean;
  allow_deletions?: boolean;
  required_conversation_resolution?: boolean;
}

export interface GovernanceSettings {
  default_branch: string;
  branch_protection: BranchProtectionBody;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the settings file. Returns the settings or a one-line reason with
 * the JSON path of the first problem.
 */
export function parseGovernanceSettings(
  text: string,
): { ok: true; value: GovernanceSettings } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(raw)) {
    return { ok: false, message: 'must be a JSON object' };
  }
  if (typeof raw.default_branch !== 'string' || !raw.default_branch) {
    return { ok: false, message: 'default_branch: must be a branch name' };
  }
  const protection = raw.branch_protection;
  if (!isObject(protection)) {
    return { ok: false, message: 'branch_protection: must be an object' };
  }
  const checks = protection.required_status_checks;
  if (checks !== null) {
    if (
      !isObject(checks) ||
      !Array.isArray(checks.contexts) ||
      !checks.contexts.every(c => typeof c === 'string' && c.length > 0)
    ) {
      return {
        ok: false,
        message:
          'branch_protection.required_status_checks: must be null or { strict, contexts: [names] }',
      };
    }
  }
  const reviews = protection.required_pull_request_reviews;
  if (
    reviews !== null &&
    (!isObject(reviews) ||
      typeof reviews.required_approving_review_count !== 'number' ||
      typeof reviews.require_code_owner_reviews !== 'boolean')
  ) {
    return {
      ok: false,
      message:
        'branch_protection.required_pull_request_reviews: must be null or { required_approving_review_count, require_code_owner_reviews, dismiss_stale_reviews }',
    };
  }
  return { ok: true, value: raw as unknown as GovernanceSettings };
}

/** The required status check names of the settings (empty when none). */
export function requiredStatusChecks(settings: GovernanceSettings): string[] {
  return settings.branch_protection.required_status_checks?.contexts ?? [];
}
