/*
 * POST /api/iac/upgrade/preview: the live preview of an upgrade of a
 * repository on the portal's git host. Body `{ location, answers? }`
 * (location: a URL of a file in the repository, e.g. the entity's
 * backstage.io/managed-by-location). Runs the upgrade as a dry run (no ref
 * moves) and answers the summary, the predicted conflicts and the upgrade
 * branch's per-file diff against main. Needs iac.upgrade.
 */
import express from 'express';
import Router from 'express-promise-router';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  iacUpgradePermission,
  localGitRepositoryOf,
} from '@iacforge/plugin-iac-common';
import {
  IacEngine,
  PayloadValidationError,
  templateLine,
  UpgradeError,
  upgradeRepository,
} from '@iacforge/plugin-iac-node';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import type { Authorize } from './authorize';
import { sendIssues } from './issuesResponse';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function createUpgradeRouter(options: {
  engine: IacEngine;
  repos: LocalGitRepositories;
  /** Public URL of the git host, `${backend.baseUrl}/api/iac/git`. */
  gitBaseUrl: string;
  authorize?: Authorize;
}): express.Router {
  const router = Router();
  router.post('/preview', async (req, res) => {
    await options.authorize?.(req, iacUpgradePermission);
    const { location, answers } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof location !== 'string' || !location) {
      throw new InputError(
        "location is required: the URL of a file in the repository (the entity's backstage.io/managed-by-location)",
      );
    }
    if (answers !== undefined && !isObject(answers)) {
      throw new InputError('answers must be an object of changed answers');
    }
    const target = localGitRepositoryOf(location, options.gitBaseUrl);
    if (!target) {
      throw new InputError(
        `location ${JSON.stringify(
          location,
        )} is not on the portal's git host (${
          options.gitBaseUrl
        }); preview an upgrade of another host with iacforge upgrade --dry-run --diff on a clone`,
      );
    }
    if (!options.repos.exists(target.owner, target.repo)) {
      throw new NotFoundError(
        `Repository ${target.owner}/${target.repo} not found on the portal's git host`,
      );
    }
    try {
      const result = await upgradeRepository({
        repository: options.repos.repoDir(target.owner, target.repo),
        engine: options.engine,
        answers,
        dryRun: true,
        diff: true,
      });
      res.json({
        status: result.status,
        branch: result.branch,
        summary: result.summary,
        templates: result.templates.map(templateLine),
        answersChanged: result.answersChanged,
        conflicts: result.conflicts,
        diff: result.diff ?? [],
      });
    } catch (error) {
      if (error instanceof PayloadValidationError) {
        sendIssues(res, error.issues, 'Invalid answers');
        return;
      }
      if (error instanceof UpgradeError) throw new InputError(error.message);
      throw error;
    }
  });
  return router;
}
