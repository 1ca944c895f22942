/*
 * The required reviewers of the apply environment, as Backstage's
 * `github:environment:create` takes them: catalog entity refs of Users (the
 * User's name is the GitHub login) and Groups (the Group's name is a team
 * slug in the repository's organisation). Resolved here before anything is
 * written, so a reviewer the catalog or GitHub does not know stops the task
 * with its field path (Backstage's action would only log it and create the
 * environment with fewer reviewers), and so the read-back can compare ids.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Octokit } from '@octokit/rest';

/** A reviewer: its entity ref, GitHub type and id, and GitHub name. */
export type Reviewer = {
  ref: string;
  type: 'User' | 'Team';
  id: number;
  name: string;
};

/** GitHub's limit of required reviewers of an environment. */
export const MAX_REVIEWERS = 6;

const FORMAT =
  'a catalog entity ref of a User (its name is the GitHub login) or a Group (its name is a team slug of the repository owner), e.g. "user:default/octocat" or "group:default/platform"';

function parseReviewer(ref: string, where: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `Invalid input ${where}: ${JSON.stringify(ref)} is not ${FORMAT}`,
    );
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (kind !== 'user' && kind !== 'group') {
    throw new InputError(
      `Invalid input ${where}: ${JSON.stringify(ref)} is a ${
        parsed.kind
      }; use ${FORMAT}`,
    );
  }
  return stringifyEntityRef({ ...parsed, kind });
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404;
}

/**
 * Resolves each ref through the catalog, then GitHub (user or team id).
 * Errors name the input path (`environment.reviewers[i]`).
 */
export async function resolveReviewers(args: {
  refs: string[];
  catalog: CatalogService;
  credentials: BackstageCredentials;
  octokit: Octokit;
  owner: string;
}): Promise<Reviewer[]> {
  const { refs, catalog, credentials, octokit, owner } = args;
  if (refs.length > MAX_REVIEWERS) {
    throw new InputError(
      `Invalid input environment.reviewers: ${refs.length} reviewers, GitHub allows at most ${MAX_REVIEWERS}`,
    );
  }
  const normalized = refs.map((ref, i) =>
    parseReviewer(ref, `environment.reviewers[${i}]`),
  );
  if (!normalized.length) return [];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: normalized },
    { credentials },
  );
  const reviewers: Reviewer[] = [];
  for (const [i, ref] of normalized.entries()) {
    const where = `environment.reviewers[${i}]`;
    const entity = items[i];
    if (!entity) {
      throw new InputError(
        `Invalid input ${where}: ${ref} is not in the catalog (nothing was written to GitHub)`,
      );
    }
    const name = entity.metadata.name;
    try {
      if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
        const { data } = await octokit.request('GET /users/{username}', {
          username: name,
        });
        reviewers.push({ ref, type: 'User', id: data.id, name: data.login });
      } else {
        const { data } = await octokit.request(
          'GET /orgs/{org}/teams/{team_slug}',
          { org: owner, team_slug: name },
        );
        reviewers.push({ ref, type: 'Team', id: data.id, name: data.slug });
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new InputError(
        `Invalid input ${where}: ${ref} is not a GitHub ${
          entity.kind.toLocaleLowerCase('en-US') === 'user'
            ? `user (no login "${name}")`
            : `team of ${owner} (no team slug "${name}")`
        }; nothing was written to GitHub`,
      );
    }
  }
  return reviewers;
}
