/*
 * Where `iac:publish` publishes, read from `iac.publish` (config.d.ts):
 * the embedded git host (`local`, the default) or GitHub (`github`, with
 * its owner, visibility and default branch). The same Template entities
 * work on both; only this configuration changes.
 */
import type { Config } from '@backstage/config';
import { gitBranchNameProblem } from '@iacforge/plugin-iac-common';

/** Repository visibility on GitHub. */
export type GithubVisibility = 'private' | 'internal' | 'public';

/** The configured publish target. */
export type PublishTarget =
  | { type: 'local' }
  | {
      type: 'github';
      /** GitHub host of an `integrations.github` entry (default github.com). */
      host: string;
      /** Organisation or user the repositories are created under, if fixed. */
      owner?: string;
      visibility: GithubVisibility;
      defaultBranch: string;
    };

/** A GitHub organisation or user login. */
export const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

const VISIBILITIES: readonly GithubVisibility[] = [
  'private',
  'internal',
  'public',
];

/** A wrong `iac.publish` setting: the key, what was wrong, what is allowed. */
export class PublishConfigError extends Error {
  constructor(readonly key: string, message: string) {
    super(`Invalid config ${key}: ${message}`);
    this.name = 'PublishConfigError';
  }
}

/** Reads `iac.publish`; throws PublishConfigError naming the key. */
export function readPublishTarget(config: Config): PublishTarget {
  const type = config.getOptionalString('iac.publish.target') ?? 'local';
  if (type === 'local') {
    return { type: 'local' };
  }
  if (type !== 'github') {
    throw new PublishConfigError(
      'iac.publish.target',
      `${JSON.stringify(
        type,
      )} is not a publish target; use "local" or "github"`,
    );
  }
  const visibility =
    config.getOptionalString('iac.publish.github.visibility') ?? 'private';
  if (!(VISIBILITIES as readonly string[]).includes(visibility)) {
    throw new PublishConfigError(
      'iac.publish.github.visibility',
      `${JSON.stringify(
        visibility,
      )} is not a visibility; use ${VISIBILITIES.map(v => `"${v}"`).join(
        ', ',
      )}`,
    );
  }
  const defaultBranch =
    config.getOptionalString('iac.publish.github.defaultBranch') ?? 'main';
  const branchProblem = gitBranchNameProblem(defaultBranch);
  if (branchProblem) {
    throw new PublishConfigError(
      'iac.publish.github.defaultBranch',
      `${JSON.stringify(defaultBranch)} is not a branch name: ${branchProblem}`,
    );
  }
  const owner = config.getOptionalString('iac.publish.github.owner');
  if (owner !== undefined && !GITHUB_OWNER.test(owner)) {
    throw new PublishConfigError(
      'iac.publish.github.owner',
      `${JSON.stringify(owner)} is not a GitHub organisation or user name`,
    );
  }
  return {
    type: 'github',
    host: config.getOptionalString('iac.publish.github.host') ?? 'github.com',
    owner,
    visibility: visibility as GithubVisibility,
    defaultBranch,
  };
}
