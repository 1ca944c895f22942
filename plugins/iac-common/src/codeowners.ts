/*
 * CODEOWNERS from the owner answered in the form: the owner is a Backstage
 * entity ref; GitHub wants a team or a user. Backstage's GitHub org
 * ingestion names a Group after the team slug and a User after the login, so:
 *
 *   group:<namespace>/<name>  ->  @<github_org>/<name>   (needs github_org)
 *   user:<namespace>/<name>   ->  @<name>
 *   <name> or <namespace>/<name> without a kind: a group
 *
 * Explicit `governance_context.codeowners` win; a ref that gives no valid
 * GitHub handle (a group without github_org, a user name GitHub would not
 * accept) gives no owner.
 */

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GITHUB_TEAM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The GitHub code owner of a Backstage owner ref, or undefined. */
export function codeownerFromOwner(
  owner: string | undefined,
  githubOrg: string | undefined,
): string | undefined {
  if (!owner) return undefined;
  const match = /^(?:([A-Za-z]+):)?(?:[^/:]+\/)?([^/:]+)$/.exec(owner.trim());
  if (!match) return undefined;
  const kind = (match[1] ?? 'group').toLowerCase();
  const name = match[2];
  if (kind === 'user') {
    return GITHUB_LOGIN.test(name) ? `@${name}` : undefined;
  }
  if (kind !== 'group' || !githubOrg || !GITHUB_LOGIN.test(githubOrg)) {
    return undefined;
  }
  return GITHUB_TEAM.test(name) ? `@${githubOrg}/${name}` : undefined;
}

/** The code owners a repository gets: the explicit list, else the mapped owner. */
export function effectiveCodeowners(governance: {
  codeowners?: readonly string[];
  owner?: string;
  github_org?: string;
}): string[] {
  if (governance.codeowners?.length) return [...governance.codeowners];
  const mapped = codeownerFromOwner(governance.owner, governance.github_org);
  return mapped ? [mapped] : [];
}
