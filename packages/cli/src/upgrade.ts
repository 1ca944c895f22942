/*
 * `iacforge upgrade <repo-dir>`: the portal's upgrade on a local clone.
 * Renders the repository's recorded answers (optionally changed) with the
 * current template trees, commits the render on iacforge/generated and
 * merges it into a new local branch iacforge-upgrade-<hex> from main.
 * The work tree and the checked-out branch are left alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Command } from 'commander';
import { formatIssues } from '@iacforge/plugin-iac-common';
import {
  IacEngine,
  PayloadValidationError,
  UpgradeError,
  upgradeRepository,
} from '@iacforge/plugin-iac-node';
import type { CliIO } from './cli';
import { CliError } from './errors';

type Deps = {
  io: CliIO;
  resolve: (p: string) => string;
  engineFor: (roots: string[] | undefined) => IacEngine;
  rootsOption: readonly [string, string];
};

function isGitRepository(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--git-dir'], {
      cwd: dir,
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

function readAnswers(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read --answers ${file}: ${(error as Error).message}`,
      1,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `--answers ${file} is not valid JSON: ${(error as Error).message}`,
      1,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(
      `--answers ${file} must be a JSON object: the payload fields to change, e.g. {"helm_context": {"keda_enabled": true}}`,
      1,
    );
  }
  return value as Record<string, unknown>;
}

export function upgradeCommand(program: Command, deps: Deps) {
  program
    .command('upgrade <repo-dir>')
    .description(
      'upgrade a generated repository (a local clone) to the current template trees: a new branch from main, with conflicts listed',
    )
    .option(
      '--answers <file>',
      'JSON object of changed answers, merged over the recorded payload (null removes a key)',
    )
    .option('--base <branch>', 'branch the upgrade starts from', 'main')
    .option('--dry-run', 'report what the upgrade would do, create no branch')
    .option(
      '--diff',
      "also print the upgrade branch's diff against the base branch, per file (conflict markers included)",
    )
    .option('--json', 'print the result as JSON')
    .option(...deps.rootsOption)
    .action(
      async (
        repoDir: string,
        opts: {
          answers?: string;
          base: string;
          dryRun?: boolean;
          diff?: boolean;
          json?: boolean;
          roots?: string[];
        },
      ) => {
        const dir = deps.resolve(repoDir);
        if (!fs.existsSync(dir) || !isGitRepository(dir)) {
          throw new CliError(
            `${dir} is not a git repository: pass the folder of a clone of the generated repository`,
            1,
          );
        }
        const answers = opts.answers
          ? readAnswers(deps.resolve(opts.answers))
          : undefined;
        const engine = deps.engineFor(opts.roots);
        let result;
        try {
          result = await upgradeRepository({
            repository: dir,
            engine,
            answers,
            baseBranch: opts.base,
            dryRun: opts.dryRun,
            diff: opts.diff,
          });
        } catch (error) {
          if (error instanceof UpgradeError) {
            throw new CliError(error.message, 1);
          }
          if (error instanceof PayloadValidationError) {
            throw new CliError(
              formatIssues(error.issues, 'Invalid answers'),
              1,
            );
          }
          throw error;
        }
        if (opts.json) {
          deps.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        deps.io.stdout(result.summary);
        if (result.diff?.length) {
          deps.io.stdout(
            `\n## Diff against ${result.baseBranch}\n\n${result.diff
              .map(f => f.patch)
              .join('')}`,
          );
        }
        if (result.status === 'created' || result.status === 'existing') {
          deps.io.stdout(
            `\nReview it: git log -p ${result.baseBranch}..${result.branch}\n` +
              `Publish it: git push origin ${result.pristineBranch} ${result.branch}\n` +
              `Merge it with a merge commit (not squash or rebase): the next upgrade starts from it.\n`,
          );
        }
      },
    );
}
