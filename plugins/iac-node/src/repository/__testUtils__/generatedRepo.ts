/*
 * Test helpers for upgrades: real template trees copied to a temporary
 * root (version A), a "version B" made by editing a copy, a repository
 * generated and published the way the portal does it (LocalGitRepositories
 * with the pristine branch), and a clone to commit user edits from.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IacEngine, GenerateKind, requireGenerated } from '../../engine';
import { writeFiles } from '../../files';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { shippedTemplateRoot } from '../../roots';
import { answersFile, catalogInfoFile, CatalogOptions } from '../repoFiles';

export const tmpDir = (prefix: string) =>
  fs.mkdtempSync(path.join(os.tmpdir(), prefix));

const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

/** Runs git and returns stdout as text. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });
}

/** A copy of the shipped template trees: version A. */
export function copyShippedRoot(): string {
  const root = tmpDir('iacforge-root-');
  fs.cpSync(shippedTemplateRoot(), root, { recursive: true });
  return root;
}

/** A copy of a root, edited by `edit(root)`: version B. */
export function editedRoot(from: string, edit: (root: string) => void): string {
  const root = tmpDir('iacforge-root-b-');
  fs.cpSync(from, root, { recursive: true });
  edit(root);
  return root;
}

/** Sets a tree's version and prepends changelog entries to its manifest. */
export function bumpManifest(
  treeDir: string,
  version: string,
  entries: { version: string; change: string }[],
) {
  const file = path.join(treeDir, 'template.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const changelog = entries
    .map(e => `  - version: ${e.version}\n    changes:\n      - ${e.change}\n`)
    .join('');
  fs.writeFileSync(
    file,
    text
      .replace(/^version: .*$/m, `version: ${version}`)
      .replace(/^changelog:\n/m, `changelog:\n${changelog}`),
  );
}

export const CATALOG: CatalogOptions = { owner: 'group:default/platform-team' };

/**
 * Generates a repository and publishes it on a local git host like
 * iac:publish:local: one commit on main, the pristine branch beside it.
 */
export async function publishGenerated(options: {
  engine: IacEngine;
  kind: GenerateKind;
  payload: unknown;
  repo: string;
  pristine?: boolean;
}) {
  const host = tmpDir('iacforge-host-');
  const result = requireGenerated(
    options.engine.generate(options.kind, options.payload),
  );
  const template = { entityRef: 'template:default/iacforge-service' };
  const workspace = tmpDir('iacforge-ws-');
  await writeFiles(workspace, [
    ...result.files,
    {
      path: '.iacforge/answers.json',
      content: answersFile(result, template, CATALOG),
    },
    {
      path: 'catalog-info.yaml',
      content: catalogInfoFile(result, CATALOG, template),
    },
  ]);
  const repos = new LocalGitRepositories(host);
  await repos.createAndPush({
    owner: 'team',
    repo: options.repo,
    sourceDir: workspace,
    pristineBranch:
      options.pristine === false ? undefined : 'iacforge/generated',
  });
  return { bare: repos.repoDir('team', options.repo), result };
}

/** Clones, lets `edit` change the work tree, commits everything and pushes main. */
export function pushUserEdits(
  bare: string,
  message: string,
  edit: (dir: string) => void,
): void {
  const dir = tmpDir('iacforge-clone-');
  git(dir, 'clone', '--quiet', bare, '.');
  edit(dir);
  git(dir, 'add', '--all', '.');
  git(dir, 'commit', '--quiet', '-m', message);
  git(dir, 'push', '--quiet', 'origin', 'main');
}

/** Every ref of a repository with its commit. */
export const refsOf = (repo: string) =>
  git(repo, 'for-each-ref', '--format=%(refname) %(objectname)');

/** A file at a ref, or undefined. */
export function show(repo: string, ref: string, file: string) {
  try {
    return execFileSync('git', ['show', `${ref}:${file}`], {
      cwd: repo,
      env: ENV,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}
