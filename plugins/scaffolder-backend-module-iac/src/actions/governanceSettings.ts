/*
 * The branch protection `iac:github:governance` applies: the generated
 * repository's `.github/governance.json` (the same file the governance guide
 * applies with `gh api`), with the action's inputs taking precedence.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  BranchProtectionBody,
  GOVERNANCE_SETTINGS_FILE,
  parseGovernanceSettings,
} from '@iacforge/plugin-iac-common';

export type ProtectionOverrides = {
  branch?: string;
  requiredStatusChecks?: string[];
  requiredApprovals?: number;
  requireCodeOwnerReviews?: boolean;
};

/** True when a CODEOWNERS text assigns at least one owner. */
export function codeOwnersNamed(text: string): boolean {
  return text
    .split('\n')
    .map(line => line.replace(/#.*$/, '').trim())
    .some(line =>
      line
        .split(/\s+/)
        .slice(1)
        .some(o => o.startsWith('@') || o.includes('@')),
    );
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The branch and protection body to apply: from the workspace's settings
 * file when there is one, else defaults (no required checks; code owner
 * review only when `.github/CODEOWNERS` names someone), then the inputs.
 */
export async function resolveProtection(
  workspacePath: string,
  input: ProtectionOverrides,
): Promise<{ branch: string; body: BranchProtectionBody; source: string }> {
  const text = await readText(
    path.join(workspacePath, GOVERNANCE_SETTINGS_FILE),
  );
  let branch = 'main';
  let body: BranchProtectionBody;
  let source = 'defaults';
  if (text !== undefined) {
    const parsed = parseGovernanceSettings(text);
    if (!parsed.ok) {
      throw new InputError(`${GOVERNANCE_SETTINGS_FILE}: ${parsed.message}`);
    }
    branch = parsed.value.default_branch;
    body = structuredClone(parsed.value.branch_protection);
    source = GOVERNANCE_SETTINGS_FILE;
  } else {
    const owners = await readText(
      path.join(workspacePath, '.github/CODEOWNERS'),
    );
    body = {
      required_status_checks: null,
      enforce_admins: true,
      required_pull_request_reviews: {
        required_approving_review_count: 1,
        require_code_owner_reviews:
          owners !== undefined && codeOwnersNamed(owners),
        dismiss_stale_reviews: true,
      },
      restrictions: null,
      allow_force_pushes: false,
      allow_deletions: false,
      required_conversation_resolution: true,
    };
  }
  if (input.branch !== undefined) branch = input.branch;
  if (input.requiredStatusChecks !== undefined) {
    body.required_status_checks = input.requiredStatusChecks.length
      ? { strict: true, contexts: input.requiredStatusChecks }
      : null;
  }
  if (
    input.requiredApprovals !== undefined ||
    input.requireCodeOwnerReviews !== undefined
  ) {
    const reviews = body.required_pull_request_reviews ?? {
      required_approving_review_count: 1,
      require_code_owner_reviews: false,
      dismiss_stale_reviews: true,
    };
    body.required_pull_request_reviews = {
      ...reviews,
      ...(input.requiredApprovals !== undefined && {
        required_approving_review_count: input.requiredApprovals,
      }),
      ...(input.requireCodeOwnerReviews !== undefined && {
        require_code_owner_reviews: input.requireCodeOwnerReviews,
      }),
    };
  }
  return { branch, body, source };
}
